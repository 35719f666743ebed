package io.nodeward.scan;

import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Group;
import io.nodeward.benchmark.Verdict;
import io.nodeward.benchmark.Waiver;

import java.util.Optional;

/**
 * Turns a verdict into an outcome, in one place: a failing scored check is FAIL, a failing
 * unscored one WARN; a manual check WARN; not applicable SKIP; unreadable input ERROR. An
 * active waiver makes any outcome but ERROR a SKIP that names who waived it, why and until when —
 * an unreadable input stays visible even under a waiver, since the waiver was granted for a
 * known state. The node scanner and the cluster auditor both decide outcomes here.
 */
public final class OutcomePolicy {

    private OutcomePolicy() {
    }

    public static CheckResult result(Benchmark benchmark, Group group, Check check, Verdict verdict, Optional<Waiver> waiver) {
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
            reason = "waived by " + w.owner() + " until " + w.expires() + ": " + w.reason()
                    + " (would be " + outcome.name() + ")";
            outcome = Outcome.SKIP;
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
