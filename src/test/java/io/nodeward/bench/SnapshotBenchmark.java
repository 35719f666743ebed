package io.nodeward.bench;

import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The process snapshot against its physical floor, in one JVM: {@link ProcessSnapshot#take} of this
 * machine's {@code /proc} beside the bare minimum any reader must do, listing {@code /proc} and
 * reading each {@code cmdline} once with plain JDK calls. Alternating rounds, medians and their ratio.
 * Not a test: {@code java -cp target/classes:target/test-classes:$(cat target/bench.classpath)
 * io.nodeward.bench.SnapshotBenchmark [PROC] [ROUNDS]} after bench/scan.sh has built the class path.
 */
public final class SnapshotBenchmark {

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path proc = Path.of(args.length > 0 ? args[0] : "/proc");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        HostRoot root = new HostRoot(Path.of("/"), proc);
        int per = 500;
        double[] snapshot = new double[rounds];
        double[] floor = new double[rounds];
        for (int r = -3; r < rounds; r++) { // three warm-up rounds
            long t = System.nanoTime();
            for (int i = 0; i < per; i++) {
                ProcessSnapshot.take(root);
            }
            double s = (System.nanoTime() - t) / 1e6 / per;
            t = System.nanoTime();
            for (int i = 0; i < per; i++) {
                readEveryCmdline(proc);
            }
            double f = (System.nanoTime() - t) / 1e6 / per;
            if (r >= 0) {
                snapshot[r] = s;
                floor[r] = f;
            }
        }
        Arrays.sort(snapshot);
        Arrays.sort(floor);
        long processes = ProcessSnapshot.take(root).entries().size();
        System.out.printf(Locale.ROOT, "%d processes: snapshot median %.3f ms, bare cmdline reads median %.3f ms,"
                + " ratio %.2f%n", processes, snapshot[rounds / 2], floor[rounds / 2], snapshot[rounds / 2] / floor[rounds / 2]);
    }

    private static void readEveryCmdline(Path proc) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    try (InputStream in = Files.newInputStream(entry.resolve("cmdline"))) {
                        in.readNBytes(1 << 20);
                    } catch (IOException exited) {
                        // gone since the listing
                    }
                }
            }
        }
    }
}
