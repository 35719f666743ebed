package io.nodeward.it;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged agent on a plain machine: no in-cluster service account, no KUBERNETES_SERVICE_HOST,
 * no kubeconfig, and publishing left at its default (on). It must start, say once that publishing
 * is off because there is no cluster, and keep scanning. A plain process rather than
 * {@code @QuarkusIntegrationTest}, because only a plain process lets the test strip the cluster
 * out of the agent's environment (a CI runner inside a pod has KUBERNETES_SERVICE_HOST set).
 */
class NoClusterAgentIT {

    private static final String PUBLISHING_OFF =
            "Publishing to the Node is off: no cluster configured (no in-cluster service account, "
                    + "no kubeconfig); scans, metrics and the report work as usual";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process agent;

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void startsWithoutAClusterSaysPublishingIsOffOnceAndKeepsScanning() throws Exception {
        Path node = NodeTree.namespaceWorker(work.resolve("node"), FixtureNodeProfile.NODE);
        Path home = Files.createDirectories(work.resolve("home"));
        Path log = work.resolve("agent.log");
        int management = PackagedAgent.freePort();
        ProcessBuilder builder = new ProcessBuilder(PackagedAgent.command(List.of(
                "-Duser.home=" + home,
                "-Dnodeward.host.root=" + node,
                "-Dnodeward.scan.interval=1s",
                "-Dnodeward.scan.jitter=0",
                "-Dquarkus.http.port=0",
                "-Dquarkus.management.port=" + management)));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("KUBERNETES_") || k.equals("KUBECONFIG") || k.equals("NODE_NAME")
                || k.startsWith("NODEWARD_"));
        env.put("HOME", home.toString());
        agent = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();

        awaitReady(management, log);
        double first = scansTotal(management);
        Thread.sleep(3_500);
        double later = scansTotal(management);

        assertTrue(later - first >= 2, "scans every second: " + first + " then " + later + "\n" + Files.readString(log));
        assertTrue(agent.isAlive(), Files.readString(log));
        List<String> publishing = Files.readAllLines(log).stream().filter(l -> l.contains("Publishing")).toList();
        assertEquals(1, publishing.size(), String.join("\n", publishing));
        assertTrue(publishing.get(0).endsWith("INFO  [io.nodeward.publish.kube.NodePublisher] (main) " + PUBLISHING_OFF),
                publishing.get(0));
        assertEquals(List.of(), Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).toList());
    }

    private void awaitReady(int management, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                fail("the agent exited with " + agent.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get(management, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("not ready within 30 s:\n" + Files.readString(log));
    }

    private double scansTotal(int management) throws Exception {
        List<String> lines = new ArrayList<>(List.of(get(management, "/metrics").body().split("\n")));
        return Double.parseDouble(lines.stream().filter(l -> l.startsWith("nodeward_scans_total "))
                .findFirst().orElseThrow().substring("nodeward_scans_total ".length()));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/plain; version=0.0.4").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
