package io.nodeward.benchmark;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax, which the kubelet uses for settings such as
 * {@code streamingConnectionIdleTimeout}: {@code 4h0m0s}, {@code 90m}, {@code 1h30m}, {@code 1.5h},
 * {@code 0s} and the bare {@code 0}.
 */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Parses {@code text}; throws IllegalArgumentException when it is not a Go duration. */
    static Duration parse(String text) {
        String rest = text.strip();
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 4h0m0s, 90m, 0s)");
        }
        Matcher m = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 4h0m0s, 90m, 0s)");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            at = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }
}
