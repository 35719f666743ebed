package io.nodeward.agent;

import io.nodeward.host.HostRoot;

import io.nodeward.scan.NodeScanner;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An {@link Error} thrown by an observer of {@link ScanCompleted} ends the scan thread after the
 * scan itself succeeded: the callers of that very scan must still be answered. Plain: the scheduler
 * built by hand.
 */
class ScanSchedulerObserverErrorTest {

    /** Generous bounds: other builds share the CPU. */
    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch firstScanAnnounced = new CountDownLatch(1);
    private final AtomicInteger announced = new AtomicInteger();

    private final NodeScanner scanner = new NodeScanner() {
        @Override
        public ScanReport scan() {
            return new ScanReport("n1", "cis-1.12", Instant.parse("2026-01-02T03:04:05Z"), 1.0, List.of());
        }
    };

    /** The first report is announced quietly; the second one's observer throws. */
    private final ScanScheduler scheduler = new ScanScheduler(scanner, ScanSchedulerErrorTest.config(), HostRoot.of(Path.of("/")),
            new ScanSchedulerErrorTest.Fired<ScanCompleted>(e -> {
                if (announced.incrementAndGet() == 1) {
                    firstScanAnnounced.countDown();
                    return;
                }
                throw new StackOverflowError("scripted: an observer's bug");
            }),
            new ScanSchedulerErrorTest.Fired<>(e -> { }));

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void anErrorFromAnObserverAnswersTheCallersOfThatScanInsteadOfLeavingThemWaiting() throws Exception {
        scheduler.start();
        assertTrue(firstScanAnnounced.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first scan was not announced");

        CompletableFuture<ScanReport> answeredByTheSecondScan = scheduler.scanNow();

        ExecutionException error = assertThrows(ExecutionException.class,
                () -> answeredByTheSecondScan.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(StackOverflowError.class, error.getCause());
        assertEquals("scripted: an observer's bug", error.getCause().getMessage());
        assertEquals(2, announced.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (scheduler.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(scheduler.isAlive(), "liveness must fail once the scan thread has died");
    }
}
