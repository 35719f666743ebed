package io.nodeward.report;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JUnit XML, so CI systems can show a node's hardening as a test run: one test suite per
 * benchmark, a test case per check. FAIL is a failure, ERROR an error, WARN and SKIP skipped
 * (they need a person, not a red build), each carrying expected, actual, source and the fix.
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
                .append(" failures=\"").append(summary.get(Outcome.FAIL)).append("\"")
                .append(" errors=\"").append(summary.get(Outcome.ERROR)).append("\"")
                .append(" skipped=\"").append(summary.get(Outcome.WARN) + summary.get(Outcome.SKIP)).append("\"")
                .append(" timestamp=\"").append(DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.SECONDS))).append("\">\n");
        byBenchmark.forEach((benchmark, results) -> suite(out, report.node(), benchmark, results));
        return out.append("</testsuites>\n").toString();
    }

    private static void suite(StringBuilder out, String node, String benchmark, List<CheckResult> results) {
        long failures = results.stream().filter(r -> r.status() == Outcome.FAIL).count();
        long errors = results.stream().filter(r -> r.status() == Outcome.ERROR).count();
        long skipped = results.stream().filter(r -> r.status() == Outcome.WARN || r.status() == Outcome.SKIP).count();
        out.append("  <testsuite name=\"").append(xml(benchmark)).append("\" hostname=\"").append(xml(node))
                .append("\" tests=\"").append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped).append("\">\n");
        for (CheckResult r : results) {
            out.append("    <testcase classname=\"").append(xml(benchmark + "." + r.group()))
                    .append("\" name=\"").append(xml(r.id() + " " + r.title())).append("\"");
            String element = switch (r.status()) {
                case PASS -> null;
                case FAIL -> "failure";
                case ERROR -> "error";
                case WARN, SKIP -> "skipped";
            };
            if (element == null) {
                out.append("/>\n");
                continue;
            }
            String message = r.status() == Outcome.FAIL ? "expected " + r.expected() + ", actual " + r.actual()
                    : r.status().name() + ": " + (r.reason() != null ? r.reason() : "expected " + r.expected());
            out.append(">\n      <").append(element).append(" message=\"").append(xml(message)).append("\"");
            out.append(element.equals("skipped") ? "/>\n" : ">" + xml(detail(r)) + "</" + element + ">\n");
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n");
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
