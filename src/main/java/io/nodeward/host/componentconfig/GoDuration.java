package io.nodeward.host.componentconfig;

import java.util.Set;

/** Go's {@code time.ParseDuration} (src/time/format.go), for its error only. */
final class GoDuration {

    private static final Set<String> UNITS = Set.of("ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h");

    private GoDuration() {
    }

    /** The error {@code time.ParseDuration(text)} returns, or null when it accepts the text. */
    static String parse(String text) {
        String invalid = "time: invalid duration " + quote(text);
        String s = text;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return null;
        }
        if (s.isEmpty()) {
            return invalid;
        }
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return invalid;
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            boolean pre = i > start;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fraction = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                post = i > fraction;
            }
            if (!pre && !post) {
                return invalid;
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                return "time: missing unit in duration " + quote(text);
            }
            if (!UNITS.contains(unit)) {
                return "time: unknown unit " + quote(unit) + " in duration " + quote(text);
            }
        }
        return null;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
