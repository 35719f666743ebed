package io.nodeward.publish.kube;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scan report means for the Node object: the values of our annotations (all but
 * {@code changed-at}, which depends on history) and the {@code NodeHardened} condition.
 *
 * @param benchmark  the report's primary benchmark, for the {@code nodeward.io/benchmark} annotation
 * @param outcomes   each check's outcome by ID, in report order: what "the results changed" compares
 * @param benchmarks each check's own benchmark by ID ({@code ssh-root-login} is {@code nodeward-1.0}
 *                   in a {@code cis-1.12} report), which its events name
 */
record NodeVerdict(String benchmark, String status, String summary, List<String> failing,
                   List<String> erroring, HardenedCondition condition, Map<String, Outcome> outcomes,
                   Map<String, String> benchmarks) {

    /** Longest condition message; the API server allows 32 KiB, {@code kubectl describe} wants one line. */
    static final int MESSAGE_MAX_LENGTH = 1024;

    static NodeVerdict of(ScanReport report) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, String> benchmarks = new LinkedHashMap<>();
        for (CheckResult result : report.results()) {
            outcomes.put(result.id(), result.status());
            benchmarks.put(result.id(), result.benchmark());
        }
        List<String> failing = idsWith(report, Outcome.FAIL);
        List<String> erroring = idsWith(report, Outcome.ERROR);
        Map<Outcome, Integer> counts = report.summary();
        String summary = "pass=%d fail=%d warn=%d skip=%d error=%d".formatted(counts.get(Outcome.PASS),
                counts.get(Outcome.FAIL), counts.get(Outcome.WARN), counts.get(Outcome.SKIP), counts.get(Outcome.ERROR));
        String status;
        HardenedCondition condition;
        if (!failing.isEmpty()) {
            status = "fail";
            condition = new HardenedCondition("False", "ChecksFailing", failing.size() + " failing: "
                    + BoundedList.join(failing, MESSAGE_MAX_LENGTH - 32));
        } else if (!erroring.isEmpty()) {
            status = "error";
            condition = new HardenedCondition("Unknown", "ScanErrors", erroring.size() + " could not be evaluated: "
                    + BoundedList.join(erroring, MESSAGE_MAX_LENGTH - 48));
        } else {
            status = "pass";
            condition = new HardenedCondition("True", "AllChecksPass", "no check fails (" + summary + ")");
        }
        return new NodeVerdict(report.benchmark(), status, summary, failing, erroring, condition,
                Map.copyOf(outcomes), Map.copyOf(benchmarks));
    }

    private static List<String> idsWith(ScanReport report, Outcome outcome) {
        return report.results().stream().filter(r -> r.status() == outcome).map(CheckResult::id).distinct().toList();
    }
}
