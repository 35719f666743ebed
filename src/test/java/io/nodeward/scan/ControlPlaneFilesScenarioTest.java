package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A kubeadm control-plane node scanned whole: CIS 1.1 file checks, the 1.2 audit-log flags, 3.2's
 * audit policy and the upgrade checks. The tree has the modes kubeadm writes
 * (kubernetes/kubernetes, cmd/kubeadm/app/...):
 * <ul>
 *   <li>static pod manifests 0600 ({@code util/staticpod/utils.go} {@code WriteStaticPodToDisk});</li>
 *   <li>kubeconfigs 0600 ({@code util/kubeconfig/kubeconfig.go} {@code WriteToDisk} → client-go
 *       {@code tools/clientcmd/loader.go} {@code WriteToFile});</li>
 *   <li>certificates 0644 and keys 0600, {@code sa.pub} too, directories 0755 ({@code util/pkiutil/pki_helpers.go}
 *       → client-go {@code util/cert/io.go} {@code WriteCert}, {@code util/keyutil/key.go} {@code WriteKey});</li>
 *   <li>the etcd data directory 0700 ({@code util/etcd} {@code CreateDataDirectory});</li>
 *   <li>everything root:root: kubeadm runs as root and never chowns, so CIS 1.1.12 (etcd:etcd) fails.</li>
 * </ul>
 * The node is {@link NodeTree#kubeadmControlPlane}'s, whose components run as their static pods, so
 * the real control-plane reader reads the kube-apiserver and etcd flags from their command lines. The
 * API server's manifest gets the audit flags and volumes of kubeadm's documented audit setup
 * ({@code apiServer.extraArgs} and {@code extraVolumes}, the policy mounted at the same path) before
 * its process starts, so the process still matches its manifest.
 */
class ControlPlaneFilesScenarioTest {

    /** 1.33's end of life is 2026-06-28: 119 days after this. */
    static final Clock MARCH = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    static final String POLICY = "/etc/kubernetes/audit/policy.yaml";

    @TempDir
    Path dir;

    @Test
    void kubeadmControlPlaneGetsTheVerdictsCisImplies() {
        ScanReport report = scan(kubeadmControlPlane(), MARCH);
        GoldenReport.assertMatches("kubeadm-control-plane-files", report);

        assertResult(report, "1.1.1", PASS, "0600", "/etc/kubernetes/manifests/kube-apiserver.yaml");
        assertResult(report, "1.1.8", PASS, "root:root", "/etc/kubernetes/manifests/etcd.yaml");
        // no CNI configuration on this node
        assertEquals(SKIP, find(report, "1.1.9").status());
        assertEquals("file.cni-config.mode: /etc/cni/net.d does not exist", find(report, "1.1.9").reason());
        assertResult(report, "1.1.11", PASS, "0700", "/var/lib/etcd");
        // kubeadm never chowns the data directory
        assertResult(report, "1.1.12", FAIL, "root:root", "/var/lib/etcd");
        assertResult(report, "1.1.13", PASS, "0600 (/etc/kubernetes/admin.conf), 0600 (/etc/kubernetes/super-admin.conf)",
                "/etc/kubernetes/admin.conf, /etc/kubernetes/super-admin.conf");
        assertResult(report, "1.1.17", PASS, "0600", "/etc/kubernetes/controller-manager.conf");
        assertEquals(PASS, find(report, "1.1.19").status());
        assertEquals(PASS, find(report, "1.1.20").status());
        assertEquals(PASS, find(report, "1.1.21").status());
        assertResult(report, "1.2.16", PASS, "/var/log/kubernetes/audit/audit.log",
                "flag --audit-log-path on /proc/4100/cmdline");
        assertResult(report, "1.2.17", PASS, "30", "flag --audit-log-maxage on /proc/4100/cmdline");
        assertResult(report, "3.2.1", PASS, POLICY, "flag --audit-policy-file on /proc/4100/cmdline");
        assertEquals(PASS, find(report, "3.2.2").status());
        assertResult(report, "upgrade-kubelet-eol", PASS, "119", "kubelet v1.33.2: Kubernetes 1.33 end of life "
                + "2026-06-28 (kubernetes-releases.yaml), today 2026-03-01");
        assertResult(report, "upgrade-version-skew", PASS, "within-policy", "kubelet v1.33.2 (/usr/bin/kubelet "
                + "(argv[0] of /proc/1234/cmdline; /proc/1234/exe: no such file)), kube-apiserver v1.33.2 (image "
                + "registry.k8s.io/kube-apiserver:v1.33.2 in /etc/kubernetes/manifests/kube-apiserver.yaml): "
                + "0 minor version(s) apart, 3 allowed");
        // of the file, audit and upgrade checks only 1.1.12 fails; the other control-plane failures are the
        // flags kubeadm leaves at their defaults, as in ControlPlaneScenarioTest, less 1.2.16-1.2.19 which the
        // audit flags pass (the worker layer's unit and sshd modes fail 4.1.x and ssh-* as in the
        // kubeadm-shipped scenario), and nothing is unreadable
        assertEquals(List.of("1.1.12", "1.2.5", "1.2.15", "1.2.30", "1.3.2", "1.4.1"), ids(report, FAIL).stream()
                .filter(id -> id.startsWith("1.") || id.startsWith("3.") || id.startsWith("upgrade")).toList());
        assertEquals(List.of(), ids(report, ERROR));
    }

    @Test
    void aKeyReadableByAllIsNamedInTheUnscoredKeyCheck() {
        NodeTree node = kubeadmControlPlane().mode("/etc/kubernetes/pki/etcd/peer.key", "rw-r--r--");

        ScanReport report = scan(node, MARCH);

        // CIS scores 1.1.21 as Manual: a failure is WARN, naming the one key out of eleven
        assertResult(report, "1.1.21", WARN, "0644 (/etc/kubernetes/pki/etcd/peer.key)",
                "/etc/kubernetes/pki/etcd/peer.key");
    }

    @Test
    void aPkiFileOwnedBySomeoneElseFailsTheOwnershipCheck() {
        NodeTree node = kubeadmControlPlane().owner("/etc/kubernetes/pki/etcd", 1000, 1000);

        ScanReport report = scan(node, MARCH);

        assertResult(report, "1.1.19", FAIL, "ubuntu:ubuntu (/etc/kubernetes/pki/etcd)", "/etc/kubernetes/pki/etcd");
    }

    @Test
    void anAuditPolicyThatLogsSecretBodiesFails322() {
        NodeTree node = kubeadmControlPlane().write(POLICY, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: Metadata
                    resources: [{group: "", resources: ["configmaps"]}]
                  - level: RequestResponse
                """);

        ScanReport report = scan(node, MARCH);

        CheckResult result = find(report, "3.2.2");
        assertEquals(FAIL, result.status());
        assertEquals("audit.secrets.bodiesLogged: true", result.actual());
        assertEquals(POLICY + ": rule 2 (level RequestResponse) matches get secrets named nodeward-any-name in "
                + "namespace nodeward-any-namespace by user nodeward-any-user (groups system:authenticated)",
                result.source());
    }

    @Test
    void thePolicyIsReadWhereTheApiServersHostPathMountPutsIt() {
        // the container's /etc/kubernetes/audit is the host's /srv/audit-config; what the host has at
        // /etc/kubernetes/audit/policy.yaml is not what the API server reads
        NodeTree node = kubeadmControlPlane("/srv/audit-config")
                .write("/srv/audit-config/policy.yaml", io.nodeward.host.audit.AuditPolicyReaderTestPolicies.MINIMAL)
                .write(POLICY, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: RequestResponse\n");

        ScanReport report = scan(node, MARCH);

        assertResult(report, "3.2.1", PASS, "/srv/audit-config/policy.yaml",
                "flag --audit-policy-file on /proc/4100/cmdline (" + POLICY + " in the container)");
        assertEquals(PASS, find(report, "3.2.2").status());
    }

    @Test
    void aPolicyOnNoHostPathVolumeIsAnErrorNotTheHostsFileAtThatPath() {
        ScanReport report = scan(kubeadmControlPlane(null), MARCH);

        assertEquals(ERROR, find(report, "3.2.1").status());
        assertEquals("audit.policyFile: cannot tell which audit policy: kube-apiserver.auditPolicyFile is unknown"
                + " (--audit-policy-file " + POLICY + " is on no hostPath volume of " + APISERVER_MANIFEST
                + ": it lives inside the container, which nodeward cannot read)", find(report, "3.2.1").reason());
    }

    @Test
    void aPolicyWithoutRulesIsAnErrorWithTheApiServersReason() {
        NodeTree node = kubeadmControlPlane().write(POLICY, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n");

        ScanReport report = scan(node, MARCH);

        assertEquals(ERROR, find(report, "3.2.1").status());
        assertEquals("audit.policyFile: audit policy " + POLICY + ": kube-apiserver refuses it: "
                + "loaded illegal policy with 0 rules", find(report, "3.2.1").reason());
        assertEquals(ERROR, find(report, "3.2.2").status());
    }

    @Test
    void aKubeletPastItsEndOfLifeFailsAndOneWithinSixtyDaysWarns() {
        ScanReport old = scan(kubeadmControlPlane().write("/usr/bin/kubelet", binary("v1.28.15")), MARCH);
        assertResult(old, "upgrade-kubelet-eol", FAIL, "-489", "kubelet v1.28.15: Kubernetes 1.28 end of life "
                + "2024-10-28 (kubernetes-releases.yaml), today 2026-03-01");
        // 1.28 is 5 minor versions behind the API server's 1.33 (its manifest's image tag)
        assertEquals(FAIL, find(old, "upgrade-version-skew").status());
        assertEquals("too-old", find(old, "upgrade-version-skew").actual());

        Clock may = Clock.fixed(Instant.parse("2026-05-15T00:00:00Z"), ZoneOffset.UTC);
        ScanReport soon = scan(kubeadmControlPlane(), may);
        CheckResult result = find(soon, "upgrade-kubelet-eol");
        assertEquals(WARN, result.status());
        assertEquals("44", result.actual());
        assertEquals("passes, but not: 'upgrade.kubelet.daysToEol' is greater than 60", result.reason());
    }

    @Test
    void aKubeletNewerThanTheApiServerFailsTheSkewCheck() {
        ScanReport report = scan(kubeadmControlPlane().write("/usr/bin/kubelet", binary("v1.35.0")), MARCH);

        assertEquals(FAIL, find(report, "upgrade-version-skew").status());
        assertEquals("newer-than-apiserver", find(report, "upgrade-version-skew").actual());
    }

    // ---- the node

    static final String APISERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";

    /**
     * A kubeadm control-plane node: kubelet on the host, the four components as static pods, the API
     * server with an audit policy and log.
     */
    NodeTree kubeadmControlPlane() {
        return kubeadmControlPlane("/etc/kubernetes/audit");
    }

    /**
     * The node, with the API server's container directory /etc/kubernetes/audit (where its
     * --audit-policy-file is) mounted from {@code auditHostDir} on the host, or from no hostPath at all
     * when that is null.
     */
    NodeTree kubeadmControlPlane(String auditHostDir) {
        String auditMount = auditHostDir == null ? ""
                : "    - mountPath: /etc/kubernetes/audit\n      name: audit-policy\n      readOnly: true\n";
        String auditVolume = auditHostDir == null ? ""
                : "  - hostPath:\n      path: " + auditHostDir + "\n      type: DirectoryOrCreate\n    name: audit-policy\n";
        NodeTree node = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .edit(APISERVER_MANIFEST, "    - --authorization-mode=Node,RBAC\n",
                        "    - --audit-log-maxage=30\n    - --audit-log-maxbackup=10\n    - --audit-log-maxsize=100\n"
                                + "    - --audit-log-path=/var/log/kubernetes/audit/audit.log\n"
                                + "    - --audit-policy-file=" + POLICY + "\n    - --authorization-mode=Node,RBAC\n")
                .edit(APISERVER_MANIFEST, "    volumeMounts:\n", "    volumeMounts:\n" + auditMount
                        + "    - mountPath: /var/log/kubernetes/audit\n      name: audit-log\n")
                .edit(APISERVER_MANIFEST, "  volumes:\n", "  volumes:\n" + auditVolume
                        + "  - hostPath:\n      path: /var/log/kubernetes/audit\n      type: DirectoryOrCreate\n"
                        + "    name: audit-log\n")
                .staticPod(4100, "5d0c2b6f0e8a4a1b9c3d7e2f4a6b8c0d", APISERVER_MANIFEST)
                .write("/usr/bin/kubelet", binary("v1.33.2"))
                .write(POLICY, io.nodeward.host.audit.AuditPolicyReaderTestPolicies.MINIMAL)
                .directory("/var/log/kubernetes/audit")
                .directory("/var/lib/etcd/member")
                .mode("/var/lib/etcd", "rwx------");
        for (String conf : List.of("admin", "super-admin", "scheduler", "controller-manager")) {
            node.write("/etc/kubernetes/" + conf + ".conf", "apiVersion: v1\nkind: Config\n")
                    .mode("/etc/kubernetes/" + conf + ".conf", "rw-------");
        }
        for (String pair : List.of("ca", "apiserver", "apiserver-kubelet-client", "apiserver-etcd-client",
                "front-proxy-ca", "front-proxy-client", "etcd/ca", "etcd/server", "etcd/peer", "etcd/healthcheck-client")) {
            node.write("/etc/kubernetes/pki/" + pair + ".crt", "-----BEGIN CERTIFICATE-----\n")
                    .write("/etc/kubernetes/pki/" + pair + ".key", "-----BEGIN PRIVATE KEY-----\n")
                    .mode("/etc/kubernetes/pki/" + pair + ".key", "rw-------");
        }
        return node.write("/etc/kubernetes/pki/sa.key", "-----BEGIN PRIVATE KEY-----\n")
                .mode("/etc/kubernetes/pki/sa.key", "rw-------")
                .write("/etc/kubernetes/pki/sa.pub", "-----BEGIN PUBLIC KEY-----\n")
                .mode("/etc/kubernetes/pki/sa.pub", "rw-------");
    }

    /** A stand-in for a Go binary: the version as the linker stores an -X string, among other bytes. */
    static String binary(String version) {
        return "\u007fELF\u0002\u0001\u0001" + "go:buildid".repeat(50) + "\u0000clean\u0000" + version + "\u0000"
                + "1.24.4" + "\u0000" + version + "\u0000" + "x".repeat(70_000) + "\u0000v9.9.9 is not here";
    }

    private ScanReport scan(NodeTree node, Clock clock) {
        ScannerSettings settings = new ScannerSettings(HostRoot.of(node.root()), Optional.empty(), "cp-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));
        return TestScanners.withClock(settings, clock).scan();
    }

    private static List<String> ids(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }
}
