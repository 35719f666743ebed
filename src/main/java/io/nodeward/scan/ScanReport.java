package io.nodeward.scan;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scan of one node: the results in benchmark order plus when and how long.
 *
 * @param benchmark      the primary (CIS) benchmark selected for the node
 * @param listeningPorts the watched TCP ports and whether each was listening; a port whose state
 *                       could not be read is left out rather than guessed
 */
public record ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis,
                         List<CheckResult> results, SortedMap<Integer, Boolean> listeningPorts) {

    public ScanReport {
        results = List.copyOf(results);
        listeningPorts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(listeningPorts));
    }

    /** A report without port observations, for publishers' tests and callers that have none. */
    public ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis, List<CheckResult> results) {
        this(node, benchmark, scannedAt, durationMillis, results, new TreeMap<>());
    }

    /** Count per outcome, every outcome present (zero when none). */
    public Map<Outcome, Integer> summary() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }
}
