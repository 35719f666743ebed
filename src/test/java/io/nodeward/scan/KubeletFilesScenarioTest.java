package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CIS 4.1 on every file that configures the kubelet and kube-proxy, on a kubeadm worker as kubeadm's
 * packages and kubeadm leave it ({@code kubeadm-worker} + {@code kubeadm-shipped}: the unit and
 * {@code 10-kubeadm.conf} of kubernetes/release under {@code /usr/lib/systemd/system}, kube-proxy in
 * its DaemonSet pod with its ConfigMap volume in the kubelet's pod directory), changed the way
 * administrators change it.
 */
class KubeletFilesScenarioTest {

    static final String CONFIG_MAP = "/var/lib/kubelet/pods/3e9a7c52-8f0b-4d61-a2c4-6b1d9e0f7a35/volumes/"
            + "kubernetes.io~configmap/kube-proxy";

    @TempDir
    Path dir;

    private NodeTree kubeadmWorker() {
        return NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .mode("/usr/lib/systemd/system/kubelet.service", "rw-------")
                .mode("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "rw-------")
                .mode("/var/lib/kubelet/config.yaml", "rw-------");
    }

    /** The kubeadm kubelet with a {@code --config-dir} (KUBELET_EXTRA_ARGS in /etc/default/kubelet). */
    private NodeTree withConfigDir(NodeTree node) {
        return node.process(1234, "/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
                "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
                "--config-dir=/etc/kubernetes/kubelet.conf.d");
    }

    @Test
    void aLooseDropInFailsTheConfigFileChecksByName() {
        NodeTree node = withConfigDir(kubeadmWorker())
                .write("/etc/kubernetes/kubelet.conf.d/10-hardening.conf",
                        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n")
                .write("/etc/kubernetes/kubelet.conf.d/20-pods.conf",
                        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 50\n")
                .mode("/etc/kubernetes/kubelet.conf.d/10-hardening.conf", "rw-------")
                .owner("/etc/kubernetes/kubelet.conf.d/20-pods.conf", 1000, 1000);

        ScanReport report = node.scan("worker-1");

        String sources = "/var/lib/kubelet/config.yaml, /etc/kubernetes/kubelet.conf.d/10-hardening.conf, "
                + "/etc/kubernetes/kubelet.conf.d/20-pods.conf";
        assertResult(report, "4.1.9", FAIL, "0644 (/etc/kubernetes/kubelet.conf.d/20-pods.conf)",
                "/etc/kubernetes/kubelet.conf.d/20-pods.conf");
        assertResult(report, "4.1.10", FAIL, "ubuntu:ubuntu (/etc/kubernetes/kubelet.conf.d/20-pods.conf)",
                "/etc/kubernetes/kubelet.conf.d/20-pods.conf");
        node.mode("/etc/kubernetes/kubelet.conf.d/20-pods.conf", "rw-------")
                .owner("/etc/kubernetes/kubelet.conf.d/20-pods.conf", 0, 0);
        assertResult(node.scan("worker-1"), "4.1.9", PASS, "0600 (/var/lib/kubelet/config.yaml), 0600 "
                + "(/etc/kubernetes/kubelet.conf.d/10-hardening.conf), 0600 (/etc/kubernetes/kubelet.conf.d/20-pods.conf)",
                sources);
    }

    @Test
    void withoutADropInDirectoryTheChecksCoverTheConfigFile() {
        ScanReport report = kubeadmWorker().scan("worker-1");

        assertResult(report, "4.1.9", PASS, "0600", "/var/lib/kubelet/config.yaml");
        assertResult(report, "4.1.10", PASS, "root:root", "/var/lib/kubelet/config.yaml");
    }

    @Test
    void theKubeletUnitInUsrLocalLibIsTheOneChecked() {
        // a kubelet installed by hand: systemd reads /usr/local/lib/systemd/system before /usr/lib
        NodeTree node = kubeadmWorker()
                .write("/usr/local/lib/systemd/system/kubelet.service",
                        "[Service]\nExecStart=/usr/local/bin/kubelet\n");

        ScanReport report = node.scan("worker-1");

        assertResult(report, "4.1.1", FAIL, "0644 (/usr/local/lib/systemd/system/kubelet.service)",
                "/usr/local/lib/systemd/system/kubelet.service");
    }

    @Test
    void aRuntimeDropInHidesTheOneInEtcAndIsCheckedInsteadOfIt() {
        // systemctl set-property --runtime writes /run/systemd/system.control, searched before /etc
        NodeTree node = kubeadmWorker()
                .write("/etc/systemd/system/kubelet.service.d/50-CPUQuota.conf", "[Service]\nCPUQuota=80%\n")
                .write("/run/systemd/system.control/kubelet.service.d/50-CPUQuota.conf", "[Service]\nCPUQuota=50%\n")
                .mode("/run/systemd/system.control/kubelet.service.d/50-CPUQuota.conf", "rw-rw-rw-");

        CheckResult result = find(node.scan("worker-1"), "4.1.1");

        assertEquals(FAIL, result.status());
        assertEquals("0666 (/run/systemd/system.control/kubelet.service.d/50-CPUQuota.conf)", result.actual());
    }

    @Test
    void aMaskedKubeletUnitIsNotAServiceFileToJudge() {
        NodeTree node = kubeadmWorker().link("/etc/systemd/system/kubelet.service", "/dev/null");

        CheckResult result = find(node.scan("worker-1"), "4.1.1");

        assertEquals(SKIP, result.status());
        assertEquals("file.kubelet-unit.mode: /etc/systemd/system/kubelet.service is a symbolic link to /dev/null:"
                + " kubelet.service is masked", result.reason());
    }

    @Test
    void kubeProxyInKubeadmsDaemonSetHasItsKubeconfigJudgedWhereTheKubeletPutIt() {
        // kubeadm's ConfigMap volume has no defaultMode: the kubelet writes the kubeconfig 0644, root's
        ScanReport report = kubeadmWorker().scan("worker-1");

        String kubeconfig = CONFIG_MAP + "/kubeconfig.conf";
        assertResult(report, "4.1.3", WARN, "0644", kubeconfig);
        assertResult(report, "4.1.4", PASS, "root:root", kubeconfig);
    }

    @Test
    void kubeProxyWithDefaultMode0600PassesItsKubeconfigCheck() {
        ScanReport report = kubeadmWorker()
                .mode(CONFIG_MAP + "/..2025_06_02_08_14_55.3401853129/kubeconfig.conf", "rw-------")
                .scan("worker-1");

        assertResult(report, "4.1.3", PASS, "0600", CONFIG_MAP + "/kubeconfig.conf");
    }
}
