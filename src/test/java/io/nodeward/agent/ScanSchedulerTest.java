package io.nodeward.agent;

import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.ScriptedScanner;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.nodeward.testing.ScriptedScanner.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(ScriptedScannerProfile.class)
class ScanSchedulerTest {

    /** A bound, not a timing assertion: the debounce is 200 ms in this profile. */
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    @Inject
    ScanScheduler scheduler;

    @Inject
    ScriptedScanner scanner;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @AfterEach
    void stopWatchingTheTestsFiles() throws Exception {
        scanner.watch(Set.of());
        scanner.scanTime(Duration.ZERO);
        scheduler.scanNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailingScanIsCountedAndTheNextScanWorks() throws Exception {
        scheduler.scanNow().get(10, TimeUnit.SECONDS);
        double errors = scanErrors();
        scanner.failNextScan(new IllegalStateException("scripted failure"));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> scheduler.scanNow().get(10, TimeUnit.SECONDS));
        assertEquals("scripted failure", failure.getCause().getMessage());
        assertEquals(errors + 1, scanErrors());
        assertTrue(scheduler.isAlive());

        scanner.results(check("4.2.4", Outcome.FAIL));
        ScanReport report = scheduler.scanNow().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(check("4.2.4", Outcome.FAIL)), report.results());
        assertSame(report, scheduler.latest().orElseThrow());
        assertEquals(errors + 1, scanErrors());
    }

    @Test
    void editingAWatchedFileTriggersAScan(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "readOnlyPort: 0\n");
        scanner.watch(Set.of(config));
        scheduler.scanNow().get(10, TimeUnit.SECONDS);
        int before = scanner.scanCount();

        Files.writeString(config, "readOnlyPort: 10255\n");

        awaitScanAfter(before);
    }

    @Test
    void aWatchedDirectoryThatDisappearsAndReturnsIsStillWatched(@TempDir Path dir) throws Exception {
        Path dropIns = Files.createDirectory(dir.resolve("kubelet.conf.d"));
        Path dropIn = Files.writeString(dropIns.resolve("10-ro.conf"), "readOnlyPort: 0\n");
        scanner.watch(Set.of(dropIns, dropIn));
        scheduler.scanNow().get(10, TimeUnit.SECONDS);

        int beforeRemoval = scanner.scanCount();
        deleteTree(dropIns);
        awaitScanAfter(beforeRemoval);
        // a scan has started; let one finish so the watches it re-registers are in place
        // before the next change (the scripted scanner counts a scan when it starts)
        scheduler.scanNow().get(10, TimeUnit.SECONDS);

        int beforeReturn = scanner.scanCount();
        Files.createDirectory(dropIns);
        awaitScanAfter(beforeReturn);
        scheduler.scanNow().get(10, TimeUnit.SECONDS);

        int beforeEdit = scanner.scanCount();
        Files.writeString(dropIn, "readOnlyPort: 10255\n");
        awaitScanAfter(beforeEdit);
    }

    @Test
    void scansNeverOverlapHoweverManyTriggersArrive() throws Exception {
        scanner.scanTime(Duration.ofMillis(30));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<ScanReport>> scans = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                CompletableFuture<CompletableFuture<ScanReport>> requested =
                        CompletableFuture.supplyAsync(scheduler::scanNow, callers);
                scans.add(requested.thenCompose(f -> f));
                if (i % 5 == 0) {
                    scheduler.filesChanged();
                }
            }
            CompletableFuture.allOf(scans.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }

        assertEquals(1, scanner.maxConcurrentScans());
    }

    private void awaitScanAfter(int count) throws InterruptedException {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (scanner.scanCount() <= count) {
            assertTrue(System.nanoTime() < deadline, "no scan within " + AT_MOST + " of the change");
            Thread.sleep(50);
        }
    }

    private double scanErrors() {
        List<String> lines = Scrape.samples(Scrape.metricsOf(management), "nodeward_scan_errors_total");
        assertEquals(1, lines.size(), lines.toString());
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
