package io.nodeward.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label names a PromQL expression relies on. Like {@link PromQlMetricNames}, not a parser:
 * enough for the rules and dashboard we write, pinned by its own test.
 *
 * @param bySelector   for each metric name, the labels its {@code {...}} matchers name: that metric must carry them
 * @param byExpression labels of grouping clauses ({@code by}, {@code on}, ...) and {@code label_replace}
 *                     sources: some metric of the expression must carry them
 */
record PromQlLabelNames(Map<String, Set<String>> bySelector, Set<String> byExpression) {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    /** label_replace(v, "dst", "replacement", "src", "regex"): the source label is read, the destination made. */
    private static final Pattern LABEL_REPLACE_SOURCE = Pattern.compile(
            "label_replace\\(.*,\\s*\"[^\"]*\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]*)\"\\s*,\\s*\"[^\"]*\"\\s*\\)", Pattern.DOTALL);
    private static final Pattern LABEL_REPLACE_DESTINATION = Pattern.compile(
            "label_replace\\(.*,\\s*\"([^\"]*)\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*\"[^\"]*\"\\s*\\)", Pattern.DOTALL);

    static PromQlLabelNames in(String expression) {
        // Matcher values and label_replace arguments are strings; blank them so they cannot look like labels.
        String blanked = STRING.matcher(expression).replaceAll("\"\"");
        Map<String, Set<String>> bySelector = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(blanked);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                bySelector.computeIfAbsent(selector.group(1), m -> new TreeSet<>()).add(matcher.group(1));
            }
        }
        Set<String> byExpression = new TreeSet<>();
        Matcher grouping = GROUPING.matcher(blanked);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    byExpression.add(label.strip());
                }
            }
        }
        Matcher source = LABEL_REPLACE_SOURCE.matcher(expression);
        if (source.find()) {
            byExpression.add(source.group(1));
        }
        return new PromQlLabelNames(bySelector, byExpression);
    }

    /** The labels {@code label_replace} makes: present on the result although no metric carries them. */
    static Set<String> made(String expression) {
        Matcher destination = LABEL_REPLACE_DESTINATION.matcher(expression);
        return destination.find() ? Set.of(destination.group(1)) : Set.of();
    }
}
