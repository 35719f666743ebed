package io.nodeward.scan;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scan of one node: everything a publisher or the agent needs, so none of them reaches back
 * into the host or the scanner. The results in benchmark order, when and how long, the node's
 * {@link #status()}, the watched ports as read, how each reader did, and which host paths were read.
 *
 * @param role           the node's role, {@code control-plane} or {@code worker} (the {@code node.role}
 *                       fact), or null when it is neither (no kubelet, no control plane) or unknown
 * @param distribution   the node's distribution and the evidence for it; null in publishers' tests
 * @param benchmark      the primary benchmark selected for the node (CIS, or its distribution's own)
 * @param benchmarkReason why that benchmark, e.g. {@code eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a};
 *                       null in publishers' tests
 * @param listeningPorts the watched TCP ports and whether each was listening; a port whose state
 *                       could not be read is left out rather than guessed
 * @param readers        how each fact reader did, in the order they ran
 * @param pathsRead      the host paths (files and directories, present or not) the readers read or
 *                       looked for: a change to any of them could change a result, so the agent
 *                       watches exactly these
 */
public record ScanReport(String node, String role, NodeDistribution distribution, String benchmark,
                         String benchmarkReason, Instant scannedAt, double durationMillis,
                         List<CheckResult> results, SortedMap<Integer, Boolean> listeningPorts,
                         List<ReaderRun> readers, List<String> pathsRead) {

    public ScanReport {
        results = List.copyOf(results);
        listeningPorts = Collections.unmodifiableSortedMap(new TreeMap<>(listeningPorts));
        readers = List.copyOf(readers);
        pathsRead = List.copyOf(pathsRead);
    }

    /** A report whose distribution and benchmark choice are not known, for publishers' tests. */
    public ScanReport(String node, String role, String benchmark, Instant scannedAt, double durationMillis,
                      List<CheckResult> results, SortedMap<Integer, Boolean> listeningPorts,
                      List<ReaderRun> readers, List<String> pathsRead) {
        this(node, role, null, benchmark, null, scannedAt, durationMillis, results, listeningPorts, readers, pathsRead);
    }

    /** A report whose node role is not known, for publishers' tests. */
    public ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis,
                      List<CheckResult> results, SortedMap<Integer, Boolean> listeningPorts,
                      List<ReaderRun> readers, List<String> pathsRead) {
        this(node, null, null, benchmark, null, scannedAt, durationMillis, results, listeningPorts, readers, pathsRead);
    }

    /** A report without port observations, for publishers' tests and callers that have none. */
    public ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis, List<CheckResult> results) {
        this(node, benchmark, scannedAt, durationMillis, results, new TreeMap<>());
    }

    /** A report without reader runs or paths, for publishers' tests. */
    public ScanReport(String node, String benchmark, Instant scannedAt, double durationMillis,
                      List<CheckResult> results, SortedMap<Integer, Boolean> listeningPorts) {
        this(node, benchmark, scannedAt, durationMillis, results, listeningPorts, List.of(), List.of());
    }

    /** Count per outcome, every outcome present (zero when none). */
    public Map<Outcome, Integer> summary() {
        return Counts.of(results);
    }

    /** The node as a whole: pass, fail or error, with the reason ({@link NodeStatus}). */
    public NodeStatus status() {
        return NodeStatus.of(this);
    }

    /**
     * How annotations, messages and events name each result, in result order: its ID, or
     * {@code benchmark/ID} when two benchmarks of the report share that ID (a user's benchmark next
     * to CIS).
     */
    public List<String> checkNames() {
        Map<String, Integer> benchmarksById = new HashMap<>();
        results.stream().map(CheckResult::id).forEach(id -> benchmarksById.merge(id, 1, Integer::sum));
        return results.stream().map(r -> benchmarksById.get(r.id()) > 1 ? r.benchmark() + "/" + r.id() : r.id()).toList();
    }
}
