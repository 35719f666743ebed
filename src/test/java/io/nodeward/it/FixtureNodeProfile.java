package io.nodeward.it;

import io.nodeward.testing.NodeTree;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged agent pointed at a fixture worker node ({@link NodeTree}: a kubeadm kubelet that
 * opens the read-only port, sshd on the wildcard address, PermitRootLogin yes), publishing off
 * since there is no cluster, and its two servers on ports free at the time. For
 * {@code @QuarkusIntegrationTest}, Quarkus 3.32 passes these overrides to the launched jar (or
 * native executable) as {@code -D} system properties. The main port is not one of them: the
 * launcher passes {@code -Dquarkus.http.port=} the TEST JVM's {@code quarkus.http.test-port}
 * (application.properties sets 0, and the launcher reads the real port from the "Listening on"
 * log line). It passes no management port at all (the launched app runs the prod profile, so it
 * would take 9000 and clash with any agent on this machine), hence {@code quarkus.management.port} here.
 */
public class FixtureNodeProfile implements QuarkusTestProfile {

    static final String NODE = "namespace-worker";
    /** Chosen once per test JVM: the profile may be instantiated more than once, in more than one class loader. */
    private static final String ROOT_PROPERTY = "nodeward.it.fixture-root";
    private static final String MANAGEMENT_PORT_PROPERTY = "nodeward.it.management-port";

    @Override
    public Map<String, String> getConfigOverrides() {
        Path root = root();
        return Map.of(
                "nodeward.host.root", root.toString(),
                "nodeward.host.proc", root.resolve("proc").toString(),
                "nodeward.publish.enabled", "false",
                "quarkus.management.port", String.valueOf(managementPort()));
    }

    static synchronized Path root() {
        String chosen = System.getProperty(ROOT_PROPERTY);
        if (chosen != null) {
            return Path.of(chosen);
        }
        try {
            Path root = NodeTree.namespaceWorker(Files.createTempDirectory("nodeward-it-").resolve("node"), NODE);
            System.setProperty(ROOT_PROPERTY, root.toString());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int managementPort() {
        return port(MANAGEMENT_PORT_PROPERTY);
    }

    private static synchronized int port(String property) {
        String chosen = System.getProperty(property);
        if (chosen == null) {
            chosen = String.valueOf(PackagedAgent.freePort());
            System.setProperty(property, chosen);
        }
        return Integer.parseInt(chosen);
    }
}
