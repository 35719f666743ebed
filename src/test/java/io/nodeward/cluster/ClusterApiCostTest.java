package io.nodeward.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * What the cluster auditor asks of the API server, read from the test server's request log (every request
 * it received, in order): at start one paged LIST and one WATCH per kind, the Lease, and one event per
 * object failing a scored check; for a change nothing but the events of the verdicts it changed. The
 * Lease's renewals (a GET and a PATCH every retry period) go on whatever happens. Its own application and
 * server, so no other test's changes are in the log.
 */
@QuarkusTest
@TestProfile(ClusterModeProfile.Isolated.class)
@WithKubernetesTestServer(crud = true, setup = ClusterSeed.class)
class ClusterApiCostTest {

    @KubernetesTestServer
    KubernetesServer server;

    /**
     * Objects failing scored checks in the seeded cluster: MyDevUser (rbac-wildcard-binding, 5.1.8), the web pod
     * (pod-default-sa-token), and default, development and team-b (ns-network-policy, ns-resource-limits).
     */
    private static final long FAILING_AT_START = 9;

    /**
     * Waits for the first audit and its events, then drains the test server's request log: every request
     * the auditor made to start (the seed's creates come first and are not the auditor's).
     */
    private List<String> start() throws Exception {
        Eventually.holds(() -> given().get("/report").then().statusCode(200));
        Eventually.holds(() -> assertEquals(FAILING_AT_START, server.getClient().v1().events().inAnyNamespace().list()
                .getItems().stream().filter(e -> "CheckFailing".equals(e.getReason())).count()));
        return drain();
    }

    /** Every request in the log since the last drain, as {@code METHOD path}, and whose they are. */
    private List<String> drain() throws InterruptedException {
        List<String> requests = new java.util.ArrayList<>();
        io.fabric8.mockwebserver.http.RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    /** The auditor's requests among {@code requests}, counted by what they are. */
    private static Map<String, Long> auditorRequests(List<String> requests) {
        return requests.stream().map(ClusterApiCostTest::category).filter(c -> !c.isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static String category(String request) {
        if (request.startsWith("GET ") && request.contains("watch=true")) {
            return "watch";
        }
        if (request.startsWith("GET ") && request.contains("limit=500")) {
            return "list";
        }
        if (request.contains("/leases")) {
            return "lease " + request.substring(0, request.indexOf(' '));
        }
        if (request.startsWith("POST ") && request.contains("/events")) {
            return "event";
        }
        if (request.startsWith("GET ") && request.contains("/events")) {
            return ""; // this test looking at the events; the auditor never reads them
        }
        return request.startsWith("GET ") ? "other read: " + request : "";
    }

    @Test
    void whatItCostsTheApiServer() throws Exception {
        Map<String, Long> atStart = auditorRequests(start());
        System.out.println("API requests at start: " + atStart);
        assertEquals(10, atStart.get("list"), "one paged LIST per kind");
        assertEquals(10, atStart.get("watch"), "one WATCH per kind");
        assertEquals(FAILING_AT_START, atStart.get("event"), "one event per object and scored check it fails");
        assertTrue(atStart.keySet().stream().noneMatch(c -> c.startsWith("other read")), atStart.toString());

        KubernetesClient client = server.getClient();
        client.resourceQuotas().inNamespace("team-b").resource(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder()
                .withNewMetadata().withName("compute").withNamespace("team-b").endMetadata()
                .withNewSpec().addToHard("pods", new io.fabric8.kubernetes.api.model.Quantity("20")).endSpec().build()).create();
        Eventually.holds(() -> assertEquals(List.of("default", "development"), given().get("/report").then().statusCode(200)
                .extract().jsonPath().getList("results.find { it.id == 'ns-resource-limits' }.findings.object.name")));
        Eventually.holds(() -> assertTrue(client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> "CheckRecovered".equals(e.getReason()) && "team-b".equals(e.getInvolvedObject().getName()))));
        Map<String, Long> perChange = auditorRequests(drain());
        System.out.println("API requests for one change: " + perChange);
        assertEquals(null, perChange.get("list"), "no LIST after a change");
        assertEquals(null, perChange.get("watch"), "no new WATCH after a change");
        assertEquals(1, perChange.get("event"), "one event: team-b recovers from ns-resource-limits");
        client.resourceQuotas().inNamespace("team-b").withName("compute").delete();
    }

}
