package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The control-plane reader on kubeadm control-plane trees changed one way at a time: the structured
 * authentication and authorization files (decoded strictly, mapped from container to host paths
 * through the manifest's hostPath mounts), the scheduler's --config, etcd's environment and
 * --config-file, k3s's embedded control plane.
 */
class ControlPlaneReaderTest {

    private static final String APISERVER = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    private static final String APISERVER_POD = "5d0c2b6f0e8a4a1b9c3d7e2f4a6b8c0d";

    @TempDir
    Path dir;

    @Test
    void theAuthorizationConfigFileReplacesTheModeFlag() {
        Map<String, Fact> facts = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-config=/etc/kubernetes/pki/authz.yaml", "/etc/kubernetes/pki/authz.yaml", """
                        apiVersion: apiserver.config.k8s.io/v1
                        kind: AuthorizationConfiguration
                        authorizers:
                          - type: Node
                            name: node
                          - type: RBAC
                            name: rbac
                        """);

        assertEquals(Fact.present(ApiServerAccess.MODES, "Node,RBAC",
                "authorizers in --authorization-config /etc/kubernetes/pki/authz.yaml"), facts.get(ApiServerAccess.MODES));
        // no --authorization-mode: ApplyAuthorization sees no AlwaysAllow, anonymous stays at its default
        assertEquals(Fact.present(ApiServerAccess.ANONYMOUS, "true", "default"), facts.get(ApiServerAccess.ANONYMOUS));
    }

    @Test
    void anAuthorizationFileTheApiServerWouldRefuseMakesBothFactsErrors() {
        Map<String, Fact> facts = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-config=/etc/kubernetes/pki/authz.yaml", "/etc/kubernetes/pki/authz.yaml", """
                        apiVersion: apiserver.config.k8s.io/v1
                        kind: AuthorizationConfiguration
                        authorizers:
                          - type: RBAC
                            nmae: rbac
                        """);

        String reason = "--authorization-config: /etc/kubernetes/pki/authz.yaml: kube-apiserver refuses it: strict"
                + " decoding error: unknown field \"authorizers[0].nmae\"";
        assertEquals(Fact.error(ApiServerAccess.MODES, reason), facts.get(ApiServerAccess.MODES));
        assertEquals(Fact.error(ApiServerAccess.ANONYMOUS, reason), facts.get(ApiServerAccess.ANONYMOUS));
    }

    @Test
    void aDuplicateFieldOrAMissingNameIsRefusedToo() {
        Map<String, Fact> duplicate = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-config=/etc/kubernetes/pki/authz.yaml", "/etc/kubernetes/pki/authz.yaml", """
                        apiVersion: apiserver.config.k8s.io/v1
                        kind: AuthorizationConfiguration
                        authorizers:
                          - type: RBAC
                            name: rbac
                            type: AlwaysAllow
                        """);
        assertEquals(Fact.State.ERROR, duplicate.get(ApiServerAccess.MODES).state());
        assertEquals("--authorization-config: /etc/kubernetes/pki/authz.yaml: kube-apiserver refuses it: strict decoding"
                + " error: yaml: unmarshal errors: line 6: key \"type\" already set in map",
                duplicate.get(ApiServerAccess.MODES).reason());
    }

    @Test
    void aFileOnNoHostPathVolumeCannotBeRead() {
        Map<String, Fact> facts = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-config=/etc/kubernetes/authz.yaml", "/etc/kubernetes/authz.yaml", "kind: x\n");

        assertEquals(Fact.error(ApiServerAccess.MODES, "--authorization-config: --authorization-config"
                + " /etc/kubernetes/authz.yaml is on no hostPath volume of " + APISERVER
                + ": it lives inside the container, which nodeward cannot read"), facts.get(ApiServerAccess.MODES));
    }

    @Test
    void theAnonymousBlockOfTheAuthenticationFileReplacesTheFlag() {
        Map<String, Fact> facts = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-mode=Node,RBAC\n    - --authentication-config=/etc/kubernetes/pki/authn.yaml",
                "/etc/kubernetes/pki/authn.yaml", """
                        apiVersion: apiserver.config.k8s.io/v1beta1
                        kind: AuthenticationConfiguration
                        anonymous:
                          enabled: true
                          conditions:
                            - path: /livez
                            - path: /readyz
                        """);

        assertEquals(Fact.present(ApiServerAccess.ANONYMOUS, "true", "anonymous.enabled in --authentication-config"
                + " /etc/kubernetes/pki/authn.yaml (only for /livez, /readyz)"), facts.get(ApiServerAccess.ANONYMOUS));
    }

    @Test
    void theAnonymousFlagAndAnAnonymousBlockTogetherAreRefused() {
        Map<String, Fact> facts = apiServerWith("--authorization-mode=Node,RBAC",
                "--authorization-mode=Node,RBAC\n    - --anonymous-auth=false\n"
                        + "    - --authentication-config=/etc/kubernetes/pki/authn.yaml",
                "/etc/kubernetes/pki/authn.yaml", """
                        apiVersion: apiserver.config.k8s.io/v1
                        kind: AuthenticationConfiguration
                        anonymous:
                          enabled: false
                        """);

        assertEquals(Fact.error(ApiServerAccess.ANONYMOUS, "kube-apiserver refuses --anonymous-auth together with an"
                + " anonymous block in --authentication-config /etc/kubernetes/pki/authn.yaml, so it does not start"),
                facts.get(ApiServerAccess.ANONYMOUS));
    }

    @Test
    void theSchedulersConfigFileDecidesProfilingAndItsFlagIsIgnored() {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-scheduler")
                .edit("/etc/kubernetes/manifests/kube-scheduler.yaml", "--leader-elect=true",
                        "--leader-elect=true\n    - --profiling=false\n    - --config=/etc/kubernetes/scheduler-config.yaml")
                .edit("/etc/kubernetes/manifests/kube-scheduler.yaml", "  - hostPath:\n      path: /etc/kubernetes/scheduler.conf",
                        "  - hostPath:\n      path: /etc/kubernetes/scheduler-config.yaml\n    name: config\n"
                                + "  - hostPath:\n      path: /etc/kubernetes/scheduler.conf")
                .edit("/etc/kubernetes/manifests/kube-scheduler.yaml", "    volumeMounts:\n",
                        "    volumeMounts:\n    - mountPath: /etc/kubernetes/scheduler-config.yaml\n      name: config\n")
                .write("/etc/kubernetes/scheduler-config.yaml", """
                        apiVersion: kubescheduler.config.k8s.io/v1
                        kind: KubeSchedulerConfiguration
                        clientConnection:
                          kubeconfig: /etc/kubernetes/scheduler.conf
                        """)
                .staticPod(4300, "9c4f6a8b0d2e4f6a8c0e2a4b6d8f0a1b", "/etc/kubernetes/manifests/kube-scheduler.yaml");

        Fact profiling = read(tree).get("kube-scheduler.profiling");

        assertEquals(Fact.present("kube-scheduler.profiling", "true", "default (config file"
                + " /etc/kubernetes/scheduler-config.yaml sets no enableProfiling) (--profiling is ignored with --config)"),
                profiling);
    }

    @Test
    void etcdTakesItsEnvironmentForFlagsNotGiven() {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "etcd")
                .edit("/etc/kubernetes/manifests/etcd.yaml", "    - --client-cert-auth=true\n", "")
                .edit("/etc/kubernetes/manifests/etcd.yaml", "    image: registry.k8s.io/etcd",
                        "    env:\n    - name: ETCD_CLIENT_CERT_AUTH\n      value: \"True\"\n    image: registry.k8s.io/etcd")
                .staticPod(4400, "2b8d0f2a4c6e8a0c2e4a6c8e0a2c4e6f", "/etc/kubernetes/manifests/etcd.yaml");

        assertEquals(Fact.present("etcd.clientCertAuth", "true",
                "env ETCD_CLIENT_CERT_AUTH in manifest /etc/kubernetes/manifests/etcd.yaml"),
                read(tree).get("etcd.clientCertAuth"));
    }

    @Test
    void k3sServerEmbedsTheControlPlaneWhoseSettingsAreK3ssArguments() {
        NodeTree tree = NodeTree.of(dir, "linux-base")
                .process(700, "/usr/local/bin/k3s", "server")
                .write("/proc/700/cgroup", "0::/system.slice/k3s.service\n");

        Map<String, Fact> facts = read(tree);

        assertEquals(Fact.present("control-plane.kube-apiserver", "running", "embedded in k3s server (pid 700)"),
                facts.get("control-plane.kube-apiserver"));
        assertEquals(Fact.present("kube-apiserver.profiling", "false", "k3s default (pkg/daemons/control/server.go)"),
                facts.get("kube-apiserver.profiling"));
        // no --cluster-init, no etcd data: kine, so no etcd on this node
        assertEquals(Fact.State.ABSENT, facts.get("control-plane.etcd").state());
        assertEquals(Fact.present(ControlPlaneReader.ROLE, "control-plane",
                "runs kube-apiserver, kube-controller-manager, kube-scheduler"), facts.get(ControlPlaneReader.ROLE));
    }

    @Test
    void aTrustedCaFileMakesEtcdRequireClientCertificatesWithoutTheFlag() {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "etcd")
                .edit("/etc/kubernetes/manifests/etcd.yaml", "    - --client-cert-auth=true\n", "")
                .staticPod(4400, "2b8d0f2a4c6e8a0c2e4a6c8e0a2c4e6f", "/etc/kubernetes/manifests/etcd.yaml");

        assertEquals(Fact.present("etcd.clientCertAuth", "true", "default, but flag --trusted-ca-file on"
                + " /proc/4400/cmdline makes etcd require and verify client certificates (TLSInfo.ServerConfig)"),
                read(tree).get("etcd.clientCertAuth"));
    }

    @Test
    void aRunningComponentIsNamedByItsProcessAndItsFactsFollowThatProcess() {
        Map<String, Fact> facts = read(NodeTree.kubeadmControlPlane(dir));
        ControlPlaneReader reader = new ControlPlaneReader();

        assertEquals(Fact.present("process.kube-apiserver", "4100", "/proc/4100/cmdline"), facts.get("process.kube-apiserver"));
        assertEquals(Fact.present("control-plane.etcd", "running",
                "/proc/4400/cmdline matches static pod manifest /etc/kubernetes/manifests/etcd.yaml"),
                facts.get("control-plane.etcd"));
        assertEquals(Optional.of("kube-apiserver"), reader.component("kube-apiserver.profiling"));
        assertEquals(Optional.of("etcd"), reader.component("process.etcd"));
        assertEquals(Optional.empty(), reader.component(ControlPlaneReader.ROLE));
    }

    /** The kubeadm node with the API server's manifest flag {@code from} replaced by {@code to}, and a file. */
    private Map<String, Fact> apiServerWith(String from, String to, String file, String content) {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .edit(APISERVER, from, to)
                .write(file, content)
                .staticPod(4100, APISERVER_POD, APISERVER);
        return read(tree);
    }

    /** The process, kubelet and control-plane readers, in the scanner's order; the facts by key, last wins. */
    static Map<String, Fact> read(NodeTree tree) {
        HostScan host = HostScan.of(HostRoot.of(tree.root()));
        HostFacts.Builder known = HostFacts.builder();
        for (FactReader reader : List.of(new ProcessReader(), new KubeletReader(), new ControlPlaneReader())) {
            known.addAll(reader.read(host, known.build()));
        }
        HostFacts facts = known.build();
        Map<String, Fact> byKey = new java.util.HashMap<>();
        facts.all().forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }
}
