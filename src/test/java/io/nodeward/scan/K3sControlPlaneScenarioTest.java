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
 * {@code k3s server}'s embedded control plane, audited from what k3s passes it: the defaults of
 * {@code apiServer()}, {@code controllerManager()} and {@code scheduler()} (k3s-io/k3s
 * pkg/daemons/control/server.go) merged with the {@code kube-*-arg}s of its config file and command line,
 * and its etcd from the config file k3s writes for it, which exists only when k3s manages an etcd.
 */
class K3sControlPlaneScenarioTest {

    private static final String DEFAULT = "k3s default (pkg/daemons/control/server.go)";
    private static final String CONFIG = "/etc/rancher/k3s/config.yaml";
    private static final String ETCD_CONFIG = NodeTree.K3S_SERVER + "/db/etcd/config";

    /** What k3s writes for its embedded etcd with --cluster-init (pkg/etcd/etcd.go cluster(), sorted keys). */
    private static final String K3S_ETCD = """
            advertise-client-urls: https://10.0.0.30:2379
            client-transport-security:
              cert-file: /var/lib/rancher/k3s/server/tls/etcd/server-client.crt
              client-cert-auth: true
              key-file: /var/lib/rancher/k3s/server/tls/etcd/server-client.key
              trusted-ca-file: /var/lib/rancher/k3s/server/tls/etcd/server-ca.crt
            data-dir: /var/lib/rancher/k3s/server/db/etcd
            election-timeout: 5000
            experimental-initial-corrupt-check: true
            heartbeat-interval: 500
            listen-client-urls: https://127.0.0.1:2379,https://10.0.0.30:2379
            listen-peer-urls: https://127.0.0.1:2380,https://10.0.0.30:2380
            logger: zap
            name: k3s-server-1-4b2c9e1f
            peer-transport-security:
              cert-file: /var/lib/rancher/k3s/server/tls/etcd/peer-server-client.crt
              client-cert-auth: true
              key-file: /var/lib/rancher/k3s/server/tls/etcd/peer-server-client.key
              trusted-ca-file: /var/lib/rancher/k3s/server/tls/etcd/peer-ca.crt
            snapshot-count: 10000
            """;

    @TempDir
    Path dir;

    /** A k3s server (pid 733) with the k3s agent layer's kubelet files and {@code config} as config.yaml. */
    private NodeTree k3sServer(String config, String etcdConfig, String... extraArgs) {
        String[] argv = new String[extraArgs.length + 2];
        argv[0] = "/usr/local/bin/k3s";
        argv[1] = "server";
        System.arraycopy(extraArgs, 0, argv, 2, extraArgs.length);
        return NodeTree.of(dir, "linux-base", "k3s-agent")
                .process(1, "/sbin/init")
                .process(733, argv)
                .write(CONFIG, config)
                .k3sServerData(etcdConfig);
    }

    @Test
    void k3sDefaultsAreTheEmbeddedComponentsSettingsWithTheirSource() {
        ScanReport report = k3sServer("write-kubeconfig-mode: \"0600\"\n", null).scan("k3s-server-1");

        assertEquals("control-plane", report.role());
        assertResult(report, "1.2.1", PASS, "false", DEFAULT);
        assertResult(report, "1.2.6", PASS, "Node,RBAC", DEFAULT);
        assertResult(report, "1.2.15", PASS, "false", DEFAULT);
        assertResult(report, "1.3.2", PASS, "false", DEFAULT);
        assertResult(report, "1.3.3", PASS, "true", DEFAULT);
        assertResult(report, "1.4.1", PASS, "false", DEFAULT);
        assertResult(report, "1.4.2", PASS, "127.0.0.1", DEFAULT);
    }

    @Test
    void withKineThereIsNoEtcdAndItsChecksAreSkippedWithTheReason() {
        ScanReport report = k3sServer("write-kubeconfig-mode: \"0600\"\n", null).scan("k3s-server-1");

        CheckResult check = find(report, "2.2");
        assertEquals(SKIP, check.status());
        assertEquals("control-plane.etcd: k3s stores its data in SQLite through kine (no --cluster-init, no --server"
                + " to join, no etcd data in /var/lib/rancher/k3s/server/db/etcd): no etcd runs on this node",
                check.reason());
        assertEquals(SKIP, find(report, "port-2379").status());
    }

    @Test
    void aKubeApiserverArgInTheConfigFileReplacesTheDefaultAndNamesTheFile() {
        ScanReport report = k3sServer("kube-apiserver-arg:\n  - profiling=true\n  - anonymous-auth=true\n", null)
                .scan("k3s-server-1");

        String source = "k3s config " + CONFIG + ": kube-apiserver-arg";
        assertResult(report, "1.2.15", FAIL, "true", source);
        assertResult(report, "1.2.1", WARN, "true", source);
        assertResult(report, "1.3.2", PASS, "false", DEFAULT);
    }

    @Test
    void theCommandLinesKubeSchedulerArgComesAfterTheConfigFilesAndWins() {
        ScanReport report = k3sServer("kube-scheduler-arg:\n  - bind-address=127.0.0.1\n", null,
                "--kube-scheduler-arg=bind-address=0.0.0.0").scan("k3s-server-1");

        assertResult(report, "1.4.2", FAIL, "0.0.0.0", "k3s --kube-scheduler-arg on /proc/733/cmdline");
    }

    @Test
    void aDisabledComponentIsNotOnTheNode() {
        ScanReport report = k3sServer("disable-scheduler: true\n", null).scan("k3s-server-1");

        CheckResult check = find(report, "1.4.1");
        assertEquals(SKIP, check.status());
        assertEquals("control-plane.kube-scheduler: kube-scheduler is disabled (k3s config " + CONFIG
                + ": disable-scheduler)", check.reason());
    }

    @Test
    void withClusterInitEtcdIsAuditedFromTheConfigK3sWritesForIt() {
        ScanReport report = k3sServer("cluster-init: true\n", K3S_ETCD).scan("k3s-server-1");

        String inFile = " in --config-file " + ETCD_CONFIG;
        assertResult(report, "2.2", PASS, "true", "client-transport-security.client-cert-auth" + inFile);
        assertResult(report, "2.5", PASS, "true", "peer-transport-security.client-cert-auth" + inFile);
        assertResult(report, "2.3", PASS, "false", "default (--config-file " + ETCD_CONFIG + " does not set it)");
        // the API server then talks to that etcd with k3s's client certificate (pkg/etcd/etcd.go startClient)
        assertEquals(PASS, find(report, "1.2.23").status(), find(report, "1.2.23").toString());
    }

    @Test
    void anEtcdConfigEtcdWouldRefuseMakesTheEtcdChecksErrors() {
        ScanReport report = k3sServer("cluster-init: true\n", K3S_ETCD.replace("snapshot-count: 10000",
                "snapshot-count: \"10000\"")).scan("k3s-server-1");

        assertEquals("etcd.clientCertAuth: etcd refuses --config-file " + ETCD_CONFIG + ": cannot unmarshal string"
                + " '10000' into field snapshot-count of type an unsigned integer", find(report, "2.2").reason());
        assertEquals(Outcome.ERROR, find(report, "2.2").status());
    }
}
