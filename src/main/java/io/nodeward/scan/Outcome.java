package io.nodeward.scan;

import java.util.Locale;

/**
 * A check's result. WARN is a failing unscored (manual) check or a manual check with nothing to
 * test; SKIP is not applicable or waived, always with a reason; ERROR means the input could not be
 * read or parsed and is never counted as a pass.
 */
public enum Outcome {
    PASS, FAIL, WARN, SKIP, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
