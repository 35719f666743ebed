package io.nodeward.publish.metrics;

import io.nodeward.agent.ScanScheduler;
import io.nodeward.benchmark.Severity;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ReaderRun;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.ScriptedScanner;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.nodeward.testing.ScriptedScanner.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(ScriptedScannerProfile.class)
class ScanMetricsTest {

    @Inject
    ScanScheduler scheduler;

    @Inject
    ScriptedScanner scanner;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    URL metrics;

    @BeforeEach
    void locateMetrics() {
        metrics = Scrape.metricsOf(management);
    }

    private void scan() throws Exception {
        scheduler.scanNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachReaderReportsWhetherItSucceededAndHowLongItTook() throws Exception {
        scanner.readers(new ReaderRun("kubelet", false, 0.0025, "java.lang.StackOverflowError"),
                new ReaderRun("ports", true, 0.0125, null));
        scan();

        assertEquals(List.of("nodeward_reader_success{reader=\"kubelet\",} 0.0",
                        "nodeward_reader_success{reader=\"ports\",} 1.0"),
                Scrape.samples(metrics, "nodeward_reader_success"));
        assertEquals(List.of("nodeward_reader_duration_seconds{reader=\"kubelet\",} 0.0025",
                        "nodeward_reader_duration_seconds{reader=\"ports\",} 0.0125"),
                Scrape.samples(metrics, "nodeward_reader_duration_seconds"));
        scanner.readers();
    }

    @Test
    void eachCheckHasOneSeriesLabelledWithItsStatus() throws Exception {
        scanner.results(check("4.2.1", Outcome.PASS), check("4.2.4", Outcome.FAIL, Severity.CRITICAL),
                check("port-22", Outcome.WARN, Severity.MEDIUM));
        scan();

        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"4.2.1\",severity=\"high\",status=\"pass\",} 1.0",
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"4.2.4\",severity=\"critical\",status=\"fail\",} 1.0",
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"port-22\",severity=\"medium\",status=\"warn\",} 1.0"),
                Scrape.samples(metrics, "nodeward_check_result"));
    }

    @Test
    void aStatusChangeReplacesTheSeries() throws Exception {
        scanner.results(check("4.2.4", Outcome.FAIL));
        scan();
        scanner.results(check("4.2.4", Outcome.PASS));
        scan();

        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"4.2.4\",severity=\"high\",status=\"pass\",} 1.0"),
                Scrape.samples(metrics, "nodeward_check_result"));
    }

    @Test
    void aCheckThatDisappearsLosesItsSeries() throws Exception {
        scanner.results(check("4.2.1", Outcome.PASS), check("4.2.6", Outcome.ERROR));
        scan();
        scanner.results(check("4.2.1", Outcome.PASS));
        scan();

        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"4.2.1\",severity=\"high\",status=\"pass\",} 1.0"),
                Scrape.samples(metrics, "nodeward_check_result"));
    }

    @Test
    void checksFailingAgainBecauseTheirWaiverExpiredAreCounted() throws Exception {
        CheckResult fail = check("4.2.4", Outcome.FAIL);
        CheckResult expired = new CheckResult(fail.benchmark(), fail.id(), fail.title(), fail.group(), fail.severity(),
                fail.status(), fail.expected(), fail.actual(), fail.source(), fail.remediation(),
                "waiver by platform-team@example.com expired on 2020-01-31: legacy scraper");
        scanner.results(expired, check("4.2.1", Outcome.FAIL));
        scan();

        assertEquals(List.of("nodeward_waivers_expired 1.0"), Scrape.samples(metrics, "nodeward_waivers_expired"));
    }

    @Test
    void checksAreCountedPerStatusWithEveryStatusPresent() throws Exception {
        scanner.results(check("4.2.1", Outcome.FAIL), check("4.2.4", Outcome.FAIL), check("4.2.6", Outcome.SKIP));
        scan();

        assertEquals(List.of(
                "nodeward_checks{status=\"error\",} 0.0",
                "nodeward_checks{status=\"fail\",} 2.0",
                "nodeward_checks{status=\"pass\",} 0.0",
                "nodeward_checks{status=\"skip\",} 1.0",
                "nodeward_checks{status=\"warn\",} 0.0"),
                Scrape.samples(metrics, "nodeward_checks"));
    }

    @Test
    void watchedPortsShowWhetherTheyListenAndUnreadOnesHaveNoSeries() throws Exception {
        scanner.ports(java.util.Map.of(10255, true, 22, false));
        scan();
        assertEquals(List.of(
                "nodeward_port_listening{port=\"10255\",} 1.0",
                "nodeward_port_listening{port=\"22\",} 0.0"),
                Scrape.samples(metrics, "nodeward_port_listening"));

        // the socket table could not be read for 22 this time: its series goes, not a guess
        scanner.ports(java.util.Map.of(10255, false));
        scan();
        assertEquals(List.of("nodeward_port_listening{port=\"10255\",} 0.0"),
                Scrape.samples(metrics, "nodeward_port_listening"));
        scanner.ports(java.util.Map.of());
    }

    @Test
    void theLastScanTimeAndTheBuildAreExported() throws Exception {
        scan();
        double scannedAt = scheduler.latest().orElseThrow().scannedAt().getEpochSecond();

        assertEquals(List.of("nodeward_last_scan_timestamp_seconds " + scannedAt),
                Scrape.samples(metrics, "nodeward_last_scan_timestamp_seconds"));
        assertEquals(List.of("nodeward_build_info{version=\"0.1.0-test\",} 1.0"),
                Scrape.samples(metrics, "nodeward_build_info"));
    }

    @Test
    void everyScanIsCountedAndTimed() throws Exception {
        double scans = sample("nodeward_scans_total");
        double timed = sample("nodeward_scan_duration_seconds_count");
        double seconds = sample("nodeward_scan_duration_seconds_sum");

        scan();

        assertEquals(scans + 1, sample("nodeward_scans_total"));
        assertEquals(timed + 1, sample("nodeward_scan_duration_seconds_count"));
        assertEquals(seconds + 0.0035, sample("nodeward_scan_duration_seconds_sum"), 1e-9);
    }

    private double sample(String name) {
        List<String> lines = Scrape.samples(metrics, name);
        assertEquals(1, lines.size(), name + ": " + lines);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }
}
