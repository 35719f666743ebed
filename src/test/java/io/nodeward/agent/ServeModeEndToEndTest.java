package io.nodeward.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nodeward.publish.kube.ApiTestServer;
import io.nodeward.publish.kube.NodePublisher;
import io.nodeward.publish.kube.NodePublisherProbe;
import io.nodeward.testing.Eventually;
import io.nodeward.testing.FixtureNode;
import io.nodeward.testing.FixtureNodeProfile;
import io.nodeward.testing.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serve mode end to end: the real scanner on a fixture node whose sshd lets root log in, publishing
 * to the test API server. What the operator sees (metrics, the Node's annotations, events, the
 * report) follows an edit of the node's sshd_config by itself, through the file watch (the periodic
 * interval is an hour), and a scan that finds nothing new costs the API server nothing. The steps
 * build on each other, in order.
 */
@QuarkusTest
@TestProfile(ServeModeEndToEndTest.Publishing.class)
@QuarkusTestResource(value = ApiTestServer.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = ApiTestServer.NODES, value = FixtureNode.NAME))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeModeEndToEndTest {

    /** The fixture node, publishing to the test API server, where that node is registered. */
    public static class Publishing extends FixtureNodeProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("nodeward.publish.enabled", "true");
            return config;
        }
    }

    private static final String FAILING = "nodeward_check_result{benchmark=\"nodeward-1.0\",check=\"ssh-root-login\","
            + "severity=\"high\",status=\"fail\",} 1.0";
    private static final String PASSING = "nodeward_check_result{benchmark=\"nodeward-1.0\",check=\"ssh-root-login\","
            + "severity=\"high\",status=\"pass\",} 1.0";

    @KubernetesTestServer
    KubernetesMockServer server;

    @Inject
    KubernetesClient client;

    @Inject
    ScanScheduler scheduler;

    @Inject
    NodePublisher publisher;

    @ConfigProperty(name = "nodeward.host.root")
    Path hostRoot;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/report")
    URL report;

    @Test
    @Order(1)
    void afterStartSshRootLoginFailsInMetricsOnTheNodeInAnEventAndInTheReport() throws Exception {
        Eventually.holds(() -> {
            assertEquals(List.of(FAILING), sshRootLoginSeries());
            assertEquals("fail", annotation("nodeward.io/status"));
            assertTrue(failedAnnotation().contains("ssh-root-login"), failedAnnotation().toString());
            assertEquals(List.of("Warning CheckFailing: check ssh-root-login (nodeward-1.0) is failing"), sshRootLoginEvents());
        });
        JsonNode result = reportedSshRootLogin();
        assertEquals("FAIL", result.get("status").asText());
        // the fixture's Match User deploy block (PermitRootLogin no) is a second observation, so the
        // failing one is named with its source
        assertEquals("yes (/etc/ssh/sshd_config:6)", result.get("actual").asText());
        assertEquals("/etc/ssh/sshd_config:6", result.get("source").asText(), "the host's path, not the test directory");
    }

    @Test
    @Order(2)
    void fixingSshdConfigOnTheNodeIsSeenEverywhereWithoutAskingForAScan() throws Exception {
        Path sshdConfig = hostRoot.resolve("etc/ssh/sshd_config");
        String config = Files.readString(sshdConfig);
        assertTrue(config.contains("\nPermitRootLogin yes\n"), config);

        Files.writeString(sshdConfig, config.replace("\nPermitRootLogin yes\n", "\nPermitRootLogin no\n"));

        Eventually.holds(() -> {
            assertEquals(List.of(PASSING), sshRootLoginSeries(), "the fail series is gone, the pass series is there");
            assertFalse(failedAnnotation().contains("ssh-root-login"), failedAnnotation().toString());
            assertEquals(List.of("Warning CheckFailing: check ssh-root-login (nodeward-1.0) is failing",
                    "Normal CheckRecovered: check ssh-root-login (nodeward-1.0) no longer fails: pass"), sshRootLoginEvents());
            JsonNode result = reportedSshRootLogin();
            assertEquals("PASS", result.get("status").asText());
            assertEquals("no (/etc/ssh/sshd_config:6), no (/etc/ssh/sshd_config:16 (Match User deploy))",
                    result.get("actual").asText());
        });
    }

    @Test
    @Order(3)
    void aScanThatFindsNothingNewMakesNoApiRequests() throws Exception {
        scheduler.scanNow().get(30, TimeUnit.SECONDS);
        NodePublisherProbe.awaitIdle(publisher);
        int before = server.getRequestCount();

        scheduler.scanNow().get(30, TimeUnit.SECONDS);
        NodePublisherProbe.awaitIdle(publisher);

        assertEquals(before, server.getRequestCount(), "API requests for a scan that found what the last one did");
    }

    private List<String> sshRootLoginSeries() {
        return Scrape.samples(Scrape.metricsOf(management), "nodeward_check_result").stream()
                .filter(line -> line.contains("check=\"ssh-root-login\""))
                .toList();
    }

    private String annotation(String key) {
        return client.nodes().withName(FixtureNode.NAME).get().getMetadata().getAnnotations().get(key);
    }

    private List<String> failedAnnotation() {
        String failed = annotation("nodeward.io/failed");
        return failed == null ? List.of() : Arrays.asList(failed.split(","));
    }

    /** "type reason: message" of the events about ssh-root-login on our Node, oldest first. */
    private List<String> sshRootLoginEvents() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(FixtureNode.NAME))
                .filter(e -> e.getMessage().contains("check ssh-root-login "))
                .sorted(Comparator.comparing((Event e) -> e.getMetadata().getName())) // named by creation time
                .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
                .toList();
    }

    private JsonNode reportedSshRootLogin() throws Exception {
        String json = RestAssured.given().accept("application/json").get(report).then().statusCode(200).extract().asString();
        for (JsonNode result : new ObjectMapper().readTree(json).get("results")) {
            if (result.get("id").asText().equals("ssh-root-login")) {
                return result;
            }
        }
        throw new AssertionError("no ssh-root-login in the report:\n" + json);
    }
}
