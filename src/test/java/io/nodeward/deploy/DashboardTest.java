package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard, as the sidecar receives it from the rendered ConfigMap. */
class DashboardTest {

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

    static JsonNode dashboard() {
        ConfigMap configMap = RenderedBase.one(ConfigMap.class);
        assertEquals("nodeward-grafana-dashboard", configMap.getMetadata().getName(), "no hash suffix: upgrades replace it");
        assertEquals("1", configMap.getMetadata().getLabels().get("grafana_dashboard"), "the Grafana sidecar's label");
        try {
            return new ObjectMapper().readTree(configMap.getData().get("nodeward.json"));
        } catch (IOException e) {
            throw new AssertionError("nodeward.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Every PromQL query the dashboard runs: panel targets and template-variable queries. */
    static List<String> queries() {
        JsonNode dashboard = dashboard();
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.get("expr").asText()));
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher m = LABEL_VALUES.matcher(variable.at("/query/query").asText());
                assertTrue(m.matches(), "variable " + variable.get("name") + " uses label_values(...)");
                queries.add(m.group(1));
            }
        }
        return queries;
    }

    @Test
    void hasANodeVariableAndADatasourceVariable() {
        List<String> names = new ArrayList<>();
        dashboard().at("/templating/list").forEach(v -> names.add(v.get("name").asText()));
        assertEquals(List.of("datasource", "node"), names);
        assertEquals("label_values(nodeward_check_result, node)",
                dashboard().at("/templating/list/1/query/query").asText());
    }

    @Test
    void showsTheFleetOfNodesAgainstFailingChecks() {
        JsonNode fleet = panel("Nodes × failing checks");
        assertEquals("max by (node, check) (nodeward_check_result{status=\"fail\"})", fleet.at("/targets/0/expr").asText());
        assertEquals("groupingToMatrix", fleet.at("/transformations/0/id").asText());
        assertEquals("node", fleet.at("/transformations/0/options/rowField").asText());
        assertEquals("check", fleet.at("/transformations/0/options/columnField").asText());
    }

    @Test
    void showsOneNodesChecksAndScanFreshness() {
        assertTrue(panel("Checks on $node").at("/targets/0/expr").asText().contains("nodeward_check_result{node=\"$node\"}"));
        assertTrue(panel("Last scan").at("/targets/0/expr").asText().contains("nodeward_last_scan_timestamp_seconds{node=\"$node\"}"));
        assertTrue(panel("Scan freshness by node").at("/targets/0/expr").asText().contains("nodeward_last_scan_timestamp_seconds"));
    }

    @Test
    void everyPanelQueriesThroughTheDatasourceVariable() {
        for (JsonNode panel : dashboard().get("panels")) {
            if (!"row".equals(panel.get("type").asText())) {
                assertEquals("${datasource}", panel.at("/datasource/uid").asText(), "datasource of " + panel.get("title"));
            }
        }
        assertFalse(queries().isEmpty());
    }

    private static JsonNode panel(String title) {
        for (JsonNode panel : dashboard().get("panels")) {
            if (title.equals(panel.get("title").asText())) {
                return panel;
            }
        }
        throw new AssertionError("no panel titled " + title);
    }
}
