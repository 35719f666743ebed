package io.nodeward.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test's operand, parsed once at load into the form its operator compares with, so a bad number,
 * mode, duration or regex fails when the benchmark is loaded, never during a scan.
 */
public sealed interface Operand {

    /** The operand as written in the benchmark file. */
    String text();

    /** SET and UNSET take no operand. */
    record None() implements Operand {
        @Override
        public String text() {
            return "";
        }
    }

    record Text(String text) implements Operand {
    }

    /** A comma list, e.g. {@code Webhook,AlwaysAllow}; elements trimmed, empty ones dropped. */
    record Elements(String text, List<String> elements) implements Operand {
        public Elements {
            elements = List.copyOf(elements);
        }
    }

    record Number(String text, long value) implements Operand {
    }

    record Span(String text, Duration value) implements Operand {
    }

    /** File permission bits, e.g. {@code 0600} as 384. */
    record Mode(String text, int bits) implements Operand {
    }

    record Regex(String text, Pattern pattern) implements Operand {
    }
}
