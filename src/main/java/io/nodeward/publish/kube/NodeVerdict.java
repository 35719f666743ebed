package io.nodeward.publish.kube;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scan report means for the Node object: the values of our annotations (all but
 * {@code changed-at}, which depends on history) and the {@code NodeHardened} condition.
 *
 * @param benchmark the report's primary benchmark, for the {@code nodeward.io/benchmark} annotation
 * @param failing   the names of failing checks, in report order (see {@code names})
 * @param erroring  the names of checks that could not be evaluated, in report order
 * @param outcomes  each check's outcome by benchmark and ID ({@code ssh-root-login} is {@code nodeward-1.0}
 *                  in a {@code cis-1.12} report), in report order: what "the results changed" compares
 * @param names     how annotations, messages and events name each check: its ID, or
 *                  {@code benchmark/ID} when two benchmarks of the report share that ID
 */
record NodeVerdict(String benchmark, String status, String summary, List<String> failing,
                   List<String> erroring, HardenedCondition condition, Map<CheckKey, Outcome> outcomes,
                   Map<CheckKey, String> names) {

    /** Longest condition message; the API server allows 32 KiB, {@code kubectl describe} wants one line. */
    static final int MESSAGE_MAX_LENGTH = 1024;

    static NodeVerdict of(ScanReport report) {
        Map<CheckKey, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Set<String>> benchmarksById = new HashMap<>();
        for (CheckResult result : report.results()) {
            outcomes.put(new CheckKey(result.benchmark(), result.id()), result.status());
            benchmarksById.computeIfAbsent(result.id(), id -> new HashSet<>()).add(result.benchmark());
        }
        Map<CheckKey, String> names = new LinkedHashMap<>();
        outcomes.keySet().forEach(key -> names.put(key,
                benchmarksById.get(key.id()).size() > 1 ? key.benchmark() + "/" + key.id() : key.id()));
        List<String> failing = namesWith(outcomes, names, Outcome.FAIL);
        List<String> erroring = namesWith(outcomes, names, Outcome.ERROR);
        String summary = counts(report.summary());
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
        } else if (!evaluatedAny(report)) {
            // Nothing of the primary benchmark was evaluated (all SKIP or WARN: typically the kubelet was not
            // seen, e.g. a wrong host root or no hostPID). That is no evidence the node is hardened, so it
            // must not read as pass. The contract's status is pass | fail | error; "error" is the value for
            // "the result could not be established", like an ERROR outcome, which is never counted as PASS.
            status = "error";
            condition = new HardenedCondition("Unknown", "NothingEvaluated", "no %s check passed or failed (%s): is the "
                    .formatted(report.benchmark(), counts(primaryCounts(report)))
                    + "kubelet running, and does nodeward see the host (host root, hostPID)?");
        } else {
            status = "pass";
            condition = new HardenedCondition("True", "AllChecksPass", "no check fails (" + summary + ")");
        }
        return new NodeVerdict(report.benchmark(), status, summary, failing, erroring, condition,
                Collections.unmodifiableMap(outcomes), Collections.unmodifiableMap(names));
    }

    private static String counts(Map<Outcome, Integer> counts) {
        return "pass=%d fail=%d warn=%d skip=%d error=%d".formatted(counts.get(Outcome.PASS),
                counts.get(Outcome.FAIL), counts.get(Outcome.WARN), counts.get(Outcome.SKIP), counts.get(Outcome.ERROR));
    }

    /** Count per outcome of the primary benchmark's checks only, every outcome present. */
    private static Map<Outcome, Integer> primaryCounts(ScanReport report) {
        Map<Outcome, Integer> counts = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        report.results().stream().filter(r -> r.benchmark().equals(report.benchmark()))
                .forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** Whether at least one check of the report's primary benchmark passed or failed. */
    private static boolean evaluatedAny(ScanReport report) {
        return report.results().stream().anyMatch(r -> r.benchmark().equals(report.benchmark())
                && (r.status() == Outcome.PASS || r.status() == Outcome.FAIL));
    }

    private static List<String> namesWith(Map<CheckKey, Outcome> outcomes, Map<CheckKey, String> names, Outcome outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == outcome).map(e -> names.get(e.getKey())).toList();
    }
}
