package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.ProcFixtures;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scan reads the host's processes once, then the files they name. A kubelet that exits or is
 * replaced in between (a restart with new flags and a new config file) must not leave a mix of the old
 * flags and the new files, nor "kubelet is not running" on a node that runs one: every fact resting on
 * that process is an ERROR, and so is every check that reads one.
 */
class ProcessChangedDuringScanTest {

    @TempDir
    Path dir;

    @Test
    void aKubeletThatExitsAfterTheSnapshotMakesItsChecksErrorNotSkipOrPass() {
        Path root = NodeTree.namespaceWorker(dir, "worker-1");

        ScanReport report = scan(root, () -> deleteTree(root.resolve("proc/1234")));

        String reason = "process.kubelet: the kubelet's process changed during the scan (pid 1234 exited);"
                + " the next scan will tell";
        assertEquals(Outcome.ERROR, result(report, "4.2.1").status()); // anonymous auth: it passes below
        assertEquals(reason, result(report, "4.2.1").reason());
        assertEquals(Outcome.ERROR, result(report, "4.2.4").status());
        assertEquals(reason, result(report, "4.2.4").reason());
        assertEquals(Outcome.FAIL, result(report, "port-10255").status()); // the socket table is not the kubelet's
    }

    @Test
    void aKubeletRestartedWithOtherFlagsUnderTheSamePidIsAnErrorToo() {
        Path root = NodeTree.namespaceWorker(dir, "worker-1");

        // the read-only port closed by the new flags would pass 4.2.4 if the new flags were mixed in
        ScanReport report = scan(root, () -> io(() -> ProcFixtures.cmdline(root, 1234, "/usr/bin/kubelet",
                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
                "--read-only-port=0")));

        assertEquals(Outcome.ERROR, result(report, "4.2.4").status());
        assertEquals(Outcome.ERROR, result(report, "4.2.1").status());
        assertEquals("process.kubelet: the kubelet's process changed during the scan (pid 1234 now runs"
                + " another command line); the next scan will tell", result(report, "4.2.4").reason());
    }

    @Test
    void aKubeletLeftAloneIsReadAsUsual() {
        Path root = NodeTree.namespaceWorker(dir, "worker-1");

        ScanReport report = scan(root, () -> { });

        assertEquals(Outcome.PASS, result(report, "4.2.1").status());
        assertEquals(Outcome.WARN, result(report, "4.2.4").status()); // the read-only port is open: unscored in CIS 1.12
    }

    private static ScanReport scan(Path root, Runnable afterSnapshot) {
        ScannerSettings settings = new ScannerSettings(HostRoot.of(root), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));
        return TestScanners.changingTheHostAfterTheSnapshot(settings, afterSnapshot).scan();
    }

    static CheckResult result(ScanReport report, String id) {
        return report.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static void deleteTree(Path top) {
        io(() -> {
            try (Stream<Path> paths = Files.walk(top)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
