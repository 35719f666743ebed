package io.nodeward.report;

import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Exempted;
import io.nodeward.cluster.audit.Finding;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster report for people: one section per group, each check on one line with the objects that
 * fail it beneath (at most {@value #MAX_OBJECTS} per check), the fix for what needs action, then every
 * exemption with what it took out, and the summary last.
 */
final class ClusterTextReport {

    static final int MAX_OBJECTS = 20;

    private ClusterTextReport() {
    }

    static String render(ClusterReport report) {
        StringBuilder out = new StringBuilder();
        out.append("nodeward cluster report for ").append(report.cluster())
                .append(" (benchmark ").append(report.benchmark()).append(")\n")
                .append("audited at ").append(DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.MILLIS)))
                .append(String.format(Locale.ROOT, " in %.1f ms%n", report.durationMillis()));
        String section = null;
        for (CheckResult result : report.results()) {
            if (!Objects.equals(result.group(), section)) {
                section = result.group();
                out.append('\n').append("== ").append(section).append('\n');
            }
            out.append(String.format(Locale.ROOT, "[%-5s] %s %s (%s)%n",
                    result.status().name(), result.id(), result.title(), result.severity().label()));
            line(out, "expected", result.expected());
            List<Finding> findings = report.findings(result.id());
            if (findings.isEmpty()) {
                line(out, "actual", result.actual());
            }
            for (Finding finding : findings.subList(0, Math.min(MAX_OBJECTS, findings.size()))) {
                out.append("        - ").append(finding.object()).append(": ")
                        .append(finding.actual() != null ? finding.actual() : finding.reason()).append('\n');
                if (finding.source() != null) {
                    out.append("          from ").append(finding.source()).append('\n');
                }
            }
            if (findings.size() > MAX_OBJECTS) {
                out.append("        - … and ").append(findings.size() - MAX_OBJECTS).append(" more (JSON report: findings)\n");
            }
            line(out, "reason", result.reason());
            if (result.status() == Outcome.FAIL || result.status() == Outcome.WARN) {
                line(out, "fix", result.remediation());
            }
        }
        out.append('\n').append("== Exemptions (not judged)\n");
        for (Exempted exempted : report.exemptions()) {
            out.append(String.format(Locale.ROOT, "%s %s: %d%n", exempted.type(), exempted.id(), exempted.count()));
            line(out, "why", exempted.reason());
            if (!exempted.matched().isEmpty()) {
                line(out, "matched", String.join(", ", exempted.matched())
                        + (exempted.count() > exempted.matched().size() ? ", …" : ""));
            }
        }
        out.append('\n').append("== Summary\n");
        for (Map.Entry<Outcome, Integer> count : report.summary().entrySet()) {
            out.append(String.format(Locale.ROOT, "%d %s %s%n", count.getValue(), count.getValue() == 1 ? "check" : "checks",
                    count.getKey().name()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append(String.format(Locale.ROOT, "        %-9s %s%n", label + ":", value.strip().replace("\n", "\n                  ")));
        }
    }
}
