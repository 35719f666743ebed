package io.nodeward.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one scan says about the node as a whole, decided here once for every publisher: the
 * {@code nodeward.io/status} annotation, the {@code NodeHardened} condition, the report's headline.
 *
 * @param status  {@code pass}, {@code fail} or {@code error}
 * @param reason  a CamelCase reason: {@code ChecksFailing}, {@code ScanErrors}, {@code NothingEvaluated}
 *                or {@code AllChecksPass}
 * @param message one line for people, at most {@link #MESSAGE_MAX_LENGTH} characters
 * @param failing the names of failing checks, in report order ({@link ScanReport#checkNames()})
 * @param erroring the names of checks that could not be evaluated, in report order
 */
public record NodeStatus(String status, String reason, String message, List<String> failing, List<String> erroring) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";

    /** Longest message; the API server allows 32 KiB for a condition's, {@code kubectl describe} wants one line. */
    public static final int MESSAGE_MAX_LENGTH = 1024;

    public NodeStatus {
        failing = List.copyOf(failing);
        erroring = List.copyOf(erroring);
    }

    /**
     * A failing check makes the node {@code fail}; else an ERROR makes it {@code error}; else a node on
     * which no check of the primary benchmark passed or failed is {@code error} too ("NothingEvaluated":
     * all SKIP or WARN, typically the kubelet was not seen, e.g. a wrong host root or no hostPID), since
     * that is no evidence the node is hardened and must not read as pass.
     */
    static NodeStatus of(ScanReport report) {
        List<String> failing = new ArrayList<>();
        List<String> erroring = new ArrayList<>();
        List<String> names = report.checkNames();
        for (int i = 0; i < names.size(); i++) {
            switch (report.results().get(i).status()) {
                case FAIL -> failing.add(names.get(i));
                case ERROR -> erroring.add(names.get(i));
                default -> {
                }
            }
        }
        if (!failing.isEmpty()) {
            return new NodeStatus(FAIL, "ChecksFailing", failing.size() + " failing: "
                    + BoundedList.join(failing, MESSAGE_MAX_LENGTH - 32), failing, erroring);
        }
        if (!erroring.isEmpty()) {
            return new NodeStatus(ERROR, "ScanErrors", erroring.size() + " could not be evaluated: "
                    + BoundedList.join(erroring, MESSAGE_MAX_LENGTH - 48), failing, erroring);
        }
        Map<Outcome, Integer> primary = Counts.of(report.results().stream()
                .filter(r -> r.benchmark().equals(report.benchmark())).toList());
        if (primary.get(Outcome.PASS) + primary.get(Outcome.FAIL) == 0) {
            return new NodeStatus(ERROR, "NothingEvaluated", "no %s check passed or failed (%s): is the "
                    .formatted(report.benchmark(), Counts.text(primary))
                    + "kubelet running, and does nodeward see the host (host root, hostPID)?", failing, erroring);
        }
        return new NodeStatus(PASS, "AllChecksPass", "no check fails (" + Counts.text(report.summary()) + ")",
                failing, erroring);
    }
}
