package io.nodeward.publish.kube;

import io.nodeward.scan.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A check that starts failing ({@code CheckFailing}, Warning) or stops failing ({@code CheckRecovered},
 * Normal) between two scans: what becomes an Event on the Node. Other changes (PASS to WARN...)
 * are not events: the annotations and metrics show them.
 *
 * @param check the check's benchmark and ID
 * @param name  how the check is named to people: its ID, or {@code benchmark/ID} when IDs collide
 */
record CheckTransition(CheckKey check, String name, Outcome from, Outcome to) {

    boolean failing() {
        return to == Outcome.FAIL;
    }

    String type() {
        return failing() ? "Warning" : "Normal";
    }

    String reason() {
        return failing() ? "CheckFailing" : "CheckRecovered";
    }

    String message() {
        return failing()
                ? "check %s (%s) is failing".formatted(name, check.benchmark())
                : "check %s (%s) no longer fails: %s".formatted(name, check.benchmark(), to.label());
    }

    /**
     * Transitions from {@code before} to {@code now}'s outcomes, in {@code now}'s order. A check
     * missing from {@code before} (a check not failing before this agent started, or a new check)
     * is a transition only when it fails. A check that is now ERROR is never a transition: it
     * could not be read, which says neither that it fails nor that it recovered.
     */
    static List<CheckTransition> between(Map<CheckKey, Outcome> before, NodeVerdict now) {
        List<CheckTransition> transitions = new ArrayList<>();
        now.outcomes().forEach((check, outcome) -> {
            Outcome previous = before.get(check);
            boolean wasFailing = previous == Outcome.FAIL;
            boolean isFailing = outcome == Outcome.FAIL;
            if (outcome != Outcome.ERROR && wasFailing != isFailing && (previous != null || isFailing)) {
                transitions.add(new CheckTransition(check, now.names().get(check), previous, outcome));
            }
        });
        return transitions;
    }
}
