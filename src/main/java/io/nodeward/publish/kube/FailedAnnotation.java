package io.nodeward.publish.kube;

import io.nodeward.scan.Outcome;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the Node's {@code nodeward.io/failed} annotation, as the GET at start found it, says was
 * failing when the previous agent last published: so a restarted agent announces only checks that
 * changed since, not every check that was already failing (a rolling update of 5,000 nodes would
 * otherwise be a burst of Warning events for unchanged state).
 *
 * @param failing   the check names listed (IDs, or {@code benchmark/ID} where IDs collide)
 * @param truncated whether the list was cut short ({@link BoundedList}'s {@code …+N}): then some
 *                  failing checks are not listed and cannot be known
 */
record FailedAnnotation(Set<String> failing, boolean truncated) {

    /** The annotation's value; null (absent: nothing was failing, or a Node we never wrote to) is an empty list. */
    static FailedAnnotation parse(String value) {
        if (value == null || value.isBlank()) {
            return new FailedAnnotation(Set.of(), false);
        }
        String[] parts = value.split(",");
        boolean truncated = parts[parts.length - 1].startsWith("…");
        Set<String> failing = Arrays.stream(parts).map(String::strip)
                .filter(p -> !p.isEmpty() && !p.startsWith("…")).collect(Collectors.toUnmodifiableSet());
        return new FailedAnnotation(failing, truncated);
    }

    /**
     * The outcomes to take as already announced before the first scan's {@code verdict}: FAIL for
     * every listed check. A check not listed was not failing, so if it fails now that is news, and
     * is left out (a transition). When the list was truncated, a check not listed may have been in
     * the part cut off: we cannot know, so its current outcome is taken as announced and the first
     * scan announces nothing for it (a check that really started failing during the restart is then
     * not announced; the annotations, condition and metrics still show it).
     */
    Map<CheckKey, Outcome> announcedBefore(NodeVerdict verdict) {
        Map<CheckKey, Outcome> announced = new HashMap<>();
        verdict.outcomes().forEach((check, outcome) -> {
            if (failing.contains(verdict.names().get(check))) {
                announced.put(check, Outcome.FAIL);
            } else if (truncated) {
                announced.put(check, outcome);
            }
        });
        return announced;
    }
}
