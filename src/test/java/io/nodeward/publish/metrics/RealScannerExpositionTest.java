package io.nodeward.publish.metrics;

import io.nodeward.agent.ScanScheduler;
import io.nodeward.testing.FixtureNodeProfile;
import io.nodeward.testing.Promtool;
import io.nodeward.testing.Scrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent exports after scanning a real node tree with the built-in benchmarks (hundreds of
 * checks in two benchmarks, failing and passing, listening ports) is clean under the real
 * {@code promtool check metrics}, every nodeward_ family of it. Nothing here touches a bean
 * directly: the scrape shows what the agent exports by itself.
 */
@QuarkusTest
@TestProfile(FixtureNodeProfile.class)
class RealScannerExpositionTest {

    @Inject
    ScanScheduler scheduler;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyNodewardFamilyOfARealScanPassesPromtool() throws Exception {
        scheduler.scanNow().get(30, TimeUnit.SECONDS);

        List<String> lines = Scrape.nodewardLines(Scrape.metricsOf(management));
        String families = String.join("\n", lines);
        for (String family : List.of("nodeward_check_result", "nodeward_checks", "nodeward_scan_duration_seconds",
                "nodeward_last_scan_timestamp_seconds", "nodeward_scans_total", "nodeward_scan_errors_total",
                "nodeward_publish_errors_total", "nodeward_port_listening", "nodeward_build_info")) {
            assertTrue(families.contains("# TYPE " + family + " "), family + " missing from\n" + families);
        }
        assertTrue(families.contains("benchmark=\"nodeward-1.0\"") && families.contains("benchmark=\"cis-1.12\""), families);
        assertTrue(families.contains("status=\"fail\""), families);
        Promtool.assertCleanMetrics(families);
    }

    @Test
    void theNodePublishersErrorCountersAreThereAtZeroWithPublishingOff() {
        assertEquals(List.of(
                "nodeward_publish_errors_total{target=\"annotations\",} 0.0",
                "nodeward_publish_errors_total{target=\"condition\",} 0.0",
                "nodeward_publish_errors_total{target=\"events\",} 0.0",
                "nodeward_publish_errors_total{target=\"node\",} 0.0"),
                Scrape.samples(Scrape.metricsOf(management), "nodeward_publish_errors_total"));
    }
}
