package io.nodeward.scan;

import io.nodeward.Deployment;
import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serve mode runs on a Kubernetes node: a kubelet it cannot see is an error, never "not running". */
class KubeletExpectedTest {

    private static final String NOT_VISIBLE = "process.kubelet: no kubelet process visible under /proc: is hostPID set?";

    @Test
    void whereAKubeletIsExpectedNotSeeingOneTurnsEveryKubeletCheckIntoAnError(@TempDir Path dir) {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-shipped")
                .process(1, "/sbin/init")
                .process(812, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        ScannerSettings settings = new ScannerSettings(HostRoot.of(node.root()), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION), true);

        ScanReport report = Scanner.create(settings).scan();

        List<CheckResult> kubeletChecks = report.results().stream()
                .filter(r -> r.benchmark().equals("cis-1.12") && r.id().startsWith("4.") && !r.id().startsWith("4.3."))
                .toList();
        assertFalse(kubeletChecks.isEmpty());
        for (CheckResult result : kubeletChecks) {
            assertEquals(Outcome.ERROR, result.status(), result.id());
            assertEquals(NOT_VISIBLE, result.reason(), result.id());
        }
        // without the host's process table, whether this is a control-plane node cannot be told either: the
        // control-plane groups need the kubelet (its staticPodPath holds their manifests), which is not visible
        assertEquals(Outcome.ERROR, ScanScenarioTest.find(report, "1.1.1").status());
        assertEquals(NOT_VISIBLE, ScanScenarioTest.find(report, "1.1.1").reason());
        // kube-proxy is optional on a node: its checks still skip
        assertEquals(Outcome.SKIP, ScanScenarioTest.find(report, "4.3.1").status());
    }

    @Test
    void onK3sTheKubeletChecksNameTheEmbeddedKubeletNotHostPid(@TempDir Path dir) {
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-shipped")
                .process(1, "/sbin/init")
                .process(733, "/usr/local/bin/k3s", "server");
        ScannerSettings settings = new ScannerSettings(HostRoot.of(node.root()), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION), true);

        ScanReport report = Scanner.create(settings).scan();

        // no k3s files on this node: the embedded kubelet's config-dir is missing, which the kubelet
        // refuses too; what matters here is that it is not "no kubelet visible: is hostPID set?"
        CheckResult anonymousAuth = ScanScenarioTest.find(report, "4.2.1");
        assertEquals(Outcome.ERROR, anonymousAuth.status());
        assertEquals("kubelet.authentication.anonymous.enabled: kubelet drop-in directory "
                + "/var/lib/rancher/k3s/agent/etc/kubelet.conf.d: no such file", anonymousAuth.reason());
    }

    @Test
    void anAgentInAPodExpectsAKubeletUnlessConfiguredOtherwise() {
        Deployment agentInAPod = Deployment.agent(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"));
        Deployment agentOnAMachine = Deployment.agent(Map.of());

        assertTrue(ScannerSettings.kubeletExpected(Optional.empty(), agentInAPod));
        assertFalse(ScannerSettings.kubeletExpected(Optional.empty(), agentOnAMachine));
        assertTrue(ScannerSettings.kubeletExpected(Optional.of(true), agentOnAMachine));
        assertFalse(ScannerSettings.kubeletExpected(Optional.of(false), agentInAPod));
    }

    /** The CLI is as often pointed at a fixture from a CI pod as run on a node: a pod alone proves no kubelet. */
    @Test
    void theCliInAPodExpectsAKubeletOnlyWhenConfigured() {
        Deployment cliInAPod = Deployment.cli(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"));

        assertFalse(ScannerSettings.kubeletExpected(Optional.empty(), cliInAPod));
        assertTrue(ScannerSettings.kubeletExpected(Optional.of(true), cliInAPod));
    }
}
