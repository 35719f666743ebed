package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.ExternalTool;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * CIS 2, 1.1.11/1.1.12 and the etcd port checks against a real etcd (Debian's etcd-server), each node
 * in its own mount, PID, network and cgroup namespaces (src/test/e2e/etcd-node.sh): etcd runs as the
 * kubelet would run kubeadm's static pod (its manifest's command as argv, its hostPath volumes mounted
 * into its own root), serving TLS on loopback with the node's certificates and writing its data
 * directory in the node tree; beside it, processes whose argv is the kubelet's and the API server's
 * listen on 10250 and 6443. The scan reads the namespace's own /proc (through the namespace init's
 * {@code /proc/<pid>/root/proc}), so argv, sockets and files are all real. A second node runs the same
 * etcd without {@code --client-cert-auth} (nor {@code --trusted-ca-file}, which alone makes etcd require
 * client certificates) and without peer TLS, which etcd proves by answering a client that has no
 * certificate. Needs root, unshare, gcc, openssl and etcd-server/etcd-client
 * (scripts/install-test-deps.sh): fails, never skips, without them.
 */
class RealEtcdScenarioTest {

    private static final String ETCD_MANIFEST = "/etc/kubernetes/manifests/etcd.yaml";
    private static final String PKI = "/etc/kubernetes/pki";

    @TempDir
    static Path work;

    private static final List<Process> STARTED = new ArrayList<>();
    private static ScanReport secure;
    private static ScanReport insecure;
    private static Map<String, Integer> securePids;
    private static Map<String, Integer> insecurePids;
    private static Path insecureDir;

    @BeforeAll
    static void startTwoNodesWithRealEtcds() throws Exception {
        assertEquals("0", ExternalTool.runOk(work, List.of("id", "-u")).strip(), "the namespace test needs root");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/etcd")) && Files.isExecutable(Path.of("/usr/bin/etcdctl")),
                "etcd is missing: run scripts/install-test-deps.sh (Debian packages etcd-server, etcd-client)");
        Path fake = work.resolve("fake-kubelet");
        ExternalTool.runOk(work, List.of("gcc", "-O2", "-o", fake.toString(),
                Path.of("src/test/e2e/fake-kubelet.c").toAbsolutePath().toString()));

