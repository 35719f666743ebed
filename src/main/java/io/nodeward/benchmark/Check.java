package io.nodeward.benchmark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One check's definition, immutable and validated at load; its result on a scan is a separate
 * {@link Verdict} (and later a {@code scan.CheckResult}).
 *
 * @param id          the CIS ID ({@code 4.2.4}) or a nodeward ID ({@code port-10255})
 * @param scored      a failing scored check is FAIL, a failing unscored one WARN
 * @param manual      the benchmark calls it a manual check; without a test it is always reviewed by hand
 * @param requires    the effective requirements: the group's followed by the check's own; when one
 *                    of these facts is absent the check does not apply to this node
 * @param test        what must hold; empty only for manual checks
 * @param warnUnless  what should also hold once the test passes: when it does not, the check is WARN
 *                    (a kubelet still supported, but for less than 60 days)
 * @param evidence    a fact shown as the actual value of a manual check, e.g. {@code kubelet.eventRecordQPS}
 * @param remediation   how to fix it, naming both the config-file key and the flag
 * @param origin        where the check is written
 * @param notApplicable why the check does not apply where its benchmark is used, e.g. a distribution
 *                      profile's reason for a CIS check its distribution does not have ({@code not-applicable}
 *                      in a profile): then it is SKIP with that reason, whatever the facts
 */
public record Check(String id, String title, Severity severity, boolean scored, boolean manual,
                    List<String> requires, Optional<Expectation> test, Optional<Expectation> warnUnless,
                    Optional<String> evidence, String remediation, Origin origin, Optional<String> notApplicable) {

    public Check {
        Objects.requireNonNull(id, "id");
        requires = List.copyOf(requires);
        if (test.isEmpty() && !manual) {
            throw new IllegalArgumentException("check " + id + " has no test and is not manual");
        }
    }

    /** A check that applies wherever its benchmark runs. */
    public Check(String id, String title, Severity severity, boolean scored, boolean manual,
                 List<String> requires, Optional<Expectation> test, Optional<Expectation> warnUnless,
                 Optional<String> evidence, String remediation, Origin origin) {
        this(id, title, severity, scored, manual, requires, test, warnUnless, evidence, remediation, origin,
                Optional.empty());
    }

    /** A check without {@code warn-unless}. */
    public Check(String id, String title, Severity severity, boolean scored, boolean manual, List<String> requires,
                 Optional<Expectation> test, Optional<String> evidence, String remediation, Origin origin) {
        this(id, title, severity, scored, manual, requires, test, Optional.empty(), evidence, remediation, origin);
    }

    /** Every fact key the check reads. */
    public Set<String> factKeys() {
        Set<String> keys = new LinkedHashSet<>(requires);
        test.ifPresent(t -> keys.addAll(t.factKeys()));
        warnUnless.ifPresent(t -> keys.addAll(t.factKeys()));
        evidence.ifPresent(keys::add);
        return keys;
    }
}
