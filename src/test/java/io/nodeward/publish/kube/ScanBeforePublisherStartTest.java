package io.nodeward.publish.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.scan.ScanCompleted;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.FAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scan loop and the publisher both start on {@code StartupEvent}, in no fixed order. Here a
 * scan completes before the publisher has started (an observer that runs first fires it): that
 * first report must still reach the Node, not wait a whole interval.
 */
@QuarkusTest
@TestProfile(ScanBeforePublisherStartTest.Profile.class)
@QuarkusTestResource(value = ApiTestServer.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = ApiTestServer.NODES, value = ScanBeforePublisherStartTest.NODE))
class ScanBeforePublisherStartTest {

    static final String NODE = "early-1";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new PublisherTestProfile().getConfigOverrides());
            config.put("nodeward.node.name", NODE);
            config.put("nodeward-test.scan-before-publisher", "true");
            return config;
        }
    }

    /** Completes a "scan" before any default-priority StartupEvent observer, the publisher's included, runs. */
    @Singleton
    @IfBuildProperty(name = "nodeward-test.scan-before-publisher", stringValue = "true")
    public static class ScanFirst {
        @Inject
        Event<ScanCompleted> scans;

        void onStart(@Observes @Priority(1) StartupEvent event) {
            scans.fire(new ScanCompleted(report(Instant.parse("2025-06-01T10:00:00Z"), check("4.2.4", FAIL))));
        }
    }

    @Inject
    NodePublisher publisher;

    @Inject
    KubernetesClient client;

    @Test
    void aScanThatCompletedBeforeThePublisherStartedIsPublished() throws Exception {
        publisher.awaitIdle();

        Map<String, String> annotations = client.nodes().withName(NODE).get().getMetadata().getAnnotations();
        assertEquals("fail", annotations.get("nodeward.io/status"));
        assertEquals("4.2.4", annotations.get("nodeward.io/failed"));
    }
}
