package io.nodeward.publish.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ReaderRun;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanFailed;
import io.nodeward.scan.ScanReport;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns each scan into the {@code nodeward_} Prometheus families of DESIGN.md's contract. Series
 * never go stale: a check keeps exactly one {@code nodeward_check_result} series, replaced when its
 * labels change and removed when the check is gone. No node label: Prometheus adds it by relabelling.
 * Updated on the scanning thread (observers of {@link ScanCompleted} are synchronous), so the maps
 * below need no locking.
 */
@Startup
@ApplicationScoped
public class ScanMetrics {

    static final String CHECK_RESULT = "nodeward.check.result";
    static final String PORT_LISTENING = "nodeward.port.listening";

    private final MeterRegistry registry;
    private final Map<Outcome, AtomicInteger> checks = new EnumMap<>(Outcome.class);
    private final Map<String, CheckGauge> checkResults = new HashMap<>();
    private final Map<String, PortGauge> ports = new HashMap<>();
    private final Map<String, ReaderGauges> readers = new HashMap<>();
    private final AtomicLong lastScanMillis = new AtomicLong();
    private final AtomicInteger expiredWaivers = new AtomicInteger();
    private final Timer duration;
    private final Counter scans;
    private final Counter scanErrors;

    private record CheckGauge(CheckSeries series, Gauge gauge) {
    }

    private record PortGauge(AtomicInteger listening, Gauge gauge) {
    }

    /** One reader's last run: 1 or 0, and its duration in microseconds, so a plain long holds it. */
    private record ReaderGauges(AtomicInteger success, AtomicLong micros) {
    }

    ScanMetrics(MeterRegistry registry,
                @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            AtomicInteger count = new AtomicInteger();
            checks.put(outcome, count);
            Gauge.builder("nodeward.checks", count, AtomicInteger::get)
                    .description("Checks with this status in the last scan")
                    .tag("status", outcome.label())
                    .register(registry);
        }
        Gauge.builder("nodeward.last.scan.timestamp.seconds", lastScanMillis, millis -> millis.get() / 1000.0)
                .description("When the last successful scan ran (its scannedAt), in seconds since the Unix epoch; 0 before the first")
                .register(registry);
        Gauge.builder("nodeward.waivers.expired", expiredWaivers, AtomicInteger::get)
                .description("Checks failing again because their waiver expired, in the last scan")
                .register(registry);
        Gauge.builder("nodeward.build.info", () -> 1)
                .description("The nodeward version running, as a label; always 1")
                .tag("version", version)
                .register(registry);
        duration = Timer.builder("nodeward.scan.duration")
                .description("Time a scan took, as the scanner measured it")
                .register(registry);
        scans = Counter.builder("nodeward.scans")
                .description("Scans that finished with a report")
                .register(registry);
        scanErrors = Counter.builder("nodeward.scan.errors")
                .description("Scans that failed without a report; the next trigger retries")
                .register(registry);
    }

    void onScan(@Observes ScanCompleted event) {
        ScanReport report = event.report();
        scans.increment();
        duration.record(Duration.ofNanos(Math.round(report.durationMillis() * 1_000_000)));
        lastScanMillis.set(report.scannedAt().toEpochMilli());
        report.summary().forEach((outcome, count) -> checks.get(outcome).set(count));
        expiredWaivers.set((int) report.results().stream().filter(CheckResult::waiverExpired).count());
        updateCheckResults(report);
        updatePorts(report);
        updateReaders(report);
    }

    /** Like node_exporter's {@code node_scrape_collector_success}: a reader that threw costs only its own facts. */
    private void updateReaders(ScanReport report) {
        for (ReaderRun run : report.readers()) {
            ReaderGauges gauges = readers.computeIfAbsent(run.reader(), name -> {
                ReaderGauges created = new ReaderGauges(new AtomicInteger(), new AtomicLong());
                Gauge.builder("nodeward.reader.success", created.success(), AtomicInteger::get)
                        .description("1 when the fact reader returned its facts in the last scan, 0 when it failed"
                                + " (its facts are then ERROR)")
                        .tag("reader", name)
                        .register(registry);
                Gauge.builder("nodeward.reader.duration.seconds", created.micros(), micros -> micros.get() / 1e6)
                        .description("How long the fact reader took in the last scan")
                        .tag("reader", name)
                        .register(registry);
                return created;
            });
            gauges.success().set(run.success() ? 1 : 0);
            gauges.micros().set(Math.round(run.seconds() * 1e6));
        }
    }

    void onFailure(@Observes ScanFailed event) {
        scanErrors.increment();
    }

    private void updateCheckResults(ScanReport report) {
        Map<String, CheckSeries> current = new LinkedHashMap<>();
        for (CheckResult result : report.results()) {
            CheckSeries series = CheckSeries.of(result);
            current.put(series.key(), series);
        }
        checkResults.entrySet().removeIf(entry -> {
            boolean stale = !entry.getValue().series().equals(current.get(entry.getKey()));
            if (stale) {
                registry.remove(entry.getValue().gauge());
            }
            return stale;
        });
        current.forEach((key, series) -> checkResults.computeIfAbsent(key, k -> new CheckGauge(series,
                Gauge.builder(CHECK_RESULT, () -> 1)
                        .description("One series per check, labelled with its current status; always 1")
                        .tags(series.tags())
                        .register(registry))));
    }

    private void updatePorts(ScanReport report) {
        Map<String, Integer> listening = ListeningPorts.of(report);
        ports.entrySet().removeIf(entry -> {
            boolean gone = !listening.containsKey(entry.getKey());
            if (gone) {
                registry.remove(entry.getValue().gauge());
            }
            return gone;
        });
        listening.forEach((port, value) -> ports.computeIfAbsent(port, p -> {
            AtomicInteger state = new AtomicInteger();
            return new PortGauge(state, Gauge.builder(PORT_LISTENING, state, AtomicInteger::get)
                    .description("1 when a watched port listens as its port-<n> check reports, else 0")
                    .tag("port", port)
                    .register(registry));
        }).listening().set(value));
    }
}
