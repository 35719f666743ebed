package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import io.nodeward.host.proc.ProcFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test per place kube-bench gets a worker node wrong ({@code reference/kube-bench.md} §1 quirks
 * and §2 "false positives and negatives worth copying into a test suite"), each on a real node tree
 * through the real readers and {@link Scanner}. {@code benchmark/KubeBenchTrapsTest} holds the same
 * traps against hand-built facts; this class proves the readers produce those facts from the files.
 */
class KubeBenchMistakesTest {

    private static final String CONFIG_PATH = "/var/lib/kubelet/config.yaml";
    private static final String CONFIG = "config file " + CONFIG_PATH;
    private static final String CONFIG_DEFAULT = "default (config file in use)";
    private static final String NO_10255 = "/proc/1/net/tcp, /proc/1/net/tcp6";

    @TempDir
    Path dir;

    /** A kubeadm-style kubelet on {@code --config}, with only the kubelet's own ports open. */
    private NodeTree kubelet(String config, String... extraFlags) {
        String[] argv = new String[3 + extraFlags.length];
        argv[0] = "/usr/bin/kubelet";
        argv[1] = "--config=" + CONFIG_PATH;
        argv[2] = "--kubeconfig=/etc/kubernetes/kubelet.conf";
        System.arraycopy(extraFlags, 0, argv, 3, extraFlags.length);
        return NodeTree.of(dir, "linux-base", "quiet-sockets")
                .process(1, "/sbin/init")
                .process(1234, argv)
                .write(CONFIG_PATH, config);
    }

    /** The kubelet refuses a config file or drop-in without its kind (and the file without apiVersion). */
    private static final String JSON_TYPE_META =
            "\"apiVersion\": \"kubelet.config.k8s.io/v1beta1\", \"kind\": \"KubeletConfiguration\"";

    private static final String KUBEADM_MINIMAL = """
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            """;

    @Test
    void spaceSeparatedFlagValueIsReadAsTheValue_kubeBench2095() {
        // kube-bench reads `--read-only-port 0` as "true" and FAILs 4.2.4; the port is really 0 and closed
        NodeTree node = NodeTree.of(dir, "linux-base", "quiet-sockets")
                .process(1, "/sbin/init")
                .process(2048, "/usr/bin/kubelet", "--config", "/etc/kubernetes/kubelet/kubelet-config.json",
                        "--read-only-port", "0")
                .write("/etc/kubernetes/kubelet/kubelet-config.json", "{" + JSON_TYPE_META + ", \"authentication\": {\"anonymous\": {\"enabled\": false}}}");

        ScanReport report = node.scan("kube-bench-2095");

        assertResult(report, "4.2.4", PASS, "kubelet.readOnlyPort: 0; port.10255.listening: false",
                "flag --read-only-port; " + NO_10255);
        // and the space-separated --config was followed to the file
        assertResult(report, "4.2.1", PASS, "false", "config file /etc/kubernetes/kubelet/kubelet-config.json");
    }

    @Test
    void flagsOnlyKubeletWith10255OpenFails_kubeBench346() {
        // kube-bench PASSes 4.2.4 when --read-only-port is unset; on flags only it defaults to 10255, and it is open
        NodeTree node = NodeTree.of(dir, "linux-base", "flags-only-legacy")
                .process(1, "/sbin/init")
                .process(700, "/usr/local/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.kubeconfig");

        ScanReport report = node.scan("kube-bench-346");

        assertResult(report, "4.2.4", WARN, "kubelet.readOnlyPort: 10255; port.10255.listening: true",
                "default (flags only); /proc/1/net/tcp 0.0.0.0:10255");
        assertResult(report, "port-10255", FAIL, "true", "/proc/1/net/tcp 0.0.0.0:10255");
    }

    @Test
    void omittedKeysTakeTheConfigFileDefaults_kubeBench1256And852() {
        // kube-bench FAILs 4.2.1 and 4.2.2 when the keys are omitted; with a config file they default to false and Webhook
        ScanReport report = kubelet(KUBEADM_MINIMAL + "rotateCertificates: true\n").scan("kube-bench-852");

        assertResult(report, "4.2.1", PASS, "false", CONFIG_DEFAULT);
        assertResult(report, "4.2.2", PASS, "Webhook", CONFIG_DEFAULT);
    }

    @Test
    void relativeConfigIsTheFileReadNotAGuessedOne_kubeBench1256() throws IOException {
        // kube-bench never parses --config and reads /var/lib/kubelet/config.yaml (a stale, locked-down copy
        // here) so it PASSes 4.2.1; the kubelet really runs on kubelet_conf.json with anonymous auth on
        NodeTree node = NodeTree.of(dir, "linux-base", "quiet-sockets")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--config=kubelet_conf.json")
                .write(CONFIG_PATH, KUBEADM_MINIMAL + "authentication: {anonymous: {enabled: false}}\n")
                .write("/etc/kubernetes/kubelet_conf.json", "{" + JSON_TYPE_META + ", \"authentication\": {\"anonymous\": {\"enabled\": true}}}")
                .mode("/etc/kubernetes/kubelet_conf.json", "rw-------");
        ProcFixtures.cwd(node.root(), 1234, "/etc/kubernetes");

        ScanReport report = node.scan("kube-bench-1256");

        assertResult(report, "4.2.1", FAIL, "true", "config file /etc/kubernetes/kubelet_conf.json");
        assertResult(report, "4.1.9", PASS, "0600", "/etc/kubernetes/kubelet_conf.json");
    }

