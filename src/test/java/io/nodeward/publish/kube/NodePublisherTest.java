package io.nodeward.publish.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nodeward.publish.kube.ApiServerDispatcher.Seen;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.NodeDistribution;
import io.nodeward.scan.ScanReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(PublisherTestProfile.class)
@QuarkusTestResource(value = ApiTestServer.class, restrictToAnnotatedClass = true)
class NodePublisherTest {

    private static final AtomicInteger NODES = new AtomicInteger();
    private static final Instant T1 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-06-01T10:01:00Z");
    private static final Instant T3 = Instant.parse("2025-06-01T10:02:00Z");
    private static final Instant T4 = Instant.parse("2025-06-01T10:03:00Z");

    @KubernetesTestServer
    KubernetesMockServer server;

    @Inject
    KubernetesClient client;

    @Inject
    NodePublisher publisher;

    @Inject
    jakarta.enterprise.event.Event<ScanCompleted> scans;

    /** A fresh Node that already carries someone else's annotation, label and the kubelet's Ready condition. */
    private String freshNode(Map<String, String> annotations) throws Exception {
        String name = "node-" + NODES.incrementAndGet();
        client.nodes().resource(ApiTestServer.registeredNode(name, annotations)).create();
        publisher.retarget(name);
        return name;
    }

    /** Publishes one report and returns the requests it made, checked against the server's own count. */
    private List<Seen> publish(ScanReport report) throws Exception {
        drainRecorded();
        int before = server.getRequestCount();
        scans.fire(new ScanCompleted(report));
        publisher.awaitIdle();
        int made = server.getRequestCount() - before;
        List<Seen> requests = drainRecorded();
        assertEquals(made, requests.size());
        return requests;
    }

    private List<Seen> drainRecorded() {
        List<Seen> requests = new ArrayList<>();
        Seen seen;
        while ((seen = ApiServerDispatcher.JOURNAL.poll()) != null) {
            requests.add(seen);
        }
        return requests;
    }

