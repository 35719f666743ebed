package io.nodeward.bench;

import io.nodeward.host.HostRoot;
import io.nodeward.scan.ScanReport;
import io.nodeward.scan.Scanner;
import io.nodeward.scan.ScannerSettings;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures a full scan in one JVM: the first scan (cold code), then warm scans, reporting the
 * median and p99. Not a test: run it with bench/scan.sh, which records the machine and command.
 *
 * usage: ScanBenchmark HOST_ROOT PROC_ROOT [WARM_SCANS]
 */
public final class ScanBenchmark {

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HostRoot root = new HostRoot(Path.of(args[0]), Path.of(args[1]));
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        long createStart = System.nanoTime();
        Scanner scanner = Scanner.create(new ScannerSettings(root, Optional.empty(), "bench", Optional.empty()));
        double createMs = (System.nanoTime() - createStart) / 1e6;

        long firstStart = System.nanoTime();
        ScanReport first = scanner.scan();
        double firstMs = (System.nanoTime() - firstStart) / 1e6;

        double[] times = new double[warm];
        java.util.Map<String, Double> readerSeconds = new java.util.LinkedHashMap<>();
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            ScanReport report = scanner.scan();
            times[i] = (System.nanoTime() - t) / 1e6;
            report.readers().forEach(r -> readerSeconds.merge(r.reader(), r.seconds(), Double::sum));
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "host root %s, %d checks, summary %s%n", args[0], first.results().size(), first.summary());
        System.out.printf(Locale.ROOT, "load+validate benchmarks: %.2f ms%n", createMs);
        System.out.printf(Locale.ROOT, "first scan: %.2f ms%n", firstMs);
        System.out.printf(Locale.ROOT, "warm scans (n=%d): median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                warm, times[warm / 2], times[(int) Math.ceil(warm * 0.99) - 1], times[warm - 1]);
        StringBuilder readers = new StringBuilder("per reader, mean:");
        readerSeconds.forEach((name, total) -> readers.append(String.format(Locale.ROOT, " %s %.3f ms,", name,
                total * 1000 / warm)));
        System.out.println(readers.substring(0, readers.length() - 1));
    }
}
