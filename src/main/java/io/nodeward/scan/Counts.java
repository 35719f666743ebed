package io.nodeward.scan;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Results counted per outcome, every outcome present (zero when none): the one place that counts. */
public final class Counts {

    private Counts() {
    }

    public static Map<Outcome, Integer> of(Collection<CheckResult> results) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** {@code pass=N fail=N warn=N skip=N error=N}: the {@code nodeward.io/summary} annotation's form. */
    public static String text(Map<Outcome, Integer> counts) {
        return "pass=%d fail=%d warn=%d skip=%d error=%d".formatted(counts.get(Outcome.PASS),
                counts.get(Outcome.FAIL), counts.get(Outcome.WARN), counts.get(Outcome.SKIP), counts.get(Outcome.ERROR));
    }
}
