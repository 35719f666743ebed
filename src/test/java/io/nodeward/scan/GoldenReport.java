package io.nodeward.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.report.ReportFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares a scan's JSON report with {@code src/test/resources/golden/<scenario>.json}. The report's
 * {@code scannedAt} and {@code durationMillis} change on every run and are left out. With
 * {@code -Dnodeward.updateGolden=true} the golden file is (re)written from the scan instead.
 */
final class GoldenReport {

    static final Path DIR = Path.of("src/test/resources/golden");
    static final String UPDATE = "nodeward.updateGolden";

    /** Lines of context shown around the first difference. */
    private static final int CONTEXT = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenReport() {
    }

    static void assertMatches(String scenario, ScanReport report) {
        String actual = normalised(report);
        Path golden = DIR.resolve(scenario + ".json");
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(DIR);
                Files.writeString(golden, actual);
                return;
            }
            if (!Files.exists(golden)) {
                fail("no golden file " + golden + "; write it with -D" + UPDATE + "=true and review it");
            }
            String expected = Files.readString(golden);
            if (!expected.equals(actual)) {
                fail(golden + " differs from the scan (regenerate with -D" + UPDATE + "=true if the change is right):\n"
                        + firstDifference(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON report without the fields that change from run to run. */
    static String normalised(ScanReport report) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(ReportFormat.JSON.render(report));
            tree.remove("scannedAt");
            tree.remove("durationMillis");
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first differing line of two texts with a few lines around it, as a reviewer reads a diff. */
    static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        int at = 0;
        while (at < want.size() && at < got.size() && want.get(at).equals(got.get(at))) {
            at++;
        }
        StringBuilder diff = new StringBuilder("first difference at line " + (at + 1) + ":\n");
        for (int i = Math.max(0, at - CONTEXT); i < at; i++) {
            diff.append("  ").append(want.get(i)).append('\n');
        }
        for (int i = at; i < Math.min(want.size(), at + CONTEXT); i++) {
            diff.append("- ").append(want.get(i)).append('\n');
        }
        for (int i = at; i < Math.min(got.size(), at + CONTEXT); i++) {
            diff.append("+ ").append(got.get(i)).append('\n');
        }
        return diff.toString();
    }
}
