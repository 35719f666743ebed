package io.nodeward.benchmark;

/**
 * What evaluating one check's expectation against the host facts found, before the scanner turns
 * it into an outcome (scored or not, waived or not).
 *
 * @param kind     PASS or FAIL when the facts could be compared, ERROR when a needed fact could not
 *                 be read, NOT_APPLICABLE when the check's required component is not on this node or
 *                 its subject is absent and the check says absent means not applicable, MANUAL when
 *                 the check has no test and must be reviewed by hand (the scanner reports WARN), WARN
 *                 when the test passes but the check's {@code warn-unless} does not
 * @param expected what would pass, in words, e.g. {@code 'kubelet.readOnlyPort' is equal to '0'}
 * @param actual   what was found, e.g. {@code 10255}; for a manual check the evidence fact's value
 * @param source   where the deciding value came from, e.g. {@code flag --read-only-port}
 * @param reason   why, for ERROR, NOT_APPLICABLE and MANUAL; null otherwise
 */
public record Verdict(Kind kind, String expected, String actual, String source, String reason) {

    public enum Kind { PASS, FAIL, ERROR, NOT_APPLICABLE, MANUAL, WARN }
}
