package io.nodeward.publish.kube;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Counts;
import io.nodeward.scan.NodeDistribution;
import io.nodeward.scan.NodeStatus;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scan report means for the Node object: the values of our annotations (all but
 * {@code changed-at}, which depends on history) and the {@code NodeHardened} condition, taken from
 * the report's {@link NodeStatus}.
 *
 * @param benchmark the report's primary benchmark, for the {@code nodeward.io/benchmark} annotation
 * @param role      the node's role ({@code control-plane}, {@code worker}), null when not known
 * @param distribution the node's distribution and the evidence for it, null when not known
 * @param failing   the names of failing checks, in report order (see {@code names})
 * @param erroring  the names of checks that could not be evaluated, in report order
 * @param outcomes  each check's outcome by benchmark and ID ({@code ssh-root-login} is {@code nodeward-1.0}
 *                  in a {@code cis-1.12} report), in report order: what "the results changed" compares
 * @param names     how annotations, messages and events name each check ({@link ScanReport#checkNames()})
 */
record NodeVerdict(String benchmark, String role, NodeDistribution distribution, String status, String summary, List<String> failing,
                   List<String> erroring, HardenedCondition condition, Map<CheckKey, Outcome> outcomes,
                   Map<CheckKey, String> names) {

    static NodeVerdict of(ScanReport report) {
        Map<CheckKey, Outcome> outcomes = new LinkedHashMap<>();
        Map<CheckKey, String> names = new LinkedHashMap<>();
        List<String> checkNames = report.checkNames();
        for (int i = 0; i < checkNames.size(); i++) {
            CheckResult result = report.results().get(i);
            CheckKey key = new CheckKey(result.benchmark(), result.id());
            outcomes.put(key, result.status());
            names.put(key, checkNames.get(i));
        }
        NodeStatus status = report.status();
        return new NodeVerdict(report.benchmark(), report.role(), report.distribution(), status.status(), Counts.text(report.summary()), status.failing(),
                status.erroring(), new HardenedCondition(conditionStatus(status), status.reason(), status.message()),
                Collections.unmodifiableMap(outcomes), Collections.unmodifiableMap(names));
    }

    /** The condition's status: the node is hardened (True), is not (False), or we cannot tell (Unknown). */
    private static String conditionStatus(NodeStatus status) {
        return switch (status.status()) {
            case NodeStatus.PASS -> "True";
            case NodeStatus.FAIL -> "False";
            default -> "Unknown";
        };
    }
}
