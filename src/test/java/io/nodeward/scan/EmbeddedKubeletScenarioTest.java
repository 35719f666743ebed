package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes whose kubelet and kube-proxy run inside another program: k3s ({@code k3s agent},
 * {@code k3s server}) and MicroK8s ({@code kubelite}). The fixture trees are modelled on the
 * distributions' sources: k3s-io/k3s {@code pkg/daemons/agent/agent_linux.go} (kubelet and kube-proxy
 * args), {@code pkg/daemons/agent/agent.go} ({@code defaultKubeletConfig}, written as
 * {@code 00-k3s-defaults.conf}), {@code pkg/agent/config/config.go} (paths under the data dir),
 * {@code pkg/configfilearg/parser.go} (config.yaml and config.yaml.d); canonical/microk8s
 * {@code microk8s-resources/default-args/{kubelet,kube-proxy,kubelite}}.
 */
class EmbeddedKubeletScenarioTest {

    private static final String K3S_DEFAULT = "k3s default (pkg/daemons/agent)";
    private static final String K3S_DROP_IN =
            "drop-in /var/lib/rancher/k3s/agent/etc/kubelet.conf.d/00-k3s-defaults.conf";
    private static final String AGENT = "/var/lib/rancher/k3s/agent";

    @TempDir
    Path dir;

    /** k3s writes its drop-in 0600 (writeKubeletConfig); the kubeconfigs and certificates here 0600 too. */
    private NodeTree k3s(String... layers) {
        NodeTree node = NodeTree.of(dir, layers)
                .mode(AGENT + "/etc/kubelet.conf.d/00-k3s-defaults.conf", "rw-------")
                .mode(AGENT + "/kubelet.kubeconfig", "rw-------")
                .mode(AGENT + "/kubeproxy.kubeconfig", "rw-------")
                .mode(AGENT + "/client-ca.crt", "rw-------")
                .process(1, "/sbin/init");
        return node;
    }

    @Test
    void k3sAgentIsAuditedFromItsDefaultsConfigFileAndDropIn() {
        NodeTree node = k3s("linux-base", "k3s-agent")
                .process(812, "/usr/local/bin/k3s", "agent");

        ScanReport report = golden("k3s-agent", node);
        String config = "k3s config /etc/rancher/k3s/config.yaml: kubelet-arg";

        assertResult(report, "4.2.1", PASS, "false", K3S_DROP_IN);
        assertResult(report, "4.2.2", PASS, "Webhook", K3S_DROP_IN);
        assertResult(report, "4.2.3", PASS, AGENT + "/client-ca.crt", K3S_DROP_IN);
        assertResult(report, "4.2.5", PASS, "5m", config);
        assertResult(report, "4.2.8", WARN, "0", config);
        // set on k3s's command line to the node name, always (kubeletArgsAndConfig): the k3s profile's
        // 4.2.7 is not applicable (DistributionScenarioTest), the value is still read with its source
        assertEquals(SKIP, ScanScenarioTest.find(report, "4.2.7").status());
        // k3s passes --read-only-port=0; with no --config the kubelet's flags-only defaults are the base
        assertResult(report, "4.2.4", PASS, "kubelet.readOnlyPort: 0; port.10255.listening: false",
                K3S_DEFAULT + "; /proc/1/net/tcp, /proc/1/net/tcp6");
        // k3s issues and renews the kubelet's client certificate itself (k3s-cis-1.12)
        assertEquals(SKIP, ScanScenarioTest.find(report, "4.2.10").status());
        assertResult(report, "4.1.5", PASS, "0600", AGENT + "/kubelet.kubeconfig");
        assertResult(report, "4.1.3", PASS, "0600", AGENT + "/kubeproxy.kubeconfig");
        assertResult(report, "4.1.7", PASS, "0600", AGENT + "/client-ca.crt");
        assertEquals(List.of(), idsWith(report, ERROR));
    }

