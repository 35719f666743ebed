package io.nodeward.cli;

import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.Group;
import io.nodeward.host.EditDistance;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which checks {@code scan} reports, as kube-bench's flags choose them: {@code --check} and
 * {@code --group} keep only the named checks and groups (both given: either), {@code --skip} turns
 * the named checks or groups into SKIP with the reason "skipped by --skip", so the report still says
 * they exist. Every ID must name a check or group of a loaded benchmark (which ones run is chosen
 * per scan, from the node).
 *
 * @param checks check IDs to keep, e.g. {@code 4.2.4}
 * @param groups group IDs to keep, e.g. {@code 4.2} or {@code ports}
 * @param skips  check or group IDs to skip
 */
record ScanSelection(Set<String> checks, Set<String> groups, Set<String> skips) {

    static final ScanSelection ALL = new ScanSelection(Set.of(), Set.of(), Set.of());

    ScanSelection {
        checks = Set.copyOf(checks);
        groups = Set.copyOf(groups);
        skips = Set.copyOf(skips);
    }

    /**
     * Checks every ID against {@code benchmarks}.
     *
     * @throws CliSettings.UsageException naming the first unknown ID and the nearest known one
     */
    void validate(List<Benchmark> benchmarks) {
        Set<String> checkIds = new LinkedHashSet<>();
        Set<String> groupIds = new LinkedHashSet<>();
        for (Benchmark benchmark : benchmarks) {
            for (Group group : benchmark.groups()) {
                groupIds.add(group.id());
                group.checks().forEach(c -> checkIds.add(c.id()));
            }
        }
        require("--check", "check", checks, checkIds);
        require("--group", "group", groups, groupIds);
        Set<String> either = new LinkedHashSet<>(checkIds);
        either.addAll(groupIds);
        require("--skip", "check or group", skips, either);
    }

    private static void require(String option, String what, Set<String> ids, Set<String> known) {
        for (String id : ids) {
            if (!known.contains(id)) {
                String hint = EditDistance.nearest(id, known).map(n -> " (did you mean '" + n + "'?)").orElse("");
                throw new CliSettings.UsageException(option + ": no " + what + " '" + id + "' in any benchmark" + hint);
            }
        }
    }

    /** {@code report} with only the selected results, the skipped ones as SKIP. */
    ScanReport apply(ScanReport report, List<Benchmark> benchmarks) {
        if (equals(ALL)) {
            return report;
        }
        List<CheckResult> kept = new ArrayList<>();
        for (CheckResult result : report.results()) {
            String group = groupOf(result, benchmarks).orElse("");
            boolean chosen = checks.isEmpty() && groups.isEmpty() || checks.contains(result.id()) || groups.contains(group);
            if (!chosen) {
                continue;
            }
            boolean skipped = skips.contains(result.id()) || skips.contains(group);
            kept.add(skipped ? new CheckResult(result.benchmark(), result.id(), result.title(), result.group(),
                    result.severity(), Outcome.SKIP, result.expected(), null, null, result.remediation(),
                    "skipped by --skip") : result);
        }
        return new ScanReport(report.node(), report.role(), report.distribution(), report.benchmark(),
                report.benchmarkReason(), report.scannedAt(), report.durationMillis(), kept, report.listeningPorts(),
                report.readers(), report.pathsRead());
    }

    private static Optional<String> groupOf(CheckResult result, List<Benchmark> benchmarks) {
        return benchmarks.stream().filter(b -> b.id().equals(result.benchmark())).findFirst()
                .flatMap(b -> b.groupOf(result.id())).map(Group::id);
    }
}
