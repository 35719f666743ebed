package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole nodes scanned through the real {@link Scanner} with the built-in benchmarks: the top of the
 * test pyramid below the e2e test. Each scenario builds its node in a temporary directory from the
 * committed fixture trees under {@code src/test/resources/hostroot/} (git keeps neither modes nor
 * owners, so those are applied here, with the NUL-separated cmdlines), asserts the few results that
 * matter for it exactly, and compares the whole JSON report with
 * {@code src/test/resources/golden/<scenario>.json}.
 *
 * <p>When a change of behaviour is intended, regenerate the golden files and review their diff:
 * <pre>
 *   ./mvnw -B -o test -Dtest=ScanScenarioTest -Dnodeward.updateGolden=true
 *   git diff src/test/resources/golden/
 * </pre>
 */
class ScanScenarioTest {

    private static final String KUBEADM_CONFIG = "config file /var/lib/kubelet/config.yaml";
    private static final String FLAGS_ONLY = "default (flags only)";
    private static final String UNIT_AND_DROP_IN =
            "/usr/lib/systemd/system/kubelet.service, /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf";
    private static final String NOT_RUNNING = "process.kubelet: kubelet is not running";

    @TempDir
    Path dir;

    @Test
    void kubeadmWorkerHardenedPassesEverythingThatCan() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "kubeadm-hardened")
                .mode("/usr/lib/systemd/system/kubelet.service", "rw-------")
                .mode("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "rw-------")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------")
                .mode("/var/lib/kubelet/config.yaml", "rw-------")
                .mode("/etc/ssh/sshd_config", "rw-------");

        ScanReport report = golden("kubeadm-hardened", node);

        assertResult(report, "4.2.1", PASS, "false", KUBEADM_CONFIG);
        assertResult(report, "4.2.9", PASS, "kubelet.serverTLSBootstrap: true", KUBEADM_CONFIG);
        // the unit and its drop-in are both checked, each named
        assertResult(report, "4.1.1", PASS, "0600 (/usr/lib/systemd/system/kubelet.service), "
                + "0600 (/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf)", UNIT_AND_DROP_IN);
        assertResult(report, "port-22", PASS, "false", "/proc/1/net/tcp 10.0.0.5:22");
        // only the manual checks without a test remain for a human
        assertEquals(List.of("4.2.8"), idsWith(report, WARN));
        assertEquals(List.of(), idsWith(report, FAIL));
        assertEquals(List.of(), idsWith(report, ERROR));
    }

    @Test
    void kubeadmWorkerAsKubeadmShipsIt() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------");

        ScanReport report = golden("kubeadm-shipped", node);

        // the deb packages install the unit 0644, kubeadm writes its config 0644
        assertResult(report, "4.1.1", FAIL, "0644 (/usr/lib/systemd/system/kubelet.service), "
                + "0644 (/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf)", UNIT_AND_DROP_IN);
        assertResult(report, "4.1.9", FAIL, "0644", "/var/lib/kubelet/config.yaml");
        // kubeadm writes streamingConnectionIdleTimeout: 0s, which the kubelet defaults to 4h
        assertResult(report, "4.2.5", PASS, "4h0m0s",
                KUBEADM_CONFIG + " sets 0s, which the kubelet replaces with its default");
        assertResult(report, "4.2.14", WARN, "false", "default (config file in use)");
    }

    @Test
    void cloudNodeWithJsonConfigAtANonStandardPath() {
        NodeTree node = NodeTree.of(dir, "linux-base", "cloud-node", "cloud-node-host")
                .mode("/var/lib/kubelet/kubeconfig", "rw-------")
                .mode("/etc/kubernetes/kubelet/kubelet-config.json", "rw-------");

        ScanReport report = golden("cloud-node", node);
        String json = "config file /etc/kubernetes/kubelet/kubelet-config.json";

        assertResult(report, "4.1.9", PASS, "0600", "/etc/kubernetes/kubelet/kubelet-config.json");
        assertResult(report, "4.2.1", PASS, "false", json);
        assertResult(report, "4.2.11", PASS, "true", json);
        // the layout of an EKS AL2 node (DistributionScenarioTest): its benchmark has no hostname check
        assertEquals("eks", report.distribution().id());
        assertEquals(SKIP, find(report, "4.2.7").status());
    }

    @Test
    void flagsOnlyLegacyKubeletHasTheReadOnlyPortOpen() {
        NodeTree node = NodeTree.of(dir, "linux-base", "flags-only-legacy")
                .process(1, "/sbin/init")
                .process(700, "/usr/local/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.kubeconfig",
                        "--pod-manifest-path=/etc/kubernetes/manifests", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
                        "--container-runtime-endpoint=unix:///run/containerd/containerd.sock")
                .mode("/etc/kubernetes/kubelet.kubeconfig", "rw-------");

        ScanReport report = golden("flags-only-legacy", node);

        assertResult(report, "4.2.4", WARN, "kubelet.readOnlyPort: 10255; port.10255.listening: true",
                FLAGS_ONLY + "; /proc/1/net/tcp 0.0.0.0:10255");
        assertResult(report, "port-10255", FAIL, "true", "/proc/1/net/tcp 0.0.0.0:10255");
        assertResult(report, "4.2.1", FAIL, "true", FLAGS_ONLY);
        assertResult(report, "4.2.3", PASS, "/etc/kubernetes/pki/ca.crt", "flag --client-ca-file");
    }

    @Test
    void dropInsOverrideTheConfigFileAndAFlagOverridesBoth() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-shipped", "drop-ins")
                .process(1, "/sbin/init")
                .process(900, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml",
                        "--config-dir=/etc/kubernetes/kubelet.conf.d", "--kubeconfig=/etc/kubernetes/kubelet.conf",
                        "--read-only-port=10255");

        ScanReport report = golden("drop-ins", node);
        String auth = "drop-in /etc/kubernetes/kubelet.conf.d/10-auth.conf";

        assertResult(report, "4.2.1", PASS, "false", auth);
        assertResult(report, "4.2.2", PASS, "Webhook", auth);
        // the drop-in sets readOnlyPort: 0, the flag puts it back
        assertResult(report, "4.2.4", WARN, "kubelet.readOnlyPort: 10255", "flag --read-only-port");
        // 30-ignored.yaml is not *.conf: its seccompDefault: false and podPidsLimit: -1 do not count
        assertResult(report, "4.2.14", PASS, "true", "drop-in /etc/kubernetes/kubelet.conf.d/20-seccomp.conf");
        assertResult(report, "4.2.13", PASS, "1024", KUBEADM_CONFIG);
    }

    @Test
    void loosePermissionsOnKubeconfigUnitAndConfig() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .mode("/etc/kubernetes/kubelet.conf", "rw-rw-rw-")
                .mode("/usr/lib/systemd/system/kubelet.service", "rw-------")
                .mode("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "rw-rw-r--")
                .mode("/var/lib/kubelet/config.yaml", "rw-r--r--")
                .owner("/var/lib/kubelet/config.yaml", 1000, 1000)
                .mode("/etc/kubernetes/pki/ca.crt", "rw-rw-rw-");

        ScanReport report = golden("loose-permissions", node);

        // only the drop-in is loose: the actual value names it, not the unit
        assertResult(report, "4.1.1", FAIL, "0664 (/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf)",
                "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf");
        assertResult(report, "4.1.5", FAIL, "0666", "/etc/kubernetes/kubelet.conf");
        assertResult(report, "4.1.9", FAIL, "0644", "/var/lib/kubelet/config.yaml");
        assertResult(report, "4.1.10", FAIL, "ubuntu:ubuntu", "/var/lib/kubelet/config.yaml");
    }

    @Test
    void hostileMalformedConfigDanglingKubeconfigAndGarbageSocketRows() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "hostile")
                .link("/etc/kubernetes/kubelet.conf", "/etc/kubernetes/kubelet-2024.conf");

        ScanReport report = golden("hostile-malformed", node);

        assertError(report, "4.2.1", "kubelet.authentication.anonymous.enabled: kubelet config file "
                + "/var/lib/kubelet/config.yaml:6: malformed YAML: expected <block end>, but found '<block mapping start>'");
        assertError(report, "4.1.5", "file.kubelet-kubeconfig.mode: /etc/kubernetes/kubelet.conf is a dangling "
                + "symlink to /etc/kubernetes/kubelet-2024.conf");
        // a listener seen proves the port open, garbage rows or not; sshd's own checks still run
        assertResult(report, "port-22", WARN, "true (/proc/1/net/tcp 0.0.0.0:22), true (/proc/1/net/tcp6 [::]:22)",
                "/proc/1/net/tcp 0.0.0.0:22, /proc/1/net/tcp6 [::]:22");
        assertResult(report, "ssh-root-login", FAIL, "prohibit-password", "OpenSSH default");
        // ...but "not listening" cannot be proven with unreadable rows
        assertError(report, "port-10255", "port.10255.listening: cannot rule out a listener on port 10255: "
                + "/proc/1/net/tcp line 3: local_address 'this' is not ADDRESS:PORT in hex (and 1 more)");
    }

    @Test
    void hostileConfigIsADirectoryAndTheSocketTableIsMissing() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .delete("/var/lib/kubelet/config.yaml")
                .directory("/var/lib/kubelet/config.yaml")
                .delete("/proc/1/net/tcp");

        ScanReport report = golden("hostile-directory", node);

        assertError(report, "4.2.2", "kubelet.authorization.mode: kubelet config file /var/lib/kubelet/config.yaml: "
                + "is a directory, not a file");
        assertError(report, "4.1.9", "file.kubelet-config.mode: /var/lib/kubelet/config.yaml is a directory, expected a file");
        assertError(report, "port-10255", "port.10255.listening: /proc/1/net/tcp does not exist");
        assertResult(report, "ssh-password-auth", FAIL, "yes", "OpenSSH default");
    }

    @Test
    void hostileFiveMegabyteConfigIsNotRead() {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .write("/var/lib/kubelet/config.yaml", "readOnlyPort: 0\n" + "# padding\n".repeat(500_000))
                .mode("/var/lib/kubelet/config.yaml", "rw-------");

        ScanReport report = golden("hostile-huge-config", node);

        assertError(report, "4.2.4", "kubelet.readOnlyPort: kubelet config file /var/lib/kubelet/config.yaml: "
                + "larger than 1048576 bytes, not read");
        // the file's mode is still known: only its contents are refused
        assertResult(report, "4.1.9", PASS, "0600", "/var/lib/kubelet/config.yaml");
        // flags stay known
        assertResult(report, "4.2.7", PASS, "not set", "not set");
    }

    @Test
    void hostileTwoThousandSegmentDottedKeyInTheKubeletConfigIsIgnoredLikeTheKubeletDoes() throws IOException {
        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        Path hostileDir = Files.createDirectory(dir.resolve("hostile"));
        String config = Files.readString(NodeTree.FIXTURES.resolve("kubeadm-worker/var/lib/kubelet/config.yaml"));
        // an explicit key ("? "), as a plain YAML key may not be longer than 1024 characters
        String hostileKey = "unknownField" + ".x".repeat(1_999);
        NodeTree plain = NodeTree.of(plainDir, "linux-base", "kubeadm-worker", "kubeadm-shipped");
        NodeTree hostile = NodeTree.of(hostileDir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .write("/var/lib/kubelet/config.yaml", config + "? " + hostileKey + "\n: true\n");

        ScanReport expected = plain.scan("hostile-dotted-key");
        ScanReport report = hostile.scan("hostile-dotted-key");

        assertEquals(2_000, hostileKey.split("\\.").length);
        assertEquals(expected.results(), report.results());
        // the kubelet's settings from the file are still read
        assertResult(report, "4.2.5", PASS, "4h0m0s",
                KUBEADM_CONFIG + " sets 0s, which the kubelet replaces with its default");
        assertResult(report, "4.2.1", PASS, "false", KUBEADM_CONFIG);
        assertEquals(idsWith(expected, ERROR), idsWith(report, ERROR));
    }

    @Test
    void nodeWithoutAKubeletSkipsEveryKubeletCheckAndPassesNone() {
        // the packages are installed (unit, kubeconfig) but the kubelet is stopped
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-shipped")
                .process(1, "/sbin/init")
                .process(812, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");

        ScanReport report = golden("no-kubelet", node);

        for (CheckResult result : report.results()) {
            if (result.benchmark().equals("cis-1.12") || result.id().equals("port-10250")) {
                assertEquals(SKIP, result.status(), result.id());
                assertTrue(result.reason().startsWith("process.kube"), result.id() + ": " + result.reason());
            }
        }
        assertEquals(NOT_RUNNING, find(report, "4.2.1").reason());
        assertResult(report, "port-10255", PASS, "false", "/proc/1/net/tcp, /proc/1/net/tcp6");
        assertResult(report, "ssh-x11-forwarding", FAIL, "yes", "/etc/ssh/sshd_config:38");
    }

    @Test
    void plainMachineWithOnlySshd() {
        NodeTree node = NodeTree.of(dir, "linux-base", "debian-cloud-sshd", "plain-sshd")
                .process(1, "/lib/systemd/systemd", "--system", "--deserialize", "31")
                .process(640, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups")
                .mode("/etc/ssh/sshd_config", "rw-------");

        ScanReport report = golden("plain-sshd", node);

        // the first value wins: cloud-init's "no" comes before the hardening file's "yes"
        assertResult(report, "ssh-password-auth", PASS, "no", "/etc/ssh/sshd_config.d/50-cloud-init.conf:1");
        assertResult(report, "ssh-root-login", PASS, "no", "/etc/ssh/sshd_config.d/60-hardening.conf:3");
        assertResult(report, "port-22", WARN, "true", "/proc/1/net/tcp 0.0.0.0:22");
        assertEquals(SKIP, find(report, "4.2.1").status());
    }

    // ---- helpers

    private static ScanReport golden(String scenario, NodeTree node) {
        ScanReport report = node.scan(scenario);
        GoldenReport.assertMatches(scenario, report);
        return report;
    }

    static CheckResult find(ScanReport report, String id) {
        List<CheckResult> found = report.results().stream().filter(r -> r.id().equals(id)).toList();
        assertEquals(1, found.size(), "results with id " + id);
        return found.get(0);
    }

    static void assertResult(ScanReport report, String id, Outcome status, String actual, String source) {
        CheckResult result = find(report, id);
        assertEquals(status, result.status(), id + ": " + result.reason());
        assertEquals(actual, result.actual(), id + " actual");
        assertEquals(source, result.source(), id + " source");
    }

    static void assertError(ScanReport report, String id, String reason) {
        CheckResult result = find(report, id);
        assertEquals(ERROR, result.status(), id + " actual " + result.actual());
        assertEquals(reason, result.reason(), id + " reason");
        assertNotEquals(PASS, result.status());
    }

    private static List<String> idsWith(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }
}