    @Test
    void k3sServerMergesConfigDropInsAppendingKubeletArgs() {
        NodeTree node = k3s("linux-base", "k3s-agent", "k3s-server")
                .process(733, "/usr/local/bin/k3s", "server");

        ScanReport report = golden("k3s-server", node);

        assertResult(report, "4.2.1", PASS, "false", K3S_DROP_IN);
        assertResult(report, "4.2.13", PASS, "4096",
                "k3s config /etc/rancher/k3s/config.yaml.d/50-hardening.yaml: kubelet-arg");
        // k3s runs its control plane inside the k3s process, audited from k3s's own arguments
        // (K3sControlPlaneScenarioTest); with cluster-init and no etcd config written yet, only etcd's are errors
        assertEquals(List.of(), idsWith(report, ERROR).stream().filter(id -> !controlPlaneCheck(id)).toList());
        assertResult(report, "1.2.1", PASS, "false", "k3s default (pkg/daemons/control/server.go)");
    }

    @Test
    void k3sKubeletArgOnTheCommandLineWinsAndNamesItsSource() {
        NodeTree node = k3s("linux-base", "k3s-agent")
                .process(812, "/usr/local/bin/k3s", "agent", "--kubelet-arg=anonymous-auth=true",
                        "--kubelet-arg", "streaming-connection-idle-timeout=0s");

        ScanReport report = node.scan("k3s-anonymous");

        assertResult(report, "4.2.1", FAIL, "true", "k3s --kubelet-arg on /proc/812/cmdline");
        // the command line's kubelet-arg comes after config.yaml's 5m, so it wins (k3s pkg/configfilearg)
        assertResult(report, "4.2.5", WARN, "0s", "k3s --kubelet-arg on /proc/812/cmdline");

    }

    @Test
    void microK8sIsAuditedFromItsArgsFiles() {
        NodeTree node = NodeTree.of(dir, "linux-base", "microk8s")
                .link("/var/snap/microk8s/current", "7229")
                .mode("/var/snap/microk8s/7229/credentials/kubelet.config", "rw-------")
                .mode("/var/snap/microk8s/7229/credentials/proxy.config", "rw-------")
                .process(1, "/sbin/init")
                .process(2210, "/snap/microk8s/7229/kubelite",
                        "--scheduler-args-file=/var/snap/microk8s/7229/args/kube-scheduler",
                        "--controller-manager-args-file=/var/snap/microk8s/7229/args/kube-controller-manager",
                        "--proxy-args-file=/var/snap/microk8s/7229/args/kube-proxy",
                        "--kubelet-args-file=/var/snap/microk8s/7229/args/kubelet",
                        "--apiserver-args-file=/var/snap/microk8s/7229/args/kube-apiserver",
                        "--kubeconfig-file=/var/snap/microk8s/7229/credentials/client.config",
                        "--start-control-plane=true");

        ScanReport report = golden("microk8s", node);
        String args = "MicroK8s /var/snap/microk8s/7229/args/kubelet:";

        assertResult(report, "4.2.1", PASS, "false", args + "4");
        assertResult(report, "4.2.3", PASS, "/var/snap/microk8s/current/certs/ca.crt", args + "3");
        // no --config: the kubelet's flag defaults apply, authorization among them
        assertResult(report, "4.2.2", FAIL, "AlwaysAllow", "default (flags only)");
        assertResult(report, "4.1.5", PASS, "0600", "/var/snap/microk8s/current/credentials/kubelet.config");
        assertEquals(List.of(), idsWith(report, ERROR));
    }

    private static ScanReport golden(String scenario, NodeTree node) {
        ScanReport report = node.scan(scenario);
        GoldenReport.assertMatches(scenario, report);
        return report;
    }

    private static List<String> idsWith(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }

    /** CIS 1.x, 2.x, 3.x and the control-plane ports: the checks of a control plane. */
    private static boolean controlPlaneCheck(String id) {
        return id.startsWith("1.") || id.startsWith("2.") || id.startsWith("3.")
                || List.of("port-6443", "port-8080", "port-2379", "port-2380", "port-10257", "port-10259").contains(id);
    }
}
