package io.nodeward.report;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JUnit XML, so CI systems can show a node's hardening as a test run: one test suite per benchmark, a
 * test case per check. It is valid against the common JUnit schema (Jenkins xUnit's
 * {@code junit-10.xsd}, kept in the tests): FAIL is a {@code <failure type="FAIL">}, WARN a
 * {@code <failure type="WARN (unscored)">} (it needs a person, and a report that hides it as skipped
 * loses the evidence), ERROR an {@code <error>}, SKIP a {@code <skipped>} with the reason; failures and
 * errors carry the evidence in the message and expected, actual, source and the fix in the text.
 * Class names are {@code <benchmark>.<group>} with the dots inside each replaced by underscores
 * ({@code cis-1_12.4_2 Kubelet}), because tools split a class name at its last dot into package and
 * class.
 */
final class JunitReport {

    private JunitReport() {
    }

    static String render(ScanReport report) {
        Map<String, List<CheckResult>> byBenchmark = report.results().stream()
                .collect(Collectors.groupingBy(CheckResult::benchmark, LinkedHashMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Map<Outcome, Integer> summary = report.summary();
        out.append("<testsuites name=\"nodeward ").append(xml(report.node())).append("\"")
                .append(" tests=\"").append(report.results().size()).append("\"")
                .append(" failures=\"").append(summary.get(Outcome.FAIL) + summary.get(Outcome.WARN)).append("\"")
                .append(" errors=\"").append(summary.get(Outcome.ERROR)).append("\"")
                .append(" time=\"").append(seconds(report.durationMillis())).append("\">\n");
        String timestamp = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                report.scannedAt().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
        byBenchmark.forEach((benchmark, results) -> suite(out, report.node(), timestamp, benchmark, results));
        return out.append("</testsuites>\n").toString();
    }

    private static void suite(StringBuilder out, String node, String timestamp, String benchmark,
                              List<CheckResult> results) {
        long failures = results.stream().filter(r -> r.status() == Outcome.FAIL || r.status() == Outcome.WARN).count();
        long errors = results.stream().filter(r -> r.status() == Outcome.ERROR).count();
        long skipped = results.stream().filter(r -> r.status() == Outcome.SKIP).count();
        out.append("  <testsuite name=\"").append(xml(benchmark)).append("\" hostname=\"").append(xml(node))
                .append("\" timestamp=\"").append(timestamp)
                .append("\" tests=\"").append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped).append("\">\n");
        for (CheckResult r : results) {
            out.append("    <testcase classname=\"").append(xml(undotted(benchmark) + "." + undotted(r.group())))
                    .append("\" name=\"").append(xml(r.id() + " " + r.title())).append("\"");
            switch (r.status()) {
                case PASS -> out.append("/>\n");
                case SKIP -> out.append(">\n      <skipped message=\"").append(xml(r.reason())).append("\"/>\n")
                        .append("    </testcase>\n");
                case FAIL, WARN, ERROR -> {
                    String element = r.status() == Outcome.ERROR ? "error" : "failure";
                    String type = r.status() == Outcome.WARN ? "WARN (unscored)" : r.status().name();
                    out.append(">\n      <").append(element).append(" type=\"").append(type)
                            .append("\" message=\"").append(xml(message(r))).append("\">").append(xml(detail(r)))
                            .append("</").append(element).append(">\n    </testcase>\n");
                }
            }
        }
        out.append("  </testsuite>\n");
    }

    /** One line a CI tool shows beside the test: what was expected and found, or why it could not be told. */
    private static String message(CheckResult r) {
        if (r.status() == Outcome.ERROR || r.actual() == null) {
            return r.status().name() + ": " + (r.reason() != null ? r.reason() : "expected " + r.expected());
        }
        return "expected " + r.expected() + ", actual " + r.actual() + (r.source() != null ? " (" + r.source() + ")" : "")
                + (r.status() == Outcome.WARN && r.reason() != null ? "; " + r.reason() : "");
    }

    /** A class-name part without dots, which tools would take for package separators. */
    private static String undotted(String part) {
        return part == null ? "" : part.replace('.', '_');
    }

    /** The scan's duration in seconds, as the schema's time pattern writes it. */
    private static String seconds(double millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The evidence, one labelled line per field the result has (no "actual: null" for an unreadable input). */
    private static String detail(CheckResult r) {
        StringBuilder text = new StringBuilder();
        field(text, "expected", r.expected());
        field(text, "actual", r.actual());
        field(text, "source", r.source());
        field(text, "reason", r.reason());
        field(text, "remediation", r.remediation());
        return text.toString().strip();
    }

    private static void field(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    /** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0's Char production: no C0 controls but tab/LF/CR, no lone surrogates, no FFFE/FFFF.
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c != 0xFFFE && c != 0xFFFF)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append("\\u").append(String.format("%04x", c));
                    }
                }
            }
        });
        return out.toString();
    }
}
