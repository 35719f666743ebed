package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static io.nodeward.scan.ScanScenarioTest.assertError;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file the scanner reads under {@code /proc} goes through one bounded access path
 * ({@link io.nodeward.host.BoundedFiles}): whatever a fixture or a bind mount puts there (a FIFO, a
 * symbolic link out of the tree, a table without its header or without newlines), the real scanner
 * finishes within a second and the facts that depended on the file are ERRORs naming it.
 *
 * <p>The node is the namespace worker ({@link NodeTree#namespaceWorker}: init as pid 1, the kubelet
 * as pid 1234, the host's TCP tables) with an sshd as pid 812, whose {@code stat} is read to tell the
 * listener from its sessions.
 */
class ProcAccessScenarioTest {

    /** A scan takes ~100 ms; the first in a JVM loads the benchmarks, which is not what is timed here. */
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp(@TempDir Path warm) {
        node(warm).scan("warm-up");
    }

    private static NodeTree node(Path dir) {
        NodeTree.namespaceWorker(dir, "worker");
        return NodeTree.of(dir).process(812, "/usr/sbin/sshd", "-D").stat(812, "sshd", 1);
    }

    private ScanReport scanWithinASecond(NodeTree node) {
        return assertTimeoutPreemptively(WITHIN, () -> node.scan("worker"));
    }

    @ParameterizedTest(name = "a FIFO at {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /proc/1234/cmdline | 4.2.1      | process.kubelet: kubelet not found, but 1 processes could not be read (/proc/1234/cmdline: not a regular file (a FIFO))
            /proc/1234/cgroup  | 4.2.1      | process.kubelet: kubelet not found, but 1 processes could not be read (/proc/1234/cgroup: not a regular file (a FIFO))
            /proc/1/cmdline    | 4.3.1      | process.kube-proxy: kube-proxy not found, but 1 processes could not be read (/proc/1/cmdline: not a regular file (a FIFO))
            /proc/812/cmdline  | 4.3.1      | process.kube-proxy: kube-proxy not found, but 1 processes could not be read (/proc/812/cmdline: not a regular file (a FIFO))
            /proc/812/cgroup   | 4.3.1      | process.kube-proxy: kube-proxy not found, but 1 processes could not be read (/proc/812/cgroup: not a regular file (a FIFO))
            /proc/812/stat     | 4.3.1      | process.kube-proxy: kube-proxy not found, but 1 processes could not be read (/proc/812/stat: not a regular file (a FIFO))
            /proc/1/cgroup     | 4.2.1      | process.kubelet: cannot tell whether the proc root /proc is the host's: /proc/1/cgroup: not a regular file (a FIFO)
            /proc/1/net/tcp    | port-10255 | port.10255.listening: /proc/1/net/tcp: not a regular file (a FIFO)
            /proc/1/net/tcp6   | port-10249 | port.10249.exposed: cannot rule out a listener on port 10249: /proc/1/net/tcp6: not a regular file (a FIFO)
            """)
    void aFifoAtAProcFileIsAnErrorOnTheFactsThatReadItWithinASecond(String procFile, String check, String reason) {
        NodeTree node = node(dir).fifo(procFile);

        ScanReport report = scanWithinASecond(node);

        assertError(report, check, reason);
    }

    @Test
    void anAbsoluteSymlinkAtTheTcpTableIsAnErrorNotTheOutsideFilesRows() throws IOException {
        // the outside table says nothing listens on 10255: followed, the check would pass
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("tcp"), HEADER);
        NodeTree node = node(dir.resolve("node")).link("/proc/1/net/tcp", outside.toString());

        ScanReport report = scanWithinASecond(node);

        assertError(report, "port-10255", "port.10255.listening: /proc/1/net/tcp: not a regular file (a symbolic link)");
    }

    @Test
    void aSymlinkedDirectoryAboveTheTcpTableIsAnErrorNamingTheLink() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("tcp"), HEADER);
        NodeTree node = node(dir.resolve("node")).delete("/proc/1/net/tcp").delete("/proc/1/net/tcp6")
                .delete("/proc/1/net").link("/proc/1/net", outside.toString());

        ScanReport report = scanWithinASecond(node);

        assertError(report, "port-10255",
                "port.10255.listening: /proc/1/net/tcp: /proc/1/net is a symbolic link, not followed");
    }

    @Test
    void aTableWithoutItsHeaderIsAnErrorNotATableShortOfItsFirstRow() {
        // the first row is sshd listening on 0.0.0.0:22: read as the header, port 22 would look closed
        NodeTree node = node(dir).write("/proc/1/net/tcp", ROWS);

        ScanReport report = scanWithinASecond(node);

        assertError(report, "port-22", "port.22.wildcard: /proc/1/net/tcp: no header line: line 1 is "
                + "'0: 00000000:0016 00000000:0000 0A 000000...', not the kernel's 'sl  local_address ...'");
    }

    /**
     * A 60 MB table with no newline. Read with {@code BufferedReader.readLine}, as before, the one line
     * cost over 120 MB of heap (a StringBuilder doubling up to 60 M chars, then the String). Through
     * the bounded line reader the table is given up after its first 8 KiB buffer. Measured with
     * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} on the scanning thread (JDK 25,
     * 2025): the whole scan of this node allocates about 2.4 MB, the same as the node with its usual
     * table to within the scan's own noise (+8 KB and -69 KB in two runs); asserted under 1 MiB more,
     * so a reader that holds the line fails.
     */
    @Test
    void aSixtyMegabyteSingleLineTableIsAnErrorReadInBoundedMemory() throws IOException {
        NodeTree usual = node(dir.resolve("usual"));
        NodeTree huge = node(dir.resolve("huge"));
        writeOneLine(huge.root().resolve("proc/1/net/tcp"), 60_000_000);

        long usualBytes = allocatedScanning(usual);
        long[] hugeBytes = new long[1];
        ScanReport report = assertTimeoutPreemptively(WITHIN, () -> {
            long before = allocatedByThisThread();
            ScanReport scanned = huge.scan("worker");
            hugeBytes[0] = allocatedByThisThread() - before;
            return scanned;
        });

        assertError(report, "port-10255",
                "port.10255.listening: /proc/1/net/tcp: line 1 longer than 4096 bytes, not read");
        long extra = hugeBytes[0] - usualBytes;
        System.out.printf("60 MB single-line table: the scan allocated %d bytes, %+d against the usual table%n",
                hugeBytes[0], extra);
        assertTrue(extra < 1 << 20, "the 60 MB line cost " + extra + " bytes of allocation");
    }

    private static long allocatedScanning(NodeTree node) {
        long before = allocatedByThisThread();
        node.scan("worker");
        return allocatedByThisThread() - before;
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    private static void writeOneLine(Path file, int bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) '0');
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
    }

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    private static final String ROWS = """
               0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1 0000000000000000 100 0 0 10 0
               1: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1 0000000000000000 100 0 0 10 0
            """;
}
