package io.nodeward.publish.metrics;

import io.nodeward.agent.ScanScheduler;
import io.nodeward.benchmark.Severity;
import io.nodeward.scan.Outcome;
import io.nodeward.testing.Promtool;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.ScriptedScanner;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.nodeward.testing.ScriptedScanner.check;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every nodeward_ family, as Prometheus scrapes it, is clean under the real {@code promtool check metrics}. */
@QuarkusTest
@TestProfile(ScriptedScannerProfile.class)
class PrometheusExpositionTest {

    @Inject
    ScanScheduler scheduler;

    @Inject
    ScriptedScanner scanner;

    @Inject
    PublishMetrics publishMetrics;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyNodewardFamilyPassesPromtool() throws Exception {
        scanner.results(check("4.2.1", Outcome.PASS), check("4.2.4", Outcome.FAIL, Severity.CRITICAL),
                check("port-10255", Outcome.FAIL), check("port-22", Outcome.WARN, Severity.MEDIUM));
        scanner.ports(java.util.Map.of(10255, true, 22, true, 10250, false));
        scanner.failNextScan(new IllegalStateException("scripted failure"));
        scheduler.scanNow().handle((report, error) -> null).get(10, TimeUnit.SECONDS);
        scheduler.scanNow().get(10, TimeUnit.SECONDS);
        publishMetrics.publishRequest("annotations", "ok");
        publishMetrics.publishError("events");

        List<String> lines = Scrape.nodewardLines(Scrape.metricsOf(management));
        String families = String.join("\n", lines);
        for (String family : List.of("nodeward_check_result", "nodeward_checks", "nodeward_scan_duration_seconds",
                "nodeward_last_scan_timestamp_seconds", "nodeward_scans_total", "nodeward_scan_errors_total",
                "nodeward_publish_errors_total", "nodeward_publish_requests_total", "nodeward_port_listening",
                "nodeward_build_info")) {
            assertTrue(families.contains("# TYPE " + family + " "), family + " missing from\n" + families);
        }

        Promtool.assertCleanMetrics(families);
    }
}
