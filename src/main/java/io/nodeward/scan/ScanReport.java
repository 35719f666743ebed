package io.nodeward.scan;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One scan of one node: the results in benchmark order plus when and how long.
 *
 * @param benchmark the primary (CIS) benchmark selected for the node
 */
public record ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis,
                         List<CheckResult> results) {

    public ScanReport {
        results = List.copyOf(results);
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
