package io.nodeward.publish.metrics;

import io.nodeward.publish.kube.PublishOutcomes;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(ScriptedScannerProfile.class)
class PublishMetricsTest {

    @Inject
    PublishMetrics publishMetrics;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void requestsAreCountedByTargetAndOutcome() {
        publishMetrics.publishRequest("condition", "ok");
        publishMetrics.publishRequest("condition", "ok");
        publishMetrics.publishRequest("condition", "forbidden");

        assertEquals(List.of(
                "nodeward_publish_requests_total{outcome=\"forbidden\",target=\"condition\",} 1.0",
                "nodeward_publish_requests_total{outcome=\"ok\",target=\"condition\",} 2.0"),
                Scrape.samples(Scrape.metricsOf(management), "nodeward_publish_requests_total").stream()
                        .filter(line -> line.contains("target=\"condition\"")).toList());
    }

    @Test
    void aDeclaredTargetShowsZeroErrorsUntilOneIsCounted() {
        URL metrics = Scrape.metricsOf(management);
        publishMetrics.declareTarget("node-status");
        assertEquals(List.of("nodeward_publish_errors_total{target=\"node-status\",} 0.0"), errorsOfNodeStatus(metrics));

        publishMetrics.publishError("node-status");
        assertEquals(List.of("nodeward_publish_errors_total{target=\"node-status\",} 1.0"), errorsOfNodeStatus(metrics));
    }

    @Test
    void theNodePublishersTargetsStartAtZeroErrorsAndItsOutcomesAreCounted() {
        URL metrics = Scrape.metricsOf(management);
        for (String target : List.of("annotations", "condition", "events", "node")) {
            assertEquals(List.of("nodeward_publish_errors_total{target=\"" + target + "\",} 0.0"),
                    Scrape.samples(metrics, "nodeward_publish_errors_total").stream()
                            .filter(line -> line.contains("target=\"" + target + "\"")).toList());
        }

        PublishOutcomes outcomes = publishMetrics; // what the Node publisher sees
        outcomes.request("events", PublishOutcomes.SUCCESS);
        outcomes.error("events");

        assertEquals(List.of("nodeward_publish_requests_total{outcome=\"success\",target=\"events\",} 1.0"),
                Scrape.samples(metrics, "nodeward_publish_requests_total").stream()
                        .filter(line -> line.contains("target=\"events\"")).toList());
        assertEquals(List.of("nodeward_publish_errors_total{target=\"events\",} 1.0"),
                Scrape.samples(metrics, "nodeward_publish_errors_total").stream()
                        .filter(line -> line.contains("target=\"events\"")).toList());
    }

    private static List<String> errorsOfNodeStatus(URL metrics) {
        return Scrape.samples(metrics, "nodeward_publish_errors_total").stream()
                .filter(line -> line.contains("target=\"node-status\"")).toList();
    }
}
