package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Control-plane nodes scanned whole through the real {@link Scanner}: a kubeadm control plane as
 * kubeadm writes it ({@link NodeTree#kubeadmControlPlane}), the same node made insecure, one with a
 * component down, pods posing as the API server, and a worker. The kubeadm node's whole report is a
 * golden file, as in {@link ScanScenarioTest}.
 */
class ControlPlaneScenarioTest {

    private static final String APISERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    private static final String NO_CONTROL_PLANE = "control-plane.kube-apiserver: no control-plane component on this node";

    @TempDir
    Path dir;

    @Test
    void kubeadmControlPlaneGetsWhatCisAndKubeadmsDefaultsImply() {
        ScanReport report = golden("kubeadm-control-plane", NodeTree.kubeadmControlPlane(dir));

        assertEquals("control-plane", report.role());
        // kubeadm sets these...
        assertResult(report, "1.2.6", PASS, "Node,RBAC", "flag --authorization-mode on /proc/4100/cmdline");
        assertResult(report, "1.3.7", PASS, "127.0.0.1", "flag --bind-address on /proc/4200/cmdline");
        assertResult(report, "2.2", PASS, "true", "flag --client-cert-auth on /proc/4400/cmdline");
        // ...and leaves these at kube-apiserver's, kube-controller-manager's and kube-scheduler's defaults
        assertResult(report, "1.2.15", FAIL, "true", "default");
        assertResult(report, "1.2.30", FAIL, "true", "default");
        assertResult(report, "1.3.2", FAIL, "true", "default");
        assertResult(report, "1.4.1", FAIL, "true", "default");
        assertResult(report, "1.2.5", FAIL, "not set", "not set");
        assertResult(report, "1.2.17", FAIL, "not set", "not set (0 up to Kubernetes 1.35: no limit)");
        // anonymous requests stay allowed (RBAC decides what they may do): a manual check
        assertResult(report, "1.2.1", WARN, "true", "default");
        assertResult(report, "port-10257", PASS, "false", "/proc/1/net/tcp 127.0.0.1:10257");
        assertEquals(List.of("1.2.5", "1.2.15", "1.2.16", "1.2.17", "1.2.18", "1.2.19", "1.2.30", "1.3.2", "1.4.1"),
                idsWith(report, FAIL).stream().filter(id -> id.startsWith("1.") || id.startsWith("2.")).toList());
    }

    @Test
    void anInsecureControlPlaneFailsExactlyTheChecksOfWhatWasMadeInsecure() throws Exception {
        Path baseDir = Files.createDirectory(dir.resolve("kubeadm"));
        Path insecureDir = Files.createDirectory(dir.resolve("insecure"));
        List<String> baseline = idsWith(NodeTree.kubeadmControlPlane(baseDir).scan("cp-1"), FAIL);
        NodeTree node = NodeTree.kubeadmControlPlane(insecureDir, "kube-apiserver", "kube-scheduler", "etcd")
                .edit(APISERVER_MANIFEST, "--authorization-mode=Node,RBAC",
                        "--authorization-mode=Node,RBAC,AlwaysAllow\n    - --anonymous-auth=true")
                .edit("/etc/kubernetes/manifests/kube-scheduler.yaml", "--bind-address=127.0.0.1", "--bind-address=0.0.0.0")
                .edit("/etc/kubernetes/manifests/etcd.yaml", "    - --client-cert-auth=true\n", "")
                // a trusted CA alone would still make etcd require client certificates (TLSInfo.ServerConfig)
                .edit("/etc/kubernetes/manifests/etcd.yaml", "    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n", "")
                .edit("/proc/1/net/tcp", "0100007F:2813", "00000000:2813") // the scheduler's 10259 on 0.0.0.0
                .staticPod(4100, "5d0c2b6f0e8a4a1b9c3d7e2f4a6b8c0d", APISERVER_MANIFEST)
                .staticPod(4300, "9c4f6a8b0d2e4f6a8c0e2a4b6d8f0a1b", "/etc/kubernetes/manifests/kube-scheduler.yaml")
                .staticPod(4400, "2b8d0f2a4c6e8a0c2e4a6c8e0a2c4e6f", "/etc/kubernetes/manifests/etcd.yaml");

        ScanReport report = node.scan("cp-1");

        List<String> newFailures = new ArrayList<>(idsWith(report, FAIL));
        newFailures.removeAll(baseline);
        assertEquals(List.of("1.2.6", "1.4.2", "2.2", "port-2379", "port-10259"), newFailures);
        assertResult(report, "1.2.6", FAIL, "Node,RBAC,AlwaysAllow", "flag --authorization-mode on /proc/4100/cmdline");
        assertResult(report, "1.4.2", FAIL, "0.0.0.0", "flag --bind-address on /proc/4300/cmdline");
        assertResult(report, "2.2", FAIL, "false", "default");
        // kube-apiserver itself turns anonymous auth off when AlwaysAllow is among the modes (kube-bench FAILs it)
        assertResult(report, "1.2.1", PASS, "false", "flag --anonymous-auth on /proc/4100/cmdline, which"
                + " kube-apiserver resets to false because the authorization modes include AlwaysAllow (ApplyAuthorization)");
    }

    @Test
    void aComponentThatIsDownIsAuditedFromItsManifest() {
        ScanReport report = NodeTree.kubeadmControlPlane(dir, "kube-apiserver").scan("cp-1");

        String manifest = "in manifest " + APISERVER_MANIFEST + " (not running)";
        assertResult(report, "1.2.6", PASS, "Node,RBAC", "flag --authorization-mode " + manifest);
        assertResult(report, "1.2.15", FAIL, "true", "default");
        assertEquals("control-plane", report.role());
    }

    @Test
    void aPodPosingAsTheApiServerIsIgnored() {
        NodeTree worker = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .podProcess(3000, "3f1b6c2e-9a4d-4e8b-b7c1-5d2e8f0a6c49", "kube-apiserver", "--anonymous-auth=true",
                        "--authorization-mode=AlwaysAllow");

        ScanReport report = worker.scan("worker-1");

        assertEquals("worker", report.role());
        CheckResult check = find(report, "1.2.6");
        assertEquals(SKIP, check.status());
        assertEquals(NO_CONTROL_PLANE + " (processes called kube-apiserver that match no static pod manifest,"
                + " ignored: pids 3000)", check.reason());
    }

    @Test
    void aPodPosingAsTheApiServerBesideTheRealOneDoesNotReplaceIt() {
        NodeTree node = NodeTree.kubeadmControlPlane(dir)
                .podProcess(3000, "3f1b6c2e-9a4d-4e8b-b7c1-5d2e8f0a6c49", "kube-apiserver",
                        "--authorization-mode=AlwaysAllow");

        ScanReport report = node.scan("cp-1");

        assertResult(report, "1.2.6", PASS, "Node,RBAC", "flag --authorization-mode on /proc/4100/cmdline");
    }

    @Test
    void anApiServerReplacedDuringTheScanErrorsItsChecks() {
        NodeTree node = NodeTree.kubeadmControlPlane(dir);
        ScannerSettings settings = new ScannerSettings(HostRoot.of(node.root()), Optional.empty(), "cp-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));

        ScanReport report = TestScanners.changingTheHostAfterTheSnapshot(settings,
                () -> node.process(4100, "kube-apiserver", "--authorization-mode=AlwaysAllow")).scan();

        CheckResult check = find(report, "1.2.6");
        assertEquals(ERROR, check.status());
        assertEquals("control-plane.kube-apiserver: the kube-apiserver's process changed during the scan (pid 4100"
                + " now runs another command line); the next scan will tell", check.reason());
        assertEquals(PASS, find(report, "1.3.7").status());
    }

    @Test
    void aWorkerSkipsEveryControlPlaneCheckWithTheReason() {
        ScanReport report = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped").scan("worker-1");

        assertEquals("worker", report.role());
        for (CheckResult result : report.results()) {
            if (result.group().equals("API Server")) {
                assertEquals(SKIP, result.status(), result.id());
                assertEquals(NO_CONTROL_PLANE, result.reason(), result.id());
            }
        }
        assertEquals("control-plane.etcd: no control-plane component on this node", find(report, "2.1").reason());
        assertEquals(SKIP, find(report, "port-2379").status());
    }

    @Test
    void aMachineWithoutKubeletOrControlPlaneHasNoRole() {
        ScanReport report = NodeTree.of(dir, "linux-base", "plain-sshd").process(1, "/sbin/init").scan("box");

        assertNull(report.role());
    }

    private static ScanReport golden(String scenario, NodeTree node) {
        ScanReport report = node.scan(scenario);
        GoldenReport.assertMatches(scenario, report);
        return report;
    }

    static List<String> idsWith(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }
}
