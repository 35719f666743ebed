package io.nodeward.agent;

import io.nodeward.host.HostRoot;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanReport;
import io.nodeward.scan.ScannerSettings;
import io.nodeward.scan.TestScanners;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader that overflows its stack on every scan does not end the scan thread: the scanner contains
 * it, each scan completes with that reader's checks as ERROR, and liveness stays up.
 */
class ScanSchedulerReaderErrorTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private final List<ScanCompleted> completed = new CopyOnWriteArrayList<>();
    private ScanScheduler scheduler;

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void theAgentGoesOnScanningWhenAReaderThrowsAStackOverflowError() throws Exception {
        Path root = NodeTree.namespaceWorker(dir, "worker-1");
        ScannerSettings settings = new ScannerSettings(HostRoot.of(root), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));
        scheduler = new ScanScheduler(TestScanners.withAReaderThatThrows(settings, "sshd", new StackOverflowError()),
                ScanSchedulerErrorTest.config(), HostRoot.of(root),
                new ScanSchedulerErrorTest.Fired<>(completed::add), new ScanSchedulerErrorTest.Fired<>(e -> { }));
        scheduler.start();

        ScanReport first = scheduler.scanNow().get(WAIT_SECONDS, TimeUnit.SECONDS);
        ScanReport second = scheduler.scanNow().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertTrue(scheduler.isAlive());
        assertTrue(completed.size() >= 2, "scans completed: " + completed.size());
        for (ScanReport report : List.of(first, second)) {
            assertEquals(Outcome.ERROR, status(report, "ssh-root-login"));
            assertEquals(Outcome.FAIL, status(report, "port-10255"));
        }
    }

    private static Outcome status(ScanReport report, String id) {
        return report.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status();
    }
}
