package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PrometheusRule's alerts: valid for Prometheus itself, and the day-one set issue 4 asks for. */
class AlertRulesTest {

    @TempDir
    Path temp;

    /** The rule groups, i.e. the PrometheusRule's spec, which is exactly a Prometheus rules file. */
    static Map<String, Object> ruleFile() {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) RenderedBase.custom("PrometheusRule").getAdditionalProperties().get("spec");
        return spec;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() {
        return ((List<Map<String, Object>>) ruleFile().get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .toList();
    }

    @Test
    void promtoolAcceptsTheRules() throws IOException {
        Path file = temp.resolve("nodeward-rules.yaml");
        Files.writeString(file, new KubernetesSerialization().asYaml(ruleFile()));
        String out = ExternalTool.runOk(temp, List.of("promtool", "check", "rules", file.toString()));
        assertTrue(out.contains("SUCCESS: " + rules().size() + " rules found"), out);
    }

    @Test
    void alertsOnDayOneRegressions() {
        Map<String, String> severityByAlert = new TreeMap<>();
        rules().forEach(r -> severityByAlert.put((String) r.get("alert"), labels(r).get("severity")));
        assertEquals(new TreeMap<>(Map.of(
                "NodewardCheckFailing", "warning",
                "NodewardKubeletReadOnlyPortOpen", "critical",
                "NodewardScanStale", "warning",
                "NodewardAgentDown", "warning",
                "NodewardAgentsAbsent", "warning",
                "NodewardPublishFailing", "warning")), severityByAlert);
    }

    @Test
    void everyAlertWaitsBeforeFiringAndSaysWhatToDo() {
        for (Map<String, Object> rule : rules()) {
            String alert = (String) rule.get("alert");
            assertTrue(rule.get("for") instanceof String f && !f.isBlank(), alert + " has a `for`");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            assertTrue(annotations.get("summary") != null && annotations.get("description") != null, alert + " summary+description");
            if (!alert.equals("NodewardAgentsAbsent")) {
                assertTrue(annotations.get("summary").contains("{{ $labels.node }}"), alert + " names the node in its summary");
            }
            assertTrue(annotations.get("description").contains("kubectl"), alert + " tells what to run");
        }
    }

    @Test
    void checkFailingFiresOnlyForChecksThatWereNotFailingBefore() {
        String expr = expr("NodewardCheckFailing");
        assertTrue(expr.contains("nodeward_check_result{status=\"fail\"} == 1"), expr);
        assertTrue(expr.contains("and on (node, benchmark, check)"), expr);
        assertTrue(expr.contains("max_over_time(nodeward_check_result{status!=\"fail\"}[6h])"), expr);
    }

    @Test
    void readOnlyPortAlertTrustsTheLiveSocketAsWellAsTheCheck() {
        String expr = expr("NodewardKubeletReadOnlyPortOpen");
        assertTrue(expr.contains("nodeward_port_listening{port=\"10255\"}"), expr);
        assertTrue(expr.contains("nodeward_check_result{check=\"port-10255\", status=\"fail\"}"), expr);
    }

    @Test
    void staleAndDownAlertsUseTheScanTimestampAndTheScrapeTarget() {
        assertEquals("time() - nodeward_last_scan_timestamp_seconds > 300", expr("NodewardScanStale"));
        assertEquals("up{job=~\".*nodeward.*\"} == 0", expr("NodewardAgentDown"));
        assertEquals("absent(up{job=~\".*nodeward.*\"})", expr("NodewardAgentsAbsent"));
    }

    static String expr(String alert) {
        return rules().stream().filter(r -> alert.equals(r.get("alert"))).findFirst()
                .map(r -> ((String) r.get("expr")).strip()).orElseThrow(() -> new AssertionError("no alert " + alert));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> rule) {
        return (Map<String, String>) rule.getOrDefault("labels", Map.of());
    }
}