        Path secureDir = Files.createDirectory(work.resolve("secure"));
        insecureDir = Files.createDirectory(work.resolve("insecure"));
        NodeTree secureNode = node(secureDir, true);
        NodeTree insecureNode = node(insecureDir, false);
        Running a = start(secureNode, secureDir, fake, true);
        Running b = start(insecureNode, insecureDir, fake, false);
        securePids = a.awaitReady();
        insecurePids = b.awaitReady();
        secure = scan(secureNode, a);
        insecure = scan(insecureNode, b);
    }

    @AfterAll
    static void stopWhatWeStarted() throws InterruptedException {
        for (Process p : STARTED) {
            p.destroy(); // unshare --kill-child ends the namespace's init, and the kernel every process in it
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void kubeadmsEtcdPassesEveryEtcdCheckFromItsRunningCommandLine() {
        String cmdline = "on /proc/" + securePids.get("etcd") + "/cmdline";
        assertResult(secure, "2.1", PASS, "etcd.certFile: /etc/kubernetes/pki/etcd/server.crt;"
                        + " etcd.keyFile: /etc/kubernetes/pki/etcd/server.key",
                "flag --cert-file " + cmdline + "; flag --key-file " + cmdline);
        assertResult(secure, "2.2", PASS, "true", "flag --client-cert-auth " + cmdline);
        assertResult(secure, "2.3", PASS, "false", "default");
        assertResult(secure, "2.4", PASS, "etcd.peerCertFile: /etc/kubernetes/pki/etcd/peer.crt;"
                        + " etcd.peerKeyFile: /etc/kubernetes/pki/etcd/peer.key",
                "flag --peer-cert-file " + cmdline + "; flag --peer-key-file " + cmdline);
        assertResult(secure, "2.5", PASS, "true", "flag --peer-client-cert-auth " + cmdline);
        assertResult(secure, "2.6", PASS, "false", "default");
        assertEquals(WARN, find(secure, "2.7").status()); // a person compares the CAs
    }

    @Test
    void theDataDirectoryEtcdWritesIsCheckedWhereTheManifestMountsIt() {
        assertResult(secure, "1.1.11", PASS, "0700", "/var/lib/etcd");
        assertResult(secure, "1.1.12", PASS, "etcd:etcd", "/var/lib/etcd");
        assertTrue(Files.isDirectory(work.resolve("secure/var/lib/etcd/member")), "etcd wrote its data through the mount");
    }

    @Test
    void theListeningClientAndPeerPortsPassWithTlsAndClientCertificates() {
        assertEquals(PASS, find(secure, "port-2379").status(), find(secure, "port-2379").toString());
        assertEquals(PASS, find(secure, "port-2380").status(), find(secure, "port-2380").toString());
    }

    @Test
    void theApiServerBesideItIsFoundByItsManifestAndArgv() {
        assertEquals("control-plane", secure.role());
        assertResult(secure, "1.2.6", PASS, "Node,RBAC",
                "flag --authorization-mode on /proc/" + securePids.get("kube-apiserver") + "/cmdline");
    }

    @Test
    void withoutClientCertAuthEtcdAnswersAnyoneAndFailsExactlyTheChecksOfWhatWasRemoved() {
        // etcd itself: a client with no certificate is served (the secure one refuses it, see below)
        ExternalTool.Result noCert = etcdctlWithoutClientCertificate(insecureDir);
        assertEquals(0, noCert.exitCode(), noCert.stderr());

        List<String> newFailures = new ArrayList<>(failing(insecure));
        newFailures.removeAll(failing(secure));
        assertEquals(List.of("2.2", "2.4", "2.5", "port-2379", "port-2380"), newFailures);
        assertResult(insecure, "2.2", FAIL, "false", "default");
        assertResult(insecure, "2.5", FAIL, "false", "default");
        assertEquals(FAIL, find(insecure, "2.4").status());
        assertEquals(List.of(), failing(secure).stream().filter(id -> id.startsWith("2.") || id.startsWith("port-23")
                || id.startsWith("1.1.1")).toList());
    }

    @Test
    void theSecureEtcdRefusesAClientWithoutACertificate() {
        ExternalTool.Result noCert = etcdctlWithoutClientCertificate(work.resolve("secure"));
        assertNotEquals(0, noCert.exitCode(), noCert.stdout());
    }

    private static List<String> failing(ScanReport report) {
        return report.results().stream().filter(r -> r.status() == FAIL).map(CheckResult::id).toList();
    }

    /** etcdctl inside that node's network namespace (entered through its etcd), with the CA only. */
    private static ExternalTool.Result etcdctlWithoutClientCertificate(Path dir) {
        Map<String, Integer> pids = dir.equals(insecureDir) ? insecurePids : securePids;
        Running running = dir.equals(insecureDir) ? RUNNING.get("insecure") : RUNNING.get("secure");
        int hostPid = running.hostPidOf(pids.get("etcd"));
        return ExternalTool.run(work, List.of("nsenter", "--net=/proc/" + hostPid + "/ns/net", "etcdctl",
                "--endpoints=https://127.0.0.1:2379", "--cacert=" + dir.resolve("etc/kubernetes/pki/etcd/ca.crt"),
                "--dial-timeout=2s", "--command-timeout=3s", "endpoint", "health"));
    }

    // ---- the node trees -----------------------------------------------------------------------

    /**
     * A kubeadm control plane (the worker layers, kubeadm's API server manifest) with an etcd manifest as
     * kubeadm writes it for etcd 3.4 (cmd/kubeadm/app/phases/etcd/local.go getEtcdCommand), all on
     * loopback, and its PKI (cmd/kubeadm/app/phases/certs: etcd/ca, etcd/server, etcd/peer,
     * etcd/healthcheck-client, apiserver-etcd-client). The data directory is as kubeadm creates it
     * (etcdutil.CreateDataDirectory: 0700), given to the etcd user as CIS 1.1.12 asks.
     */
    private static NodeTree node(Path dir, boolean secureEtcd) throws IOException {
        NodeTree tree = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "kubeadm-control-plane")
                .delete("/etc/kubernetes/manifests/kube-controller-manager.yaml")
                .delete("/etc/kubernetes/manifests/kube-scheduler.yaml")
                .write(ETCD_MANIFEST, etcdManifest(secureEtcd))
                .mode(ETCD_MANIFEST, "rw-------")
                .mode("/etc/kubernetes/manifests/kube-apiserver.yaml", "rw-------")
                .edit("/etc/passwd", "sshd:x:105", "etcd:x:999:999:etcd user:/var/lib/etcd:/usr/sbin/nologin\nsshd:x:105")
                .write("/etc/group", Files.readString(dir.resolve("etc/group")) + "etcd:x:999:\n")
                .directory("/var/lib/etcd")
                .mode("/var/lib/etcd", "rwx------")
                .owner("/var/lib/etcd", 999, 999)
                .directory(PKI + "/etcd");
        Path pki = dir.resolve(PKI.substring(1));
        ca(pki.resolve("etcd"), "ca", "etcd-ca");
        leaf(pki.resolve("etcd"), "server", "cp-1", "serverAuth,clientAuth", pki.resolve("etcd"));
        leaf(pki.resolve("etcd"), "peer", "cp-1", "serverAuth,clientAuth", pki.resolve("etcd"));
        leaf(pki.resolve("etcd"), "healthcheck-client", "kube-etcd-healthcheck-client", "clientAuth", pki.resolve("etcd"));
        leaf(pki, "apiserver-etcd-client", "kube-apiserver-etcd-client", "clientAuth", pki.resolve("etcd"));
        return tree;
    }

    private static String etcdManifest(boolean secureEtcd) {
        String peerTls = secureEtcd ? """
                    - --initial-advertise-peer-urls=https://127.0.0.1:2380
                    - --initial-cluster=cp-1=https://127.0.0.1:2380
                    - --key-file=/etc/kubernetes/pki/etcd/server.key
                    - --listen-client-urls=https://127.0.0.1:2379
                    - --listen-metrics-urls=http://127.0.0.1:2381
                    - --listen-peer-urls=https://127.0.0.1:2380
                    - --name=cp-1
                    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
                    - --peer-client-cert-auth=true
                    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
                    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
                """ : """
                    - --initial-advertise-peer-urls=http://127.0.0.1:2380
                    - --initial-cluster=cp-1=http://127.0.0.1:2380
                    - --key-file=/etc/kubernetes/pki/etcd/server.key
                    - --listen-client-urls=https://127.0.0.1:2379
                    - --listen-metrics-urls=http://127.0.0.1:2381
                    - --listen-peer-urls=http://127.0.0.1:2380
                    - --name=cp-1
                """;
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  labels:
                    component: etcd
                    tier: control-plane
                  name: etcd
                  namespace: kube-system
                spec:
                  containers:
                  - command:
                    - etcd
                    - --advertise-client-urls=https://127.0.0.1:2379
                    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
                """ + (secureEtcd ? "    - --client-cert-auth=true\n" : "") + """
                    - --data-dir=/var/lib/etcd
                    - --experimental-initial-corrupt-check=true
                    - --experimental-watch-progress-notify-interval=5s
                """ + peerTls + """
                    - --snapshot-count=10000
                """ + (secureEtcd ? "    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n" : "") + """
                    image: registry.k8s.io/etcd:3.4.23-0
                    name: etcd
                    volumeMounts:
                    - mountPath: /var/lib/etcd
                      name: etcd-data
                    - mountPath: /etc/kubernetes/pki/etcd
                      name: etcd-certs
                  hostNetwork: true
                  priorityClassName: system-node-critical
                  volumes:
                  - hostPath:
                      path: /etc/kubernetes/pki/etcd
                      type: DirectoryOrCreate
                    name: etcd-certs
                  - hostPath:
                      path: /var/lib/etcd
                      type: DirectoryOrCreate
                    name: etcd-data
                status: {}
                """;
    }

    private static void ca(Path dir, String name, String commonName) {
        ExternalTool.runOk(dir, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-subj", "/CN=" + commonName, "-days", "2"));
    }

    private static void leaf(Path dir, String name, String commonName, String usage, Path caDir) throws IOException {
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=" + usage + "\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
        ExternalTool.runOk(dir, List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + commonName));
        ExternalTool.runOk(dir, List.of("openssl", "x509", "-req", "-in", name + ".csr", "-CA",
                caDir.resolve("ca.crt").toString(), "-CAkey", caDir.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "2", "-out", name + ".crt", "-extfile", ext.toString()));
        Files.delete(ext);
        Files.delete(dir.resolve(name + ".csr"));
    }

    // ---- the processes ------------------------------------------------------------------------

    private static final Map<String, Running> RUNNING = new LinkedHashMap<>();

    /** One node's unshare process and what its script printed. */
    private record Running(Process unshare, BufferedReader out) {

        /** Blocks until the script says "ready" (or fails): the pids it started, in the namespace. */
        Map<String, Integer> awaitReady() throws IOException {
            Map<String, Integer> pids = new LinkedHashMap<>();
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                said.append(line).append('\n');
                if (line.equals("ready")) {
                    return pids;
                }
                if (line.startsWith("pid ")) {
                    String[] parts = line.split(" ");
                    pids.put(parts[1], Integer.parseInt(parts[2]));
                }
            }
            return fail("the node did not come up:\n" + said);
        }

        /** The namespace's init, as the host numbers it: the child unshare forked. */
        long init() throws IOException {
            String children = Files.readString(Path.of("/proc/" + unshare.pid() + "/task/" + unshare.pid() + "/children"));
            return Long.parseLong(children.strip().split(" ")[0]);
        }

        /** The host's pid of the namespace's {@code nsPid}: the last NSpid entry of the one whose... */
        int hostPidOf(int nsPid) {
            try {
                for (String child : Files.readString(Path.of("/proc/" + init() + "/task/" + init() + "/children"))
                        .strip().split(" ")) {
                    List<String> status = Files.readAllLines(Path.of("/proc/" + child + "/status"));
                    for (String l : status) {
                        if (l.startsWith("NSpid:") && l.strip().endsWith("\t" + nsPid)) {
                            return Integer.parseInt(child);
                        }
                    }
                }
            } catch (IOException e) {
                fail("reading the namespace's processes: " + e);
            }
            return fail("no process " + nsPid + " in the namespace");
        }
    }

    private static Running start(NodeTree node, Path dir, Path fake, boolean secureEtcd) throws IOException {
        Path run = Files.createDirectory(work.resolve((secureEtcd ? "secure" : "insecure") + "-run"));
        List<String> etcd = container(dir.resolve(ETCD_MANIFEST.substring(1)));
        Files.write(run.resolve("etcd.argv"), etcd);
        Files.write(run.resolve("kube-apiserver.argv"),
                container(dir.resolve("etc/kubernetes/manifests/kube-apiserver.yaml")));
        Files.write(run.resolve("kubelet.argv"), List.of("/usr/bin/kubelet",
                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml"));
        Files.writeString(run.resolve("etcd.mounts"), "/etc/kubernetes/pki/etcd\t/etc/kubernetes/pki/etcd\n"
                + "/var/lib/etcd\t/var/lib/etcd\n");
        Path pki = dir.resolve("etc/kubernetes/pki/etcd");
        Files.write(run.resolve("etcdctl.args"), List.of("--endpoints=https://127.0.0.1:2379",
                "--cacert=" + pki.resolve("ca.crt"), "--cert=" + pki.resolve("healthcheck-client.crt"),
                "--key=" + pki.resolve("healthcheck-client.key"), "--dial-timeout=1s", "--command-timeout=2s"));
        Process p = new ProcessBuilder("bash", Path.of("src/test/e2e/etcd-node.sh").toAbsolutePath().toString(),
                dir.toString(), run.toString(), fake.toString()).redirectErrorStream(true).start();
        STARTED.add(p);
        Running running = new Running(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        RUNNING.put(secureEtcd ? "secure" : "insecure", running);
        return running;
    }

    @SuppressWarnings("unchecked")
    private static List<String> container(Path manifest) throws IOException {
        Map<String, Object> pod = new org.yaml.snakeyaml.Yaml().load(Files.readString(manifest));
        Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) pod.get("spec"))
                .get("containers")).get(0);
        List<String> argv = new ArrayList<>((List<String>) container.get("command"));
        argv.addAll((List<String>) container.getOrDefault("args", List.of()));
        return argv;
    }

    private static ScanReport scan(NodeTree node, Running running) throws IOException {
        HostRoot root = new HostRoot(node.root(), Path.of("/proc/" + running.init() + "/root/proc"));
        ScannerSettings settings = new ScannerSettings(root, Optional.empty(), "cp-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));
        return Scanner.create(settings).scan();
    }
}
