package io.nodeward.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The JSON report, field names as DESIGN.md's contract fixes them. Built with Jackson's tree API
 * rather than by binding records, so no reflection is needed in the native image.
 */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(ScanReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON report", e);
        }
    }

    static ObjectNode tree(ScanReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("node", report.node());
        if (report.role() != null) {
            root.put("role", report.role()); // control-plane or worker; left out when neither or unknown
        }
        if (report.distribution() != null) {
            ObjectNode distribution = root.putObject("distribution");
            distribution.put("id", report.distribution().id());
            distribution.put("name", report.distribution().name());
            distribution.put("evidence", report.distribution().evidence());
        }
        root.put("benchmark", report.benchmark());
        if (report.benchmarkReason() != null) {
            root.put("benchmarkReason", report.benchmarkReason()); // e.g. eks-1.7 for Amazon EKS, kubelet v1.31.2
        }
        root.put("scannedAt", DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.MILLIS)));
        root.put("durationMillis", Math.round(report.durationMillis() * 1000) / 1000.0);
        ObjectNode summary = root.putObject("summary");
        for (Map.Entry<Outcome, Integer> count : report.summary().entrySet()) {
            summary.put(count.getKey().label(), count.getValue());
        }
        ArrayNode results = root.putArray("results");
        for (CheckResult result : report.results()) {
            ObjectNode item = results.addObject();
            // the contract's fields in the contract's order, then ours
            item.put("id", result.id());
            item.put("title", result.title());
            item.put("status", result.status().name());
            item.put("severity", result.severity().label());
            item.put("expected", result.expected());
            item.put("actual", result.actual());
            item.put("source", result.source());
            item.put("remediation", result.remediation());
            item.put("benchmark", result.benchmark());
            item.put("group", result.group());
            if (result.reason() != null) {
                item.put("reason", result.reason());
            }
        }
        return root;
    }
}
