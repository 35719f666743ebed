package io.nodeward.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The closed set of comparisons a benchmark test may make. Each operator parses its operand at load
 * ({@link #compile}), compares a fact value with it ({@link #accepts}) and says in words what passes
 * ({@link #describe}). Values are compared exactly as the readers report them (see the fact catalogue
 * in {@code benchmarks/README.md}): booleans {@code true}/{@code false}, modes {@code 0600} and so on.
 */
public enum Operator {
    /** The value equals the operand. */
    EQ("eq"),
    NE("ne"),
    /** The value is one of a comma list. */
    IN("in"),
    NOT_IN("not-in"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte"),
    /** A Go duration strictly longer than the operand; {@code 0s} and {@code 0} are zero. */
    DURATION_GT("duration-gt"),
    /** An octal mode with no permission bit outside the operand: {@code mode & ~limit == 0}. */
    MODE_AT_MOST("mode-at-most"),
    /** The fact is present, whatever its value. */
    SET("set"),
    /** The fact is absent. */
    UNSET("unset"),
    /** The whole value matches the regular expression. */
    MATCHES("matches"),
    NOT_MATCHES("not-matches"),
    /** Every element of the comma-list value is in the operand list. */
    SUBSET_OF("subset-of"),
    /** The comma-list value has no element equal to the operand. */
    NOT_CONTAINS_ELEMENT("not-contains-element");

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3,4}");

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    /** The spelling in benchmark files, e.g. {@code mode-at-most}. */
    public String label() {
        return label;
    }

    public static Optional<Operator> byLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Operator::label).collect(Collectors.joining(", "));
    }

    /** Whether the operator looks only at presence (and so takes no operand and no if-absent). */
    public boolean presenceOnly() {
        return this == SET || this == UNSET;
    }

    /**
     * Parses {@code text} (null when the test gives none) for this operator.
     *
     * @throws IllegalArgumentException with a message fit for a load error, e.g.
     *                                  {@code operand '0640x' of mode-at-most is not an octal mode}
     */
    public Operand compile(String text) {
        if (presenceOnly()) {
            if (text != null) {
                throw new IllegalArgumentException("operator " + label + " takes no value");
            }
            return new Operand.None();
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("operator " + label + " needs a value");
        }
        return switch (this) {
            case EQ, NE, NOT_CONTAINS_ELEMENT -> new Operand.Text(text);
            case IN, NOT_IN, SUBSET_OF -> new Operand.Elements(text, elements(text));
            case GT, GTE, LT, LTE -> {
                try {
                    yield new Operand.Number(text, Long.parseLong(text.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value '" + text + "' of " + label + " is not an integer");
                }
            }
            case DURATION_GT -> {
                try {
                    yield new Operand.Span(text, GoDuration.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("value of " + label + ": " + e.getMessage());
                }
            }
            case MODE_AT_MOST -> {
                if (!OCTAL_MODE.matcher(text.strip()).matches()) {
                    throw new IllegalArgumentException("value '" + text + "' of " + label
                            + " is not an octal mode such as 0600");
                }
                yield new Operand.Mode(text, Integer.parseInt(text.strip(), 8));
            }
            case MATCHES, NOT_MATCHES -> {
                try {
                    yield new Operand.Regex(text, Pattern.compile(text));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("value '" + text + "' of " + label + " is not a valid regex: "
                            + e.getDescription());
                }
            }
            case SET, UNSET -> throw new AssertionError(this);
        };
    }

    /**
     * Whether a present fact's {@code value} passes. SET passes and UNSET fails for any value.
     *
     * @throws IllegalArgumentException when the value cannot be compared, e.g. {@code abc} for GT;
     *                                  the evaluator reports that as ERROR, never as PASS
     */
    public boolean accepts(String value, Operand operand) {
        return switch (this) {
            case SET -> true;
            case UNSET -> false;
            case EQ -> value.equals(operand.text());
            case NE -> !value.equals(operand.text());
            case IN -> ((Operand.Elements) operand).elements().contains(value);
            case NOT_IN -> !((Operand.Elements) operand).elements().contains(value);
            case GT -> integer(value) > ((Operand.Number) operand).value();
            case GTE -> integer(value) >= ((Operand.Number) operand).value();
            case LT -> integer(value) < ((Operand.Number) operand).value();
            case LTE -> integer(value) <= ((Operand.Number) operand).value();
            case DURATION_GT -> duration(value).compareTo(((Operand.Span) operand).value()) > 0;
            case MODE_AT_MOST -> (mode(value) & ~((Operand.Mode) operand).bits()) == 0;
            case MATCHES -> ((Operand.Regex) operand).pattern().matcher(value).matches();
            case NOT_MATCHES -> !((Operand.Regex) operand).pattern().matcher(value).matches();
            case SUBSET_OF -> ((Operand.Elements) operand).elements().containsAll(elements(value));
            case NOT_CONTAINS_ELEMENT -> !elements(value).contains(operand.text());
        };
    }

    /** What passes, in words, e.g. {@code 'kubelet.readOnlyPort' is equal to '0'}. */
    public String describe(String fact, Operand operand) {
        String subject = "'" + fact + "'";
        String text = operand.text();
        return switch (this) {
            case EQ -> subject + " is equal to '" + text + "'";
            case NE -> subject + " is not equal to '" + text + "'";
            case IN -> subject + " is one of " + quoted(operand);
            case NOT_IN -> subject + " is none of " + quoted(operand);
            case GT -> subject + " is greater than " + text;
            case GTE -> subject + " is greater than or equal to " + text;
            case LT -> subject + " is less than " + text;
            case LTE -> subject + " is less than or equal to " + text;
            case DURATION_GT -> subject + " is a duration longer than " + text;
            case MODE_AT_MOST -> subject + " is " + String.format(Locale.ROOT, "%04o", ((Operand.Mode) operand).bits())
                    + " or more restrictive";
            case SET -> subject + " is set";
            case UNSET -> subject + " is not set";
            case MATCHES -> subject + " matches /" + text + "/";
            case NOT_MATCHES -> subject + " does not match /" + text + "/";
            case SUBSET_OF -> subject + " has only elements of " + quoted(operand);
            case NOT_CONTAINS_ELEMENT -> subject + " does not contain '" + text + "'";
        };
    }

    private static String quoted(Operand operand) {
        return ((Operand.Elements) operand).elements().stream().map(e -> "'" + e + "'")
                .collect(Collectors.joining(", "));
    }

    static List<String> elements(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static long integer(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an integer");
        }
    }

    private static java.time.Duration duration(String value) {
        return GoDuration.parse(value);
    }

    private static int mode(String value) {
        if (!OCTAL_MODE.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an octal mode");
        }
        return Integer.parseInt(value.strip(), 8);
    }
}
