package io.nodeward.report;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.NodeDistribution;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The human report: one section per benchmark group in benchmark order, each check on one line
 * with its evidence beneath, remediation for what needs action, and the summary last, where a
 * person reading a terminal looks first.
 */
final class TextReport {

    private TextReport() {
    }

    static String render(ScanReport report) {
        StringBuilder out = new StringBuilder();
        out.append("nodeward report for node ").append(report.node())
                .append(" (benchmark ").append(report.benchmark()).append(")\n")
                .append("scanned at ").append(DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.MILLIS)))
                .append(String.format(Locale.ROOT, " in %.1f ms%n", report.durationMillis()));
        if (report.role() != null) {
            out.append("node role: ").append(report.role()).append('\n');
        }
        if (report.distribution() != null) {
            NodeDistribution distribution = report.distribution();
            String named = distribution.name().equals(distribution.id()) ? distribution.id()
                    : distribution.name() + " (" + distribution.id() + ")";
            out.append("distribution: ").append(named).append(": ").append(distribution.evidence()).append('\n');
        }
        if (report.benchmarkReason() != null) {
            out.append("benchmark: ").append(report.benchmarkReason()).append('\n');
        }
        String section = null;
        for (CheckResult result : report.results()) {
            String heading = result.benchmark() + " / " + result.group();
            if (!Objects.equals(heading, section)) {
                section = heading;
                out.append('\n').append("== ").append(heading).append('\n');
            }
            appendResult(out, result);
        }
        out.append('\n').append("== Summary\n");
        for (Map.Entry<Outcome, Integer> count : report.summary().entrySet()) {
            out.append(String.format(Locale.ROOT, "%d %s %s%n", count.getValue(), count.getValue() == 1 ? "check" : "checks",
                    count.getKey().name()));
        }
        return out.toString();
    }

    /**
     * What needs action: every FAIL, WARN and ERROR as in {@link #render}, then the counts on one line
     * (SKIPs, which need none, are only counted there).
     */
    static String brief(ScanReport report) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : report.results()) {
            if (result.status() != Outcome.PASS && result.status() != Outcome.SKIP) {
                appendResult(out, result);
            }
        }
        out.append(String.format(Locale.ROOT, "nodeward %s (%s): %s, %d checks in %.1f ms%n", report.node(),
                report.benchmark(), io.nodeward.scan.Counts.text(report.summary()), report.results().size(),
                report.durationMillis()));
        return out.toString();
    }

    private static void appendResult(StringBuilder out, CheckResult result) {
        out.append(String.format(Locale.ROOT, "[%-5s] %s %s (%s)%n",
                result.status().name(), result.id(), result.title(), result.severity().label()));
        line(out, "expected", result.expected());
        line(out, "actual", result.actual());
        line(out, "source", result.source());
        line(out, "reason", result.reason());
        if (result.status() == Outcome.FAIL || result.status() == Outcome.WARN) {
            line(out, "fix", result.remediation());
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append(String.format(Locale.ROOT, "        %-9s %s%n", label + ":", value.strip().replace("\n", "\n                  ")));
        }
    }
}
