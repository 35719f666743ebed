package io.nodeward.benchmark;

import java.util.Locale;

/** How bad a failing check is; the lower-case name appears in reports and metric labels. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
