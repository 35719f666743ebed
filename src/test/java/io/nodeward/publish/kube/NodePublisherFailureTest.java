package io.nodeward.publish.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nodeward.publish.kube.ApiServerDispatcher.Seen;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API errors: counted, retried with backoff or on the next scan, and never felt by the scanning side. */
@QuarkusTest
@TestProfile(PublisherTestProfile.class)
@QuarkusTestResource(value = ApiTestServer.class, restrictToAnnotatedClass = true)
class NodePublisherFailureTest {

    private static final AtomicInteger NODES = new AtomicInteger();
    private static final Instant T1 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-06-01T10:01:00Z");
    private static final Instant T3 = Instant.parse("2025-06-01T10:02:00Z");

    @KubernetesTestServer
    KubernetesMockServer server;

    @Inject
    KubernetesClient client;

    @Inject
    NodePublisher publisher;

    @Inject
    RecordingPublishOutcomes outcomes;

    @Inject
    Event<ScanCompleted> scans;

    private String name;

    @BeforeEach
    void freshNode() throws Exception {
        name = "failing-" + NODES.incrementAndGet();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        publisher.retarget(name);
        outcomes.clear();
        ApiServerDispatcher.JOURNAL.clear();
    }

    private void expectOnce(String method, String path, int code) {
        var status = new StatusBuilder().withCode(code).withMessage("injected " + code).build();
        var pathable = switch (method) {
            case "PATCH" -> server.expect().patch();
            case "POST" -> server.expect().post();
            default -> server.expect().get();
        };
        pathable.withPath(path).andReturn(code, status).once();
    }

    private long fireMillis(ScanReport report) {
        long start = System.nanoTime();
        scans.fire(new ScanCompleted(report));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private Map<String, String> annotations() {
        return client.nodes().withName(name).get().getMetadata().getAnnotations();
    }

    private long events() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name)).count();
    }

    @Test
    void aServerErrorIsCountedAndRetriedAfterABackoffUntilItSucceeds() throws Exception {
        expectOnce("PATCH", "/api/v1/nodes/" + name, 500);

        fireMillis(report(T1, check("4.2.1", PASS)));
        publisher.awaitIdle();

        assertEquals("pass", annotations().get("nodeward.io/status"));
        assertEquals(List.of("condition success", "annotations server_error", "annotations success"),
                outcomes.recorded());
    }

    @Test
    void forbiddenIsCountedNotRetriedAtOnceAndTheNextScanTriesAgain() throws Exception {
        expectOnce("PATCH", "/api/v1/nodes/" + name + "/status", 403);

        fireMillis(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL)));
        publisher.awaitIdle();

        assertEquals(List.of("condition forbidden", "events success", "annotations success", "condition ERROR"),
                outcomes.recorded());
        assertEquals("fail", annotations().get("nodeward.io/status"));
        assertEquals(1, events());

        outcomes.clear();
        fireMillis(report(T2, check("4.2.1", PASS), check("4.2.4", FAIL)));
        publisher.awaitIdle();

        assertEquals(List.of("condition success"), outcomes.recorded());
    }

    @Test
    void aConflictReReadsTheNodeAndRetries() throws Exception {
        expectOnce("POST", "/api/v1/namespaces/default/events", 409);

        fireMillis(report(T1, check("4.2.4", FAIL)));
        publisher.awaitIdle();

        // The first annotation patch records that 4.2.4 was not announced yet; the retry announces it
        // and records that.
        assertEquals(List.of("condition success", "events conflict", "annotations success", "node success",
                "events success", "annotations success"), outcomes.recorded());
        List<String> requests = ApiServerDispatcher.JOURNAL.stream().map(Seen::line).toList();
        assertEquals(1, events());
        assertEquals(List.of("PATCH /api/v1/nodes/" + name + "/status", "POST /api/v1/namespaces/default/events",
                "PATCH /api/v1/nodes/" + name, "GET /api/v1/nodes/" + name,
                "POST /api/v1/namespaces/default/events", "PATCH /api/v1/nodes/" + name), requests);
        assertEquals("4.2.4", annotations().get("nodeward.io/announced"));
    }

    @Test
    void aSlowApiServerTimesOutWithoutHoldingUpScansAndOnlyTheNewestReportIsPublished() throws Exception {
        server.expect().patch().delay(3, TimeUnit.SECONDS).withPath("/api/v1/nodes/" + name)
                .andReturn(200, "{}").once();

        long first = fireMillis(report(T1, check("4.2.1", FAIL)));
        Thread.sleep(200);
        long second = fireMillis(report(T2, check("4.2.1", PASS), check("4.2.2", FAIL)));
        long third = fireMillis(report(T3, check("4.2.1", PASS), check("4.2.2", PASS)));
        publisher.awaitIdle();

        assertTrue(first < 200 && second < 200 && third < 200, first + " " + second + " " + third);
        assertTrue(outcomes.recorded().contains("annotations unreachable"), outcomes.recorded().toString());
        assertEquals("pass", annotations().get("nodeward.io/status"));
        assertEquals("2025-06-01T10:02:00Z", annotations().get("nodeward.io/changed-at"));
        assertFalse(outcomes.recorded().contains("annotations ERROR"), outcomes.recorded().toString());
    }
}