    @Test
    void dropInsAreMerged_kubeBench1973() {
        // kube-bench reads no drop-in and FAILs 4.2.3 (k3s puts the client CA there); the kubelet merges it
        NodeTree node = kubelet(KUBEADM_MINIMAL, "--config-dir=/var/lib/kubelet/config.conf.d")
                .write("/var/lib/kubelet/config.conf.d/00-auth.conf", KUBEADM_MINIMAL
                        + "authentication:\n  x509:\n    clientCAFile: /var/lib/rancher/k3s/agent/client-ca.crt\n");

        ScanReport report = node.scan("kube-bench-1973");

        assertResult(report, "4.2.3", PASS, "/var/lib/rancher/k3s/agent/client-ca.crt",
                "drop-in /var/lib/kubelet/config.conf.d/00-auth.conf");
    }

    @Test
    void seccompDefaultFalseIsNotEnough() {
        // kube-bench checks only that seccompDefault is present, so `false` PASSes 4.2.14
        ScanReport report = kubelet(KUBEADM_MINIMAL + "seccompDefault: false\n").scan("seccomp");

        assertResult(report, "4.2.14", WARN, "false", CONFIG);
    }

    @Test
    void podPidsLimitMinusOneIsUnlimited() {
        // kube-bench checks only that podPidsLimit is present, so -1 (unlimited) PASSes 4.2.13
        ScanReport report = kubelet(KUBEADM_MINIMAL + "podPidsLimit: -1\n").scan("pids");

        assertResult(report, "4.2.13", WARN, "-1", CONFIG);
    }

    @Test
    void streamingIdleTimeoutZeroFromAFlagIsNoTimeout() {
        // kube-bench compares the string "0s" with "0" and PASSes 4.2.5; a flag is applied after the
        // kubelet's defaulting, so 0s really disables the timeout
        ScanReport report = kubelet(KUBEADM_MINIMAL, "--streaming-connection-idle-timeout=0s").scan("streaming");

        assertResult(report, "4.2.5", WARN, "0s", "flag --streaming-connection-idle-timeout");
    }

    @Test
    void streamingIdleTimeoutZeroInTheConfigFileIsDefaultedAway() {
        // the other side of the same quirk: kube-bench PASSes `0s` in the file, rightly but by luck —
        // the kubelet's defaulting turns a zero in the file into 4h
        ScanReport report = kubelet(KUBEADM_MINIMAL + "streamingConnectionIdleTimeout: 0s\n").scan("streaming-file");

        assertResult(report, "4.2.5", PASS, "4h0m0s", CONFIG + " sets 0s, which the kubelet replaces with its default");
    }

    @Test
    void unitUnderUsrLibSystemdIsFound_kubeBench2139() {
        // kube-bench does not search /usr/lib/systemd (openSUSE) and FAILs 4.1.1 as "file not found"
        NodeTree node = kubelet(KUBEADM_MINIMAL)
                .write("/usr/lib/systemd/system/kubelet.service", "[Service]\nExecStart=/usr/bin/kubelet\n")
                .mode("/usr/lib/systemd/system/kubelet.service", "rw-------");

        ScanReport report = node.scan("kube-bench-2139");

        assertResult(report, "4.1.1", PASS, "0600", "/usr/lib/systemd/system/kubelet.service");
        assertResult(report, "4.1.2", PASS, "root:root", "/usr/lib/systemd/system/kubelet.service");
    }

    @Test
    void missingUnitFileIsNotAPassOf412() {
        // kube-bench PASSes 4.1.2 (and FAILs 4.1.1) when the unit file is missing; nothing was checked
        ScanReport report = kubelet(KUBEADM_MINIMAL).scan("no-unit");

        CheckResult owner = find(report, "4.1.2");
        assertEquals(SKIP, owner.status());
        assertEquals("file.kubelet-unit.owner: no kubelet.service in systemd's unit search path ("
                + "/etc/systemd/system.control, /run/systemd/system.control, /run/systemd/transient, "
                + "/run/systemd/generator.early, /etc/systemd/system, /etc/systemd/system.attached, /run/systemd/system, "
                + "/run/systemd/system.attached, /run/systemd/generator, /usr/local/lib/systemd/system, "
                + "/usr/lib/systemd/system, /lib/systemd/system, /run/systemd/generator.late)", owner.reason());
        assertEquals(null, owner.source());
        assertEquals(SKIP, find(report, "4.1.1").status());
    }

