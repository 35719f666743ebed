package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static io.nodeward.scan.ProcessChangedDuringScanTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reader that throws, even an {@link Error} that is not an exception, costs only the facts it
 * declares: their checks are ERROR with the reason, every other reader's verdicts stand, and the next
 * scan runs as usual (node_exporter's collector isolation).
 */
class ReaderContainmentTest {

    @TempDir
    Path dir;

    @Test
    void aStackOverflowInTheKubeletReaderLeavesTheOtherVerdictsIntact() {
        Scanner scanner = scannerWhoseKubeletReaderThrows(new StackOverflowError());

        ScanReport report = scanner.scan();

        assertEquals(Outcome.ERROR, result(report, "4.2.1").status());
        assertEquals("kubelet.authentication.anonymous.enabled: reader kubelet failed: java.lang.StackOverflowError",
                result(report, "4.2.1").reason());
        assertEquals(Outcome.FAIL, result(report, "ssh-root-login").status());      // sshd's reader
        assertEquals(Outcome.PASS, result(report, "ssh-kbd-interactive-auth").status());
        assertEquals(Outcome.FAIL, result(report, "port-10255").status());          // the ports reader
        assertEquals(Outcome.PASS, result(report, "port-10250").status());
        assertEquals(Outcome.PASS, result(report, "4.1.2").status());               // the files reader: the unit
        // the kubelet's config file is named by a kubelet fact: unknown, so its mode is too
        assertEquals(Outcome.ERROR, result(report, "4.1.9").status());
    }

    @Test
    void theFailedReaderIsReportedAndTheOthersSucceed() {
        ScanReport report = scannerWhoseKubeletReaderThrows(new OutOfMemoryError("Java heap space")).scan();

        assertEquals(new ReaderRun("kubelet", false, readerSeconds(report, "kubelet"),
                "java.lang.OutOfMemoryError: Java heap space"), report.readers().get(1));
        assertEquals(java.util.List.of("processes", "kubelet", "control-plane", "kube-proxy", "sshd", "audit", "files",
                        "ports", "upgrade", "distribution"),
                report.readers().stream().map(ReaderRun::reader).toList());
        assertEquals(9, report.readers().stream().filter(ReaderRun::success).count());
    }

    @Test
    void theNextScanRunsAsUsual() {
        Scanner scanner = scannerWhoseKubeletReaderThrows(new StackOverflowError());
        scanner.scan();

        ScanReport again = scanner.scan();

        assertEquals(Outcome.FAIL, result(again, "port-10255").status());
        assertEquals(Outcome.ERROR, result(again, "4.2.1").status());
    }

    private Scanner scannerWhoseKubeletReaderThrows(Throwable thrown) {
        Path root = NodeTree.namespaceWorker(dir, "worker-1");
        ScannerSettings settings = new ScannerSettings(HostRoot.of(root), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION));
        return TestScanners.withAReaderThatThrows(settings, "kubelet", thrown);
    }

    private static double readerSeconds(ScanReport report, String reader) {
        return report.readers().stream().filter(r -> r.reader().equals(reader)).findFirst().orElseThrow().seconds();
    }
}
