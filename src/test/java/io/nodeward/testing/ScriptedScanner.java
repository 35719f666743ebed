package io.nodeward.testing;

import io.nodeward.benchmark.Severity;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.NodeScanner;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ReaderRun;
import io.nodeward.scan.ScanReport;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node scanner of the serve-mode tests: returns the results a test scripted, can fail a scan on
 * demand, counts scans and records how many ran at once. A bean only where a test profile sets
 * {@code nodeward-test.scripted-scanner=true} (see {@link ScriptedScannerProfile}), so other tests
 * get the real scanner.
 */
@Alternative
@Priority(1)
@Singleton
@IfBuildProperty(name = "nodeward-test.scripted-scanner", stringValue = "true")
public class ScriptedScanner implements NodeScanner {

    public static final String BENCHMARK = "cis-1.12";

    private volatile List<CheckResult> results = List.of(check("4.2.1", Outcome.PASS));
    private volatile Set<Path> watched = Set.of();
    private volatile java.util.SortedMap<Integer, Boolean> ports = new java.util.TreeMap<>();
    private volatile List<ReaderRun> readers = List.of();
    private volatile Duration scanTime = Duration.ZERO;
    private final AtomicReference<RuntimeException> failNext = new AtomicReference<>();
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final CountDownLatch firstScanGate;

    ScriptedScanner(@ConfigProperty(name = "nodeward-test.hold-first-scan", defaultValue = "false") boolean holdFirstScan) {
        firstScanGate = new CountDownLatch(holdFirstScan ? 1 : 0);
    }

    /** A result of benchmark {@value #BENCHMARK}, severity high, with the given ID and status. */
    public static CheckResult check(String id, Outcome status) {
        return check(id, status, Severity.HIGH);
    }

    public static CheckResult check(String id, Outcome status, Severity severity) {
        return new CheckResult(BENCHMARK, id, "Check " + id, "4.2 Kubelet", severity, status,
                "'kubelet.readOnlyPort' is equal to '0'", "10255", "flag --read-only-port",
                "Set readOnlyPort: 0", status == Outcome.SKIP ? "not applicable" : null);
    }

    /** What the following scans report. */
    public void results(CheckResult... next) {
        results = List.of(next);
    }

    /** How the fact readers did, as the following scans report it. */
    public void readers(ReaderRun... next) {
        readers = List.of(next);
    }

    /** The listening state of watched ports that the following scans report. */
    public void ports(java.util.Map<Integer, Boolean> next) {
        ports = new java.util.TreeMap<>(next);
    }

    /** The next scan throws {@code error} instead of reporting. */
    public void failNextScan(RuntimeException error) {
        failNext.set(error);
    }

    public void watch(Set<Path> paths) {
        watched = Set.copyOf(paths);
    }

    /** Each scan takes this long, so overlapping scans would be seen. */
    public void scanTime(Duration time) {
        scanTime = time;
    }

    /** Lets a first scan held by {@code nodeward-test.hold-first-scan} proceed. */
    public void releaseFirstScan() {
        firstScanGate.countDown();
    }

    public int scanCount() {
        return scans.get();
    }

    public int maxConcurrentScans() {
        return maxActive.get();
    }

    @Override
    public ScanReport scan() {
        int running = active.incrementAndGet();
        maxActive.accumulateAndGet(running, Math::max);
        try {
            if (!firstScanGate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("first scan held for a minute");
            }
            Thread.sleep(scanTime.toMillis());
            RuntimeException error = failNext.getAndSet(null);
            if (error != null) {
                throw error;
            }
            return new ScanReport("node-1", BENCHMARK, Instant.ofEpochSecond(1_700_000_000L + scans.get()), 3.5, results, ports,
                    readers, watched.stream().map(Path::toString).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            scans.incrementAndGet();
            active.decrementAndGet();
        }
    }
}