    @Test
    void rotateCertificatesUnsetIsOff_cis4210() {
        // kube-bench PASSes 4.2.10 when rotateCertificates is unset; the kubelet's default is false
        ScanReport report = kubelet(KUBEADM_MINIMAL).scan("rotate");

        assertResult(report, "4.2.10", FAIL, "false", CONFIG_DEFAULT);
    }

    @Test
    void serverTlsBootstrapServesAProperCertificate_cis429() {
        // kube-bench wants tlsCertFile and tlsPrivateKeyFile and ignores serverTLSBootstrap: true
        ScanReport report = kubelet(KUBEADM_MINIMAL + "serverTLSBootstrap: true\n").scan("tls-bootstrap");

        assertResult(report, "4.2.9", PASS, "kubelet.serverTLSBootstrap: true", CONFIG);
    }

    @Test
    void kubeProxyMetricsAreReadFromItsConfigAndTheSocketTable_cis431() {
        // kube-bench greps the proxy's kubeconfig for metricsBindAddress, never finds it, and PASSes
        // 4.3.1; the --config file binds 0.0.0.0:10249 and the socket is open on all addresses
        NodeTree node = NodeTree.of(dir, "linux-base", "kube-proxy-metrics-exposed")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--config=" + CONFIG_PATH)
                .write(CONFIG_PATH, KUBEADM_MINIMAL)
                .process(2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf",
                        "--kubeconfig=/var/lib/kube-proxy/kubeconfig.conf");

        ScanReport report = node.scan("kube-bench-431");

        assertResult(report, "4.3.1", FAIL, "kube-proxy.metricsBindAddress: 0.0.0.0:10249; port.10249.exposed: true",
                "config file /var/lib/kube-proxy/config.conf; /proc/1/net/tcp 0.0.0.0:10249");
        assertResult(report, "port-10249", FAIL, "true", "/proc/1/net/tcp 0.0.0.0:10249");
    }

    @Test
    void kubeProxyConfigInsideItsPodLeavesTheVerdictToTheSocketTable_cis431() {
        // kubeadm mounts the proxy's config from a ConfigMap: the host has no such file, so the
        // configured address is unknown and the exposed socket decides
        NodeTree node = NodeTree.of(dir, "linux-base", "kube-proxy-metrics-exposed")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--config=" + CONFIG_PATH)
                .write(CONFIG_PATH, KUBEADM_MINIMAL)
                .process(2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/in-the-pod.conf")
                .write("/proc/2301/cgroup", "0::/kubepods.slice/kubepods-besteffort.slice/"
                        + "kubepods-besteffort-pod3e9a7c52_8f0b_4d61_a2c4_6b1d9e0f7a35.slice/cri-containerd-9b2f.scope\n");

        ScanReport report = node.scan("kube-proxy-in-pod");

        assertResult(report, "4.3.1", FAIL, "port.10249.exposed: true", "/proc/1/net/tcp 0.0.0.0:10249");
    }

    @Test
    void clientCaFileFromTheConfigFileIsChecked_cis417() {
        // kube-bench greps only the flags for --client-ca-file, then a static list; the CA named in the
        // config file (here at a non-standard path, world-writable) is never looked at
        NodeTree node = kubelet(KUBEADM_MINIMAL + "authentication: {x509: {clientCAFile: /etc/pki/kubelet/ca.pem}}\n")
                .write("/etc/pki/kubelet/ca.pem", "-----BEGIN CERTIFICATE-----\n")
                .mode("/etc/pki/kubelet/ca.pem", "rw-rw-rw-");

        ScanReport report = node.scan("client-ca");

        assertResult(report, "4.1.7", WARN, "0666", "/etc/pki/kubelet/ca.pem");
    }

    @Test
    void kubeconfigNamedByTheFlagIsChecked_cis415() {
        // kube-bench stats a static list for the kubeconfig and misses --kubeconfig=/var/lib/kubelet/kubeconfig
        NodeTree node = NodeTree.of(dir, "linux-base", "quiet-sockets")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--config=" + CONFIG_PATH, "--kubeconfig=/var/lib/kubelet/kubeconfig")
                .write(CONFIG_PATH, KUBEADM_MINIMAL)
                .write("/var/lib/kubelet/kubeconfig", "apiVersion: v1\nkind: Config\n")
                .mode("/var/lib/kubelet/kubeconfig", "rw-r--r--");

        ScanReport report = node.scan("kubeconfig");

        assertResult(report, "4.1.5", FAIL, "0644", "/var/lib/kubelet/kubeconfig");
    }

    @Test
    void eventQpsIsShownForReviewNotPassed_cis428() {
        // kube-bench tests eventRecordQPS >= 0, which always PASSes; 0 means unlimited, a site decision
        ScanReport report = kubelet(KUBEADM_MINIMAL, "--event-qps=0").scan("event-qps");

        assertResult(report, "4.2.8", WARN, "0", "flag --event-qps");
    }
}
