package io.nodeward.scan;

import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Group;
import io.nodeward.benchmark.Verdict;
import io.nodeward.benchmark.Waiver;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Turns a verdict into an outcome, in one place: a failing scored check is FAIL, a failing
 * unscored one WARN; a manual check WARN; not applicable SKIP; unreadable input ERROR. An
 * active waiver makes any outcome but ERROR a SKIP that names who waived it, why and until when —
 * an unreadable input stays visible even under a waiver, since the waiver was granted for a
 * known state (the node scanner's and the cluster auditor's outcomes alike). An expired waiver changes nothing but the reason, which says it expired, so a FAIL
 * that comes back is not mistaken for a new finding ({@link CheckResult#waiverExpired}).
 */
public final class OutcomePolicy {

    private OutcomePolicy() {
    }

    /**
     * @param waiver the waiver written for the check, if any, active on {@code today} or not
     */
    public static CheckResult result(Benchmark benchmark, Group group, Check check, Verdict verdict, Optional<Waiver> waiver,
                              LocalDate today) {
        Outcome outcome = switch (verdict.kind()) {
            case PASS -> Outcome.PASS;
            case FAIL -> check.scored() && !check.manual() ? Outcome.FAIL : Outcome.WARN;
            case MANUAL, WARN -> Outcome.WARN;
            case NOT_APPLICABLE -> Outcome.SKIP;
            case ERROR -> Outcome.ERROR;
        };
        String reason = verdict.reason();
        if (verdict.kind() == Verdict.Kind.FAIL && outcome == Outcome.WARN) {
            reason = "unscored check: review against your site policy";
        }
        if (waiver.isPresent() && outcome != Outcome.ERROR && outcome != Outcome.PASS) {
            Waiver w = waiver.get();
            if (w.activeOn(today)) {
                reason = "waived by " + w.owner() + " until " + w.expires() + ": " + w.reason()
                        + " (would be " + outcome.name() + ")";
                outcome = Outcome.SKIP;
            } else {
                reason = CheckResult.EXPIRED_WAIVER + w.owner() + " expired on " + w.expires() + ": " + w.reason()
                        + (reason == null ? "" : "; " + reason);
            }
        }
        return new CheckResult(benchmark.id(), check.id(), check.title(), groupName(group),
                check.severity(), outcome, verdict.expected(), verdict.actual(), verdict.source(),
                check.remediation(), reason);
    }

    /**
     * How a group is named in reports: a CIS section number leads its title ("4.2 Kubelet"); a
     * named group's ID ("ports") would only repeat its title ("Listening ports").
     */
    static String groupName(Group group) {
        return group.id().matches("[0-9]+(\\.[0-9]+)*") ? group.id() + " " + group.title() : group.title();
    }
}