    private static List<String> lines(List<Seen> requests) {
        return requests.stream().map(Seen::line).toList();
    }

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private NodeCondition hardened(String name) {
        return node(name).getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("NodeHardened")).findFirst().orElse(null);
    }

    private List<io.fabric8.kubernetes.api.model.Event> events(String name) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name))
                .sorted(Comparator.comparing(e -> e.getMetadata().getName())).toList();
    }

    @Test
    void writesOurAnnotationsWithExactValuesAndLeavesOthersAlone() throws Exception {
        String name = freshNode(Map.of());

        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", FAIL),
                check("port-22", WARN), check("1.1.1", SKIP)));

        Map<String, String> annotations = node(name).getMetadata().getAnnotations();
        assertEquals(Map.of(
                "example.com/owner", "team-a",
                "nodeward.io/status", "fail",
                "nodeward.io/summary", "pass=1 fail=2 warn=1 skip=1 error=0",
                "nodeward.io/failed", "4.2.4,4.2.6",
                "nodeward.io/announced", "4.2.4,4.2.6",
                "nodeward.io/benchmark", "cis-1.12",
                "nodeward.io/changed-at", "2025-06-01T10:00:00Z"), annotations);
        assertEquals(Map.of("role", "worker"), node(name).getMetadata().getLabels());
    }

    @Test
    void writesTheNodesRoleAndDistributionWithItsEvidence() throws Exception {
        String name = freshNode(Map.of());
        String evidence = "AL2023 (nodeadm): kubelet.config = /etc/kubernetes/kubelet/config.json (flag --config)";

        publish(Reports.report(T1, "worker", new NodeDistribution("eks", "Amazon EKS", evidence), "eks-1.7",
                check("eks-1.7", "4.2.1", PASS)));

        Map<String, String> annotations = node(name).getMetadata().getAnnotations();
        assertEquals("worker", annotations.get("nodeward.io/role"));
        assertEquals("eks", annotations.get("nodeward.io/distribution"));
        assertEquals(evidence, annotations.get("nodeward.io/distribution-evidence"));
        assertEquals("eks-1.7", annotations.get("nodeward.io/benchmark"));
    }

    @Test
    void firstScanWritesOneConditionPatchOneEventPerFailingCheckThenOneAnnotationPatchRecordingThem() throws Exception {
        String name = freshNode(Map.of());

        List<Seen> requests = publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL)));

        assertEquals(List.of(
                "PATCH /api/v1/nodes/" + name + "/status",
                "POST /api/v1/namespaces/default/events",
                "PATCH /api/v1/nodes/" + name), lines(requests));
        assertEquals("application/strategic-merge-patch+json", requests.get(0).contentType().split(";")[0]);
        assertEquals("application/merge-patch+json", requests.get(2).contentType().split(";")[0]);
        assertEquals("{\"metadata\":{\"annotations\":{\"nodeward.io/announced\":\"4.2.4\",\"nodeward.io/benchmark\":\"cis-1.12\","
                + "\"nodeward.io/changed-at\":\"2025-06-01T10:00:00Z\",\"nodeward.io/failed\":\"4.2.4\","
                + "\"nodeward.io/status\":\"fail\",\"nodeward.io/summary\":\"pass=1 fail=1 warn=0 skip=0 error=0\"}}}",
                requests.get(2).body());
    }

    @Test
    void anAgentWhoseEventsNeverLandedLeavesThemToTheNextAgentExactlyOnce() throws Exception {
        String name = freshNode(Map.of());
        // The first agent writes the condition and annotations, but its events never reach the API
        // server (it is killed before them, or they fail): the Node says 4.2.4 and 4.2.6 fail.
        server.expect().post().withPath("/api/v1/namespaces/default/events")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).build()).once();
        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", FAIL)));
        assertEquals("4.2.4,4.2.6", node(name).getMetadata().getAnnotations().get("nodeward.io/failed"));
        assertEquals(List.of(), eventLines(name));

        // A new agent starts on that Node and scans the same state.
        publisher.retarget(name);
        publish(report(T2, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", FAIL)));

        assertEquals(List.of("Warning CheckFailing check 4.2.4 (cis-1.12) is failing",
                "Warning CheckFailing check 4.2.6 (cis-1.12) is failing"), eventLines(name));

        // An ordinary restart after that announces nothing again.
        publisher.retarget(name);
        List<Seen> afterRestart = publish(report(T3, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", FAIL)));
        assertEquals(List.of(), lines(afterRestart));
        assertEquals(2, eventLines(name).size());
    }

    @Test
    void aRecoveryNeverAnnouncedIsAnnouncedByTheNextAgent() throws Exception {
        String name = freshNode(Map.of());
        publish(report(T1, check("4.2.4", FAIL)));
        server.expect().post().withPath("/api/v1/namespaces/default/events")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).build()).once();
        publish(report(T2, check("4.2.4", PASS)));

        publisher.retarget(name);
        publish(report(T3, check("4.2.4", PASS)));

        assertEquals(List.of("Warning CheckFailing check 4.2.4 (cis-1.12) is failing",
                "Normal CheckRecovered check 4.2.4 (cis-1.12) no longer fails: pass"), eventLines(name));
    }

    @Test
    void anIdenticalReportMakesNoRequestAtAll() throws Exception {
        freshNode(Map.of());
        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL)));

        List<Seen> second = publish(report(T2, check("4.2.1", PASS), check("4.2.4", FAIL)));
        List<Seen> third = publish(report(T3, check("4.2.1", PASS), check("4.2.4", FAIL)));

        assertEquals(List.of(), lines(second));
        assertEquals(List.of(), lines(third));
    }

    @Test
    void afterARestartMatchingAnnotationsConditionAndFailuresCostOnlyTheStartGet() throws Exception {
        String first = freshNode(Map.of());
        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL)));
        Map<String, String> ours = NodeAnnotations.ours(node(first).getMetadata().getAnnotations());

        // A new agent on a node that already says what the scan finds.
        drainRecorded();
        String second = "node-" + NODES.incrementAndGet();
        Node copy = node(first);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(second).withAnnotations(ours).endMetadata()
                .withStatus(copy.getStatus()).build()).create();
        client.nodes().withName(second).editStatus(n -> { n.setStatus(copy.getStatus()); return n; });
        drainRecorded();
        publisher.retarget(second);
        List<Seen> start = drainRecorded();
        List<Seen> scan = publish(report(T2, check("4.2.1", PASS), check("4.2.4", FAIL)));

        assertEquals(List.of("GET /api/v1/nodes/" + second), lines(start));
        // 4.2.4 was failing before the restart (nodeward.io/failed says so): no event for unchanged state.
        assertEquals(List.of(), lines(scan));
        assertEquals("2025-06-01T10:00:00Z", node(second).getMetadata().getAnnotations().get("nodeward.io/changed-at"));
    }

    @Test
    void changedAtMovesOnlyWhenTheResultsChange() throws Exception {
        String name = freshNode(Map.of());
        publish(report(T1, check("4.2.1", PASS), check("port-22", WARN)));
        publish(report(T2, check("4.2.1", PASS), check("port-22", WARN)));
        assertEquals("2025-06-01T10:00:00Z", node(name).getMetadata().getAnnotations().get("nodeward.io/changed-at"));

        publish(report(T3, check("4.2.1", PASS), check("port-22", SKIP)));

        assertEquals("2025-06-01T10:02:00Z", node(name).getMetadata().getAnnotations().get("nodeward.io/changed-at"));
    }

    @Test
    void removesOurKeysThatAreNoLongerWantedAndOnlyThose() throws Exception {
        String name = freshNode(Map.of("nodeward.io/failed", "4.2.4", "nodeward.io/obsolete", "x"));

        List<Seen> requests = publish(report(T1, check("4.2.1", PASS)));

        Seen annotationPatch = requests.stream().filter(r -> r.path().equals("/api/v1/nodes/" + name)).findFirst().orElseThrow();
        assertTrue(annotationPatch.body().contains("\"nodeward.io/failed\":null"), annotationPatch.body());
        Map<String, String> annotations = node(name).getMetadata().getAnnotations();
        assertNull(annotations.get("nodeward.io/failed"));
        assertNull(annotations.get("nodeward.io/obsolete"));
        assertEquals("team-a", annotations.get("example.com/owner"));
        assertEquals("pass", annotations.get("nodeward.io/status"));
    }

    @Test
    void statusIsErrorWhenOnlyErrorsAndTheConditionUnknown() throws Exception {
        String name = freshNode(Map.of());

        publish(report(T1, check("4.2.1", PASS), check("4.1.1", ERROR)));

        assertEquals("error", node(name).getMetadata().getAnnotations().get("nodeward.io/status"));
        NodeCondition condition = hardened(name);
        assertEquals(List.of("Unknown", "ScanErrors", "1 could not be evaluated: 4.1.1"),
                List.of(condition.getStatus(), condition.getReason(), condition.getMessage()));
    }

    @Test
    void conditionGoesUnknownThenFalseThenTrueAndMovesItsTransitionTimeOnlyOnStatusChange() throws Exception {
        String name = freshNode(Map.of());
        NodeCondition atStart = hardened(name);
        assertEquals(List.of("Unknown", "NotScannedYet"), List.of(atStart.getStatus(), atStart.getReason()));

        Thread.sleep(1100);
        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL)));
        NodeCondition failing = hardened(name);
        assertEquals(List.of("False", "ChecksFailing", "1 failing: 4.2.4"),
                List.of(failing.getStatus(), failing.getReason(), failing.getMessage()));
        assertNotEquals(atStart.getLastTransitionTime(), failing.getLastTransitionTime());

        Thread.sleep(1100);
        publish(report(T2, check("4.2.1", FAIL), check("4.2.4", FAIL)));
        NodeCondition stillFailing = hardened(name);
        assertEquals("2 failing: 4.2.1,4.2.4", stillFailing.getMessage());
        assertEquals(failing.getLastTransitionTime(), stillFailing.getLastTransitionTime());

        Thread.sleep(1100);
        publish(report(T3, check("4.2.1", PASS), check("4.2.4", PASS)));
        NodeCondition passing = hardened(name);
        assertEquals(List.of("True", "AllChecksPass", "no check fails (pass=2 fail=0 warn=0 skip=0 error=0)"),
                List.of(passing.getStatus(), passing.getReason(), passing.getMessage()));
        assertNotEquals(stillFailing.getLastTransitionTime(), passing.getLastTransitionTime());
        assertEquals("Ready", node(name).getStatus().getConditions().get(0).getType());
        assertEquals(2, node(name).getStatus().getConditions().size());
    }

    @Test
    void aCheckThatStartsFailingIsAWarningEventAndOneThatRecoversANormalOne() throws Exception {
        String name = freshNode(Map.of());
        publish(report(T1, check("4.2.1", PASS), check("4.2.4", PASS)));
        assertEquals(List.of(), events(name));

        publish(report(T2, check("4.2.1", PASS), check("4.2.4", FAIL)));
        publish(report(T3, check("4.2.1", PASS), check("4.2.4", WARN)));

        List<io.fabric8.kubernetes.api.model.Event> events = events(name);
        assertEquals(List.of("Warning CheckFailing check 4.2.4 (cis-1.12) is failing",
                "Normal CheckRecovered check 4.2.4 (cis-1.12) no longer fails: warn"),
                events.stream().map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList());
        io.fabric8.kubernetes.api.model.Event warning = events.get(0);
        assertEquals(List.of("Node", name, name, ""), List.of(warning.getInvolvedObject().getKind(),
                warning.getInvolvedObject().getName(), warning.getInvolvedObject().getUid(),
                String.valueOf(warning.getInvolvedObject().getNamespace() == null ? "" : warning.getInvolvedObject().getNamespace())));
        assertEquals(List.of("default", "nodeward", name, "nodeward", name, "1"), List.of(
                warning.getMetadata().getNamespace(), warning.getSource().getComponent(), warning.getSource().getHost(),
                warning.getReportingComponent(), warning.getReportingInstance(), String.valueOf(warning.getCount())));
        assertEquals(warning.getFirstTimestamp(), warning.getLastTimestamp());
    }

    @Test
    void eventsNameTheBenchmarkOfTheirCheckNotTheReportsPrimaryOne() throws Exception {
        String name = freshNode(Map.of());
        publish(report(T1, check("4.2.1", PASS), check("nodeward-1.0", "ssh-root-login", FAIL)));
        publish(report(T2, check("4.2.1", PASS), check("nodeward-1.0", "ssh-root-login", PASS)));

        assertEquals(List.of("Warning CheckFailing check ssh-root-login (nodeward-1.0) is failing",
                "Normal CheckRecovered check ssh-root-login (nodeward-1.0) no longer fails: pass"),
                events(name).stream().map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList());
    }

    @Test
    void theFirstScanAnnouncesOnlyFailingChecks() throws Exception {
        String name = freshNode(Map.of());

        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", WARN), check("4.1.1", ERROR)));

        assertEquals(List.of("Warning CheckFailing 4.2.4"), events(name).stream()
                .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage().split(" ")[1]).toList());
    }

    private List<String> eventLines(String name) {
        return events(name).stream().map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList();
    }

    @Test
    void afterARestartOnlyChecksThatChangedSinceTheNodesFailedAnnotationAreAnnounced() throws Exception {
        String name = freshNode(Map.of("nodeward.io/status", "fail", "nodeward.io/failed", "4.2.4,4.2.6"));

        publish(report(T1, check("4.2.1", FAIL), check("4.2.4", FAIL), check("4.2.6", PASS)));

        assertEquals(List.of("Warning CheckFailing check 4.2.1 (cis-1.12) is failing",
                "Normal CheckRecovered check 4.2.6 (cis-1.12) no longer fails: pass"), eventLines(name));
    }

    @Test
    void afterARestartWithATruncatedFailedAnnotationUnlistedChecksAreNotAnnounced() throws Exception {
        String name = freshNode(Map.of("nodeward.io/status", "fail", "nodeward.io/failed", "4.2.1,…+2"));

        publish(report(T1, check("4.2.1", PASS), check("4.2.4", FAIL), check("4.2.6", FAIL)));
        publish(report(T2, check("4.2.1", PASS), check("4.2.4", PASS), check("4.2.6", FAIL)));

        // 4.2.4 and 4.2.6 may have been in the part cut off: not announced as failing; their recovery is.
        assertEquals(List.of("Normal CheckRecovered check 4.2.1 (cis-1.12) no longer fails: pass",
                "Normal CheckRecovered check 4.2.4 (cis-1.12) no longer fails: pass"), eventLines(name));
    }

    @Test
    void aFailingCheckThatBecomesUnreadableHasNotRecovered() throws Exception {
        String name = freshNode(Map.of());
        publish(report(T1, check("4.2.4", FAIL)));

        List<Seen> unreadable = publish(report(T2, check("4.2.4", ERROR)));
        publish(report(T3, check("4.2.4", FAIL)));
        assertEquals(List.of("Warning CheckFailing check 4.2.4 (cis-1.12) is failing"), eventLines(name));
        assertTrue(lines(unreadable).stream().noneMatch(l -> l.startsWith("POST")), lines(unreadable).toString());

        publish(report(T4, check("4.2.4", ERROR)));
        publish(report(T4.plusSeconds(60), check("4.2.4", PASS)));
        assertEquals(List.of("Warning CheckFailing check 4.2.4 (cis-1.12) is failing",
                "Normal CheckRecovered check 4.2.4 (cis-1.12) no longer fails: pass"), eventLines(name));
    }
}
