package io.nodeward.scan;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeySpace;
import io.nodeward.host.controlplane.ControlPlaneFlagKeys;
import io.nodeward.host.proc.ProcessSnapshot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The kube-apiserver and etcd flag facts come from {@link Flags}, a stand-in for the control-plane
 * flag reader, which reads them from the processes' command lines as that reader will.
 */
class ControlPlaneScenarioTest {

    /** 1.33's end of life is 2026-06-28: 119 days after this. */
    static final Clock MARCH = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    static final String POLICY = "/etc/kubernetes/audit/policy.yaml";

    @TempDir
    Path dir;

    @Test
    void kubeadmControlPlaneGetsTheVerdictsCisImplies() {
        ScanReport report = scan(kubeadmControlPlane(), MARCH);
        GoldenReport.assertMatches("kubeadm-control-plane", report);

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
        assertResult(report, "1.2.17", PASS, "30", "flag --audit-log-maxage");
        assertResult(report, "3.2.1", PASS, POLICY, "flag --audit-policy-file");
        assertEquals(PASS, find(report, "3.2.2").status());
        assertResult(report, "upgrade-kubelet-eol", PASS, "119", "kubelet v1.33.2: Kubernetes 1.33 end of life "
                + "2026-06-28 (kubernetes-releases.yaml), today 2026-03-01");
        assertResult(report, "upgrade-version-skew", PASS, "within-policy", "kubelet v1.33.2 (/usr/bin/kubelet "
                + "(argv[0] of /proc/1234/cmdline; /proc/1234/exe: no such file)), kube-apiserver v1.34.1 (image "
                + "registry.k8s.io/kube-apiserver:v1.34.1 in /etc/kubernetes/manifests/kube-apiserver.yaml): "
                + "1 minor version(s) apart, 3 allowed");
        // of the control-plane and upgrade checks only 1.1.12 fails (the worker layer's unit and sshd
        // modes fail 4.1.x and ssh-* as in the kubeadm-shipped scenario), and nothing is unreadable
        assertEquals(List.of("1.1.12"), ids(report, FAIL).stream()
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
    void aPolicyWithoutRulesIsAnErrorWithTheApiServersReason() {
        NodeTree node = kubeadmControlPlane().write(POLICY, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n");

        ScanReport report = scan(node, MARCH);

        assertEquals(ERROR, find(report, "3.2.1").status());
        assertEquals("audit.policyFile: " + POLICY + ": kube-apiserver would refuse this audit policy: "
                + "loaded illegal policy with 0 rules", find(report, "3.2.1").reason());
        assertEquals(ERROR, find(report, "3.2.2").status());
    }

    @Test
    void aKubeletPastItsEndOfLifeFailsAndOneWithinSixtyDaysWarns() {
        ScanReport old = scan(kubeadmControlPlane().write("/usr/bin/kubelet", binary("v1.28.15")), MARCH);
        assertResult(old, "upgrade-kubelet-eol", FAIL, "-489", "kubelet v1.28.15: Kubernetes 1.28 end of life "
                + "2024-10-28 (kubernetes-releases.yaml), today 2026-03-01");
        // 1.28 is 6 minor versions behind the API server's 1.34
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

    /** A kubeadm control-plane node: kubelet on the host, apiserver and etcd as static pods. */
    NodeTree kubeadmControlPlane() {
        String pod = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + "3f2a8c1e9b7d4a6e8f0c2b4d6a8e0f1a.slice/cri-containerd-0123.scope\n";
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------")
                .write("/usr/bin/kubelet", binary("v1.33.2"))
                .process(3001, "kube-apiserver", "--advertise-address=10.0.0.5", "--audit-policy-file=" + POLICY,
                        "--audit-log-path=/var/log/kubernetes/audit/audit.log", "--audit-log-maxage=30",
                        "--audit-log-maxbackup=10", "--audit-log-maxsize=100")
                .write("/proc/3001/cgroup", pod)
                .process(3002, "etcd", "--data-dir=/var/lib/etcd", "--name=cp-1")
                .write("/proc/3002/cgroup", pod.replace("3f2a", "4f2a"))
                .write(POLICY, io.nodeward.host.audit.AuditPolicyReaderTestPolicies.MINIMAL)
                .directory("/var/lib/etcd/member")
                .mode("/var/lib/etcd", "rwx------");
        for (String component : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd")) {
            String version = component.equals("etcd") ? "3.5.21-0" : "v1.34.1";
            node.write("/etc/kubernetes/manifests/" + component + ".yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: "
                            + component + "\n  namespace: kube-system\nspec:\n  containers:\n  - name: " + component
                            + "\n    image: registry.k8s.io/" + component + ":" + version + "\n")
                    .mode("/etc/kubernetes/manifests/" + component + ".yaml", "rw-------");
        }
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
        return TestScanners.withClockAndReader(settings, clock, new Flags()).scan();
    }

    private static List<String> ids(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }

    /** The agreed flag facts, read from the processes' command lines ({@code --flag=value} only). */
    static final class Flags implements FactReader {

        private static final Map<String, String> FLAGS = Map.of(
                "kube-apiserver:--audit-policy-file", ControlPlaneFlagKeys.AUDIT_POLICY_FILE,
                "kube-apiserver:--audit-log-path", "kube-apiserver.auditLogPath",
                "kube-apiserver:--audit-log-maxage", "kube-apiserver.auditLogMaxage",
                "kube-apiserver:--audit-log-maxbackup", "kube-apiserver.auditLogMaxbackup",
                "kube-apiserver:--audit-log-maxsize", "kube-apiserver.auditLogMaxsize",
                "etcd:--data-dir", ControlPlaneFlagKeys.ETCD_DATA_DIR);

        @Override
        public String name() {
            return "test-control-plane-flags";
        }

        @Override
        public KeySpace keys() {
            return ControlPlaneFlagKeys.KEYS;
        }

        @Override
        public List<Fact> read(HostScan host, HostFacts known) {
            List<Fact> facts = new ArrayList<>();
            for (String component : List.of("kube-apiserver", "etcd")) {
                Fact process = known.get("process." + component);
                if (!process.isPresent()) {
                    continue;
                }
                ProcessSnapshot.Entry entry = host.processes().entry(Integer.parseInt(process.value())).orElseThrow();
                for (String arg : entry.argv()) {
                    int eq = arg.indexOf('=');
                    String key = eq < 0 ? null : FLAGS.get(component + ":" + arg.substring(0, eq));
                    if (key != null) {
                        facts.add(Fact.present(key, arg.substring(eq + 1), "flag " + arg.substring(0, eq)));
                    }
                }
            }
            return facts;
        }
    }
}
