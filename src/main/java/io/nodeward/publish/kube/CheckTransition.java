package io.nodeward.publish.kube;

import io.nodeward.scan.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A check that starts failing ({@code CheckFailing}, Warning) or stops failing ({@code CheckRecovered},
 * Normal) between two scans: what becomes an Event on the Node. Other changes (PASS to WARN...)
 * are not events: the annotations and metrics show them.
 */
record CheckTransition(String id, Outcome from, Outcome to) {

    boolean failing() {
        return to == Outcome.FAIL;
    }

    String type() {
        return failing() ? "Warning" : "Normal";
    }

    String reason() {
        return failing() ? "CheckFailing" : "CheckRecovered";
    }

    String message(String benchmark) {
        return failing()
                ? "check %s (%s) is failing".formatted(id, benchmark)
                : "check %s (%s) no longer fails: %s".formatted(id, benchmark, to.label());
    }

    /**
     * Transitions from {@code before} to {@code now}, in {@code now}'s order. A check missing
     * from {@code before} (the first scan after start, or a new check) is a transition only when
     * it fails.
     */
    static List<CheckTransition> between(Map<String, Outcome> before, Map<String, Outcome> now) {
        List<CheckTransition> transitions = new ArrayList<>();
        now.forEach((id, outcome) -> {
            Outcome previous = before.get(id);
            boolean wasFailing = previous == Outcome.FAIL;
            boolean isFailing = outcome == Outcome.FAIL;
            if (wasFailing != isFailing && (previous != null || isFailing)) {
                transitions.add(new CheckTransition(id, previous, outcome));
            }
        });
        return transitions;
    }
}
