package io.nodeward.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Not a PromQL parser: it removes what cannot be a
 * metric name (string literals, label matchers, range/offset brackets, grouping label lists,
 * durations, numbers), then keeps identifiers that are neither functions (followed by '(') nor
 * keywords. Good enough for the rules and dashboard we write; its own test pins the edge cases.
 */
final class PromQlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "atan2", "inf", "nan", "Inf", "NaN");

    private PromQlMetricNames() {
    }

    static Set<String> in(String expression) {
        String text = STRINGS.matcher(expression).replaceAll(" ");
        text = BRACES.matcher(text).replaceAll(" ");
        text = BRACKETS.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        // Grafana variables ($node, ${datasource}) and durations after offset (5m) are not names.
        text = text.replaceAll("\\$\\{?\\w+}?", " ").replaceAll("\\b\\d[\\w.]*", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            boolean isCall = m.group(2) != null;
            if (!isCall && !KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
