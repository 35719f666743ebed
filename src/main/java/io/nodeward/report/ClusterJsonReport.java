package io.nodeward.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Exempted;
import io.nodeward.cluster.audit.Finding;

import java.util.List;

/**
 * The cluster report in JSON: the node report's contract ({@code benchmark}, {@code scannedAt},
 * {@code durationMillis}, {@code summary}, {@code results[]} with the same fields), {@code cluster} in
 * place of {@code node}, and per result the objects behind it ({@code findings}, at most
 * {@value #MAX_FINDINGS}, {@code findingsTotal} always exact), then every exemption with what it took out
 * and the objects read per kind.
 */
final class ClusterJsonReport {

    /** A check failing on every pod of a large cluster must not make the report unbounded. */
    static final int MAX_FINDINGS = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClusterJsonReport() {
    }

    static String render(ClusterReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON report", e);
        }
    }

    static ObjectNode tree(ClusterReport report) {
        ObjectNode scan = JsonReport.tree(report.asScanReport());
        scan.remove("node");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cluster", report.cluster());
        root.setAll(scan);
        ArrayNode results = (ArrayNode) root.get("results");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode item = (ObjectNode) results.get(i);
            List<Finding> findings = report.findings(report.results().get(i).id());
            item.put("findingsTotal", findings.size());
            ArrayNode list = item.putArray("findings");
            findings.stream().limit(MAX_FINDINGS).forEach(f -> finding(list.addObject(), f));
        }
        ArrayNode exemptions = root.putArray("exemptions");
        for (Exempted exempted : report.exemptions()) {
            ObjectNode item = exemptions.addObject();
            item.put("id", exempted.id());
            item.put("type", exempted.type());
            item.put("reason", exempted.reason());
            item.put("count", exempted.count());
            ArrayNode matched = item.putArray("matched");
            exempted.matched().forEach(matched::add);
        }
        ObjectNode objects = root.putObject("objects");
        report.objects().forEach((kind, count) -> objects.put(kind.kind(), count));
        return root;
    }

    private static void finding(ObjectNode item, Finding finding) {
        ObjectNode object = item.putObject("object");
        object.put("kind", finding.object().kind().kind());
        if (!finding.object().namespace().isEmpty()) {
            object.put("namespace", finding.object().namespace());
        }
        object.put("name", finding.object().name());
        item.put("status", finding.outcome().name());
        if (finding.actual() != null) {
            item.put("actual", finding.actual());
        }
        if (finding.source() != null) {
            item.put("source", finding.source());
        }
        if (finding.reason() != null) {
            item.put("reason", finding.reason());
        }
    }
}
