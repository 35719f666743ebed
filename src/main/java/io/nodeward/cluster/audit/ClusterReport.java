package io.nodeward.cluster.audit;

import io.nodeward.cluster.ObjectKind;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Counts;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit of the cluster: the results per check (the node report's {@link CheckResult}s, so the same
 * outcomes, renderers and contract), the objects behind each result, and every exemption with what it
 * matched. Everything the publishers need; none of them reaches back into the caches.
 *
 * @param cluster    the cluster's name as configured ({@code nodeward.cluster.name}), shown in reports
 * @param findings   per check ID, the objects that did not pass, in {@link io.nodeward.cluster.ObjectRef#ORDER}
 * @param objects    how many objects of each kind were read
 */
public record ClusterReport(String cluster, String benchmark, Instant scannedAt, double durationMillis,
                            List<CheckResult> results, Map<String, List<Finding>> findings, List<Exempted> exemptions,
                            Map<ObjectKind, Integer> objects) {

    public ClusterReport {
        results = List.copyOf(results);
        Map<String, List<Finding>> copy = new LinkedHashMap<>();
        findings.forEach((check, list) -> copy.put(check, List.copyOf(list)));
        findings = Collections.unmodifiableMap(copy);
        exemptions = List.copyOf(exemptions);
        objects = Collections.unmodifiableMap(objects.isEmpty() ? Map.of() : new EnumMap<>(objects));
    }

    /** The findings of {@code checkId}, empty when every object passed. */
    public List<Finding> findings(String checkId) {
        return findings.getOrDefault(checkId, List.of());
    }

    /** Count per outcome, every outcome present. */
    public Map<Outcome, Integer> summary() {
        return Counts.of(results);
    }

    /** The results as a node-shaped report named after the cluster, for the renderers they share (JUnit). */
    public ScanReport asScanReport() {
        return new ScanReport(cluster, benchmark, scannedAt, durationMillis, results);
    }
}
