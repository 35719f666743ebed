package io.nodeward.benchmark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What must hold for a check to pass: one test on one fact, or all / any of several. */
public sealed interface Expectation {

    /** What passes, in words, e.g. {@code 'kubelet.readOnlyPort' is equal to '0'}. */
    String describe();

    /** The fact keys this expectation reads. */
    Set<String> factKeys();

    /**
     * One comparison.
     *
     * @param fact     a catalogue key, e.g. {@code kubelet.readOnlyPort}
     * @param ifAbsent what an absent fact means (SET and UNSET decide absence themselves)
     */
    record Test(String fact, Operator operator, Operand operand, IfAbsent ifAbsent) implements Expectation {
        public Test {
            Objects.requireNonNull(fact, "fact");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(ifAbsent, "ifAbsent");
        }

        /** A test compiled from its written operand, e.g. {@code of("kubelet.readOnlyPort", EQ, "0")}. */
        public static Test of(String fact, Operator operator, String operand) {
            return new Test(fact, operator, operator.compile(operand), IfAbsent.FAIL);
        }

        public Test ifAbsent(IfAbsent rule) {
            return new Test(fact, operator, operand, rule);
        }

        @Override
        public String describe() {
            return operator.describe(fact, operand);
        }

        @Override
        public Set<String> factKeys() {
            return Set.of(fact);
        }
    }

    /** Passes when every part passes. */
    record AllOf(List<Expectation> parts) implements Expectation {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public String describe() {
            return join(parts, " and ");
        }

        @Override
        public Set<String> factKeys() {
            return keys(parts);
        }
    }

    /** Passes when at least one part passes. */
    record AnyOf(List<Expectation> parts) implements Expectation {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public String describe() {
            return join(parts, " or ");
        }

        @Override
        public Set<String> factKeys() {
            return keys(parts);
        }
    }

    private static String join(List<Expectation> parts, String word) {
        return parts.stream()
                .map(p -> p instanceof Test ? p.describe() : "(" + p.describe() + ")")
                .collect(Collectors.joining(word));
    }

    private static Set<String> keys(List<Expectation> parts) {
        Set<String> keys = new LinkedHashSet<>();
        parts.forEach(p -> keys.addAll(p.factKeys()));
        return keys;
    }
}
