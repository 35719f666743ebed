package io.nodeward.benchmark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a test concludes when its fact is absent (not set and no default, or the file does not exist). */
public enum IfAbsent {
    FAIL, PASS, NOT_APPLICABLE;

    /** The spelling in benchmark files: {@code fail}, {@code pass}, {@code not-applicable}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<IfAbsent> byLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label().equals(label)).findFirst();
    }
}
