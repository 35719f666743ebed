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

    /**
     * Other tests of this application count errors too, so this one counts from where it finds them;
     * that the targets start at 0 is {@code RealScannerExpositionTest}'s, in an application that
     * counts nothing.
     */
    @Test
    void everyNodePublisherTargetHasAnErrorCounterAndItsOutcomesAreCounted() {
        URL metrics = Scrape.metricsOf(management);
        for (String target : List.of("annotations", "condition", "events", "node")) {
            assertEquals(1, errorsOf(metrics, target).size(), target);
        }
        double eventErrorsBefore = value(errorsOf(metrics, "events").get(0));

        PublishOutcomes outcomes = publishMetrics; // what the Node publisher sees
        outcomes.request("events", PublishOutcomes.SUCCESS);
        outcomes.error("events");

        assertEquals(List.of("nodeward_publish_requests_total{outcome=\"success\",target=\"events\",} 1.0"),
                Scrape.samples(metrics, "nodeward_publish_requests_total").stream()
                        .filter(line -> line.contains("target=\"events\"")).toList());
        assertEquals(eventErrorsBefore + 1, value(errorsOf(metrics, "events").get(0)));
    }

    private static List<String> errorsOf(URL metrics, String target) {
        return Scrape.samples(metrics, "nodeward_publish_errors_total").stream()
                .filter(line -> line.contains("target=\"" + target + "\"")).toList();
    }

    private static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    private static List<String> errorsOfNodeStatus(URL metrics) {
        return Scrape.samples(metrics, "nodeward_publish_errors_total").stream()
                .filter(line -> line.contains("target=\"node-status\"")).toList();
    }
}
