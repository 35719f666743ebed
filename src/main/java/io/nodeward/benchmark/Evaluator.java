package io.nodeward.benchmark;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.Observed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Holds one check against one snapshot of host facts. The rules, in order:
 * <ol>
 * <li>A check its benchmark declares not applicable (a distribution profile's {@code not-applicable}) is
 *     NOT_APPLICABLE with that reason, before anything is read.</li>
 * <li>Requirements (the group's, then the check's): if one is absent the check is NOT_APPLICABLE
 *     (reason {@code process.kubelet: kubelet is not running}); otherwise if one is an error, ERROR.
 *     An absent requirement wins over an errored one because it settles the question.</li>
 * <li>A check without a test is MANUAL, showing its {@code evidence} fact as the actual value.</li>
 * <li>A test on an ERROR fact is ERROR with the fact's reason. On an ABSENT fact: {@code unset}
 *     passes, {@code set} fails, every other operator follows the test's {@code if-absent}.
 *     A present fact passes only if every observation passes (a systemd unit and each drop-in);
 *     the actual value names the offending observations with their sources.</li>
 * <li>A passing test with a {@code warn-unless} that fails is WARN, naming what did not hold.</li>
 * <li>Composites never pass on an errored fact. {@code all} fails if any part fails (that failure is
 *     true whatever the unreadable fact says), else is ERROR if any part is, else passes; {@code any}
 *     passes if some part passes (a passing part used only facts that were read), else is ERROR if
 *     any part is, else fails. Parts that are not applicable are ignored; if all are, so is the whole.</li>
 * </ol>
 */
public final class Evaluator {

    static final String MANUAL_EXPECTED = "manual review (see remediation)";
    static final String NOT_SET = "not set";

    private Evaluator() {
    }

    public static Verdict evaluate(Check check, HostFacts facts) {
        String expected = check.test().map(Expectation::describe).orElse(MANUAL_EXPECTED);
        if (check.notApplicable().isPresent()) {
            return new Verdict(Verdict.Kind.NOT_APPLICABLE, expected, null, null, check.notApplicable().get());
        }
        List<Fact> required = check.requires().stream().map(facts::get).toList();
        for (Fact fact : required) {
            if (fact.state() == Fact.State.ABSENT) {
                return new Verdict(Verdict.Kind.NOT_APPLICABLE, expected, null, null, fact.key() + ": " + fact.reason());
            }
        }
        for (Fact fact : required) {
            if (fact.state() == Fact.State.ERROR) {
                return new Verdict(Verdict.Kind.ERROR, expected, null, null, fact.key() + ": " + fact.reason());
            }
        }
        if (check.test().isEmpty()) {
            return manual(check, facts);
        }
        Result result = evaluate(check.test().get(), facts);
        boolean single = check.test().get() instanceof Expectation.Test;
        if (result.kind == Verdict.Kind.PASS && check.warnUnless().isPresent()) {
            Expectation warn = check.warnUnless().get();
            Result second = evaluate(warn, facts);
            boolean warnSingle = warn instanceof Expectation.Test;
            if (second.kind == Verdict.Kind.FAIL) {
                return new Verdict(Verdict.Kind.WARN, expected, actual(second.parts, warnSingle), source(second.parts),
                        "passes, but not: " + warn.describe());
            }
            if (second.kind == Verdict.Kind.ERROR) {
                return new Verdict(Verdict.Kind.ERROR, expected, null, null, second.reason);
            }
        }
        return new Verdict(result.kind, expected, actual(result.parts, single), source(result.parts), result.reason);
    }

    /**
     * Whether {@code expectation} holds on {@code facts}, by the same rules as a check's test (a
     * distribution marker uses it): PASS, FAIL, ERROR or NOT_APPLICABLE, with the actual values and
     * their sources.
     */
    public static Verdict holds(Expectation expectation, HostFacts facts) {
        Result result = evaluate(expectation, facts);
        boolean single = expectation instanceof Expectation.Test;
        return new Verdict(result.kind, expectation.describe(), actual(result.parts, single), source(result.parts),
                result.reason);
    }

    private static Verdict manual(Check check, HostFacts facts) {
        if (check.evidence().isEmpty()) {
            return new Verdict(Verdict.Kind.MANUAL, MANUAL_EXPECTED, null, null, "manual check: review by hand");
        }
        Fact fact = facts.get(check.evidence().get());
        return switch (fact.state()) {
            case PRESENT -> {
                Part part = part(fact, fact.observed());
                yield new Verdict(Verdict.Kind.MANUAL, MANUAL_EXPECTED, part.actual, part.source,
                        "manual check: review by hand");
            }
            case ABSENT -> new Verdict(Verdict.Kind.MANUAL, MANUAL_EXPECTED, NOT_SET, fact.reason(),
                    "manual check: review by hand");
            case ERROR -> new Verdict(Verdict.Kind.MANUAL, MANUAL_EXPECTED, null, null,
                    "manual check: review by hand; " + fact.key() + ": " + fact.reason());
        };
    }

    private static Result evaluate(Expectation expectation, HostFacts facts) {
        return switch (expectation) {
            case Expectation.Test test -> test(test, facts.get(test.fact()));
            case Expectation.AllOf all -> all(all.parts().stream().map(p -> evaluate(p, facts)).toList());
            case Expectation.AnyOf any -> any(any.parts().stream().map(p -> evaluate(p, facts)).toList());
        };
    }

    private static Result test(Expectation.Test test, Fact fact) {
        String key = fact.key();
        if (fact.state() == Fact.State.ERROR) {
            return Result.error(key + ": " + fact.reason());
        }
        if (fact.state() == Fact.State.ABSENT) {
            List<Part> parts = List.of(new Part(key, NOT_SET, fact.reason()));
            if (test.operator() == Operator.UNSET) {
                return new Result(Verdict.Kind.PASS, parts, null);
            }
            if (test.operator() == Operator.SET) {
                return new Result(Verdict.Kind.FAIL, parts, null);
            }
            return switch (test.ifAbsent()) {
                case FAIL -> new Result(Verdict.Kind.FAIL, parts, null);
                case PASS -> new Result(Verdict.Kind.PASS, parts, null);
                case NOT_APPLICABLE -> new Result(Verdict.Kind.NOT_APPLICABLE, List.of(), key + ": " + fact.reason());
            };
        }
        List<Observed> failing = new ArrayList<>();
        for (Observed observed : fact.observed()) {
            try {
                if (!test.operator().accepts(observed.value(), test.operand())) {
                    failing.add(observed);
                }
            } catch (IllegalArgumentException e) {
                return Result.error(key + ": " + e.getMessage() + " (" + observed.source() + ")");
            }
        }
        if (failing.isEmpty()) {
            return new Result(Verdict.Kind.PASS, List.of(part(fact, fact.observed())), null);
        }
        return new Result(Verdict.Kind.FAIL, List.of(part(fact, failing)), null);
    }

    private static Result all(List<Result> results) {
        List<Result> failed = of(results, Verdict.Kind.FAIL);
        if (!failed.isEmpty()) {
            return Result.merge(Verdict.Kind.FAIL, failed);
        }
        List<Result> errors = of(results, Verdict.Kind.ERROR);
        if (!errors.isEmpty()) {
            return Result.merge(Verdict.Kind.ERROR, errors);
        }
        List<Result> passed = of(results, Verdict.Kind.PASS);
        return passed.isEmpty() ? Result.merge(Verdict.Kind.NOT_APPLICABLE, results) : Result.merge(Verdict.Kind.PASS, passed);
    }

    private static Result any(List<Result> results) {
        List<Result> passed = of(results, Verdict.Kind.PASS);
        if (!passed.isEmpty()) {
            return passed.get(0);
        }
        List<Result> errors = of(results, Verdict.Kind.ERROR);
        if (!errors.isEmpty()) {
            return Result.merge(Verdict.Kind.ERROR, errors);
        }
        List<Result> failed = of(results, Verdict.Kind.FAIL);
        return failed.isEmpty() ? Result.merge(Verdict.Kind.NOT_APPLICABLE, results) : Result.merge(Verdict.Kind.FAIL, failed);
    }

    private static List<Result> of(List<Result> results, Verdict.Kind kind) {
        return results.stream().filter(r -> r.kind == kind).toList();
    }

    /** A fact's observations as one part; with several, each value is named with its source. */
    private static Part part(Fact fact, List<Observed> observed) {
        boolean several = fact.observed().size() > 1;
        String actual = observed.stream()
                .map(o -> several ? o.value() + " (" + o.source() + ")" : o.value())
                .collect(Collectors.joining(", "));
        String source = observed.stream().map(Observed::source).distinct().collect(Collectors.joining(", "));
        return new Part(fact.key(), actual, source);
    }

    private static String actual(List<Part> parts, boolean single) {
        if (parts.isEmpty()) {
            return null;
        }
        if (single) {
            return parts.get(0).actual;
        }
        return parts.stream().map(p -> p.key + ": " + p.actual).collect(Collectors.joining("; "));
    }

    private static String source(List<Part> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        return parts.stream().map(p -> p.source).filter(s -> s != null)
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().collect(Collectors.joining("; "));
    }

    /** What one fact contributed: its key, value(s) and source(s). */
    private record Part(String key, String actual, String source) {
    }

    private record Result(Verdict.Kind kind, List<Part> parts, String reason) {

        static Result error(String reason) {
            return new Result(Verdict.Kind.ERROR, List.of(), reason);
        }

        static Result merge(Verdict.Kind kind, List<Result> results) {
            List<Part> parts = results.stream().flatMap(r -> r.parts.stream()).toList();
            String reason = results.stream().map(Result::reason).filter(r -> r != null).distinct()
                    .collect(Collectors.joining("; "));
            return new Result(kind, parts, reason.isEmpty() ? null : reason);
        }
    }
}
