package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.ScanScenarioTest.assertError;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RKE2's etcd ({@link NodeTree#rke2ServerEtcd}): a static pod whose only argument is
 * {@code --config-file}, so its CIS 2 settings are the file's, read as etcd reads it, and nothing else.
 */
class Rke2EtcdScenarioTest {

    private static final String CONFIG = NodeTree.RKE2_ETCD_CONFIG;
    private static final String IN_FILE = " in --config-file " + CONFIG;
    private static final String TLS = "/var/lib/rancher/rke2/server/tls/etcd/";

    /** What RKE2 v1.33 writes for a first server at 10.0.0.20 (k3s pkg/etcd/etcd.go cluster(), sorted keys). */
    static final String RKE2_CONFIG = """
            advertise-client-urls: https://10.0.0.20:2379
            client-transport-security:
              cert-file: /var/lib/rancher/rke2/server/tls/etcd/server-client.crt
              client-cert-auth: true
              key-file: /var/lib/rancher/rke2/server/tls/etcd/server-client.key
              trusted-ca-file: /var/lib/rancher/rke2/server/tls/etcd/server-ca.crt
            data-dir: /var/lib/rancher/rke2/server/db/etcd
            election-timeout: 5000
            experimental-initial-corrupt-check: true
            experimental-watch-progress-notify-interval: 5000000000
            heartbeat-interval: 500
            initial-advertise-peer-urls: https://10.0.0.20:2380
            initial-cluster: rke2-server-1-5d1a0c2e=https://10.0.0.20:2380
            initial-cluster-state: new
            listen-client-http-urls: https://127.0.0.1:2382
            listen-client-urls: https://127.0.0.1:2379,https://10.0.0.20:2379
            listen-metrics-urls: http://127.0.0.1:2381
            listen-peer-urls: https://127.0.0.1:2380,https://10.0.0.20:2380
            log-outputs:
            - stderr
            logger: zap
            name: rke2-server-1-5d1a0c2e
            peer-transport-security:
              cert-file: /var/lib/rancher/rke2/server/tls/etcd/peer-server-client.crt
              client-cert-auth: true
              key-file: /var/lib/rancher/rke2/server/tls/etcd/peer-server-client.key
              trusted-ca-file: /var/lib/rancher/rke2/server/tls/etcd/peer-ca.crt
            snapshot-count: 10000
            socket-options: {}
            """;

    @TempDir
    Path dir;

    @Test
    void rke2sEtcdConfigFilePassesCis2FromItsTransportSecurityBlocks() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG).scan("rke2-server-1");

        assertResult(report, "2.1", PASS, "etcd.certFile: " + TLS + "server-client.crt; etcd.keyFile: " + TLS
                + "server-client.key", "client-transport-security.cert-file" + IN_FILE
                + "; client-transport-security.key-file" + IN_FILE);
        assertResult(report, "2.2", PASS, "true", "client-transport-security.client-cert-auth" + IN_FILE);
        assertResult(report, "2.3", PASS, "false", "default (--config-file " + CONFIG + " does not set it)");
        assertResult(report, "2.5", PASS, "true", "peer-transport-security.client-cert-auth" + IN_FILE);
        assertResult(report, "2.6", PASS, "false", "default (--config-file " + CONFIG + " does not set it)");
        assertEquals(PASS, find(report, "2.4").status());
    }

    @Test
    void flagsBesideTheConfigFileAreIgnoredAsEtcdIgnoresThem() {
        NodeTree node = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG.replace("  client-cert-auth: true\n  key-file: "
                        + TLS + "server-client.key\n  trusted-ca-file: " + TLS + "server-ca.crt\n",
                "  key-file: " + TLS + "server-client.key\n"))
                .edit(NodeTree.RKE2_MANIFESTS + "/etcd.yaml", "    - --config-file=", "    - --client-cert-auth=true\n    - --config-file=")
                .staticPod(5100, "3c1f5e7a9b2d4c6e8f0a1b3c5d7e9f1a", NodeTree.RKE2_MANIFESTS + "/etcd.yaml");

        ScanReport report = node.scan("rke2-server-1");

        assertResult(report, "2.2", FAIL, "false", "default (--config-file " + CONFIG + " does not set it)");
    }

    @Test
    void aTopLevelClientCertAuthIsNoFieldOfTheFileAndIsIgnored() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG.replace("  client-cert-auth: true\n  key-file: "
                + TLS + "server-client.key\n  trusted-ca-file: " + TLS + "server-ca.crt\n", "  key-file: " + TLS
                + "server-client.key\n") + "client-cert-auth: true\n").scan("rke2-server-1");

        assertResult(report, "2.2", FAIL, "false", "default (--config-file " + CONFIG + " does not set it)");
    }

    @Test
    void aTrustedCaInTheBlockMakesEtcdRequireClientCertificates() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG.replace("  client-cert-auth: true\n  key-file: "
                + TLS + "server-client.key\n", "  key-file: " + TLS + "server-client.key\n")).scan("rke2-server-1");

        assertResult(report, "2.2", PASS, "true", "default (--config-file " + CONFIG + " does not set it), but"
                + " client-transport-security.trusted-ca-file" + IN_FILE
                + " makes etcd require and verify client certificates (TLSInfo.ServerConfig)");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByEtcdSoTheChecksAreErrors() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG.replace("  client-cert-auth: true\n  key-file: "
                + TLS + "server-client.key", "  client-cert-auth: \"true\"\n  key-file: " + TLS + "server-client.key"))
                .scan("rke2-server-1");

        String reason = "etcd.clientCertAuth: etcd refuses --config-file " + CONFIG + ": cannot unmarshal string 'true'"
                + " into field client-transport-security.client-cert-auth of type bool";
        assertError(report, "2.2", reason);
        assertEquals(ERROR, find(report, "2.1").status());
        assertEquals(ERROR, find(report, "port-2379").status());
    }

    @Test
    void aListenUrlWithAHostNameIsRefused() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG.replace(
                "listen-client-urls: https://127.0.0.1:2379,", "listen-client-urls: https://etcd.local:2379,"))
                .scan("rke2-server-1");

        assertError(report, "2.2", "etcd.clientCertAuth: etcd refuses --config-file " + CONFIG
                + ": listen-client-urls: expected IP in URL for binding (https://etcd.local:2379)");
    }

    @Test
    void aMissingConfigFileIsAnError() {
        ScanReport report = NodeTree.rke2ServerEtcd(dir, RKE2_CONFIG).delete(CONFIG).scan("rke2-server-1");

        assertError(report, "2.2", "etcd.clientCertAuth: etcd cannot read --config-file " + CONFIG + ": no such file");
    }
}
