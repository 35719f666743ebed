package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard panel queries is one the agent exports: a renamed metric
 * would otherwise leave an alert that can never fire and a panel that shows "No data".
 */
class QueriedMetricsTest {

    private final Set<String> exported = AgentMetricContract.exportedMetricNames();

    @Test
    void everyMetricInTheAlertRulesIsExported() {
        List<String> expressions = AlertRulesTest.rules().stream().map(r -> (String) r.get("expr")).toList();
        assertEquals(Set.of(), notExported(expressions), "metrics queried by alerts but not exported");
    }

    @Test
    void everyMetricInTheDashboardIsExported() {
        assertEquals(Set.of(), notExported(DashboardTest.queries()), "metrics queried by the dashboard but not exported");
    }

    @Test
    void rulesAndDashboardTogetherUseTheMetricsUsersAlertAndLookAt() {
        List<String> all = new ArrayList<>(DashboardTest.queries());
        AlertRulesTest.rules().forEach(r -> all.add((String) r.get("expr")));
        Set<String> used = new TreeSet<>();
        all.forEach(q -> used.addAll(PromQlMetricNames.in(q)));
        // Guards the extractor too: if it returned nothing, the two tests above could not fail.
        assertTrue(used.containsAll(Set.of("nodeward_check_result", "nodeward_checks", "nodeward_port_listening",
                "nodeward_last_scan_timestamp_seconds", "nodeward_publish_errors_total", "up")), used.toString());
    }

    private Set<String> notExported(List<String> expressions) {
        Set<String> missing = new TreeSet<>();
        for (String expression : expressions) {
            for (String name : PromQlMetricNames.in(expression)) {
                if (!AgentMetricContract.isExported(name, exported)
                        && !AgentMetricContract.prometheusSyntheticSeries().contains(name)) {
                    missing.add(name + " (in: " + expression.strip() + ")");
                }
            }
        }
        return missing;
    }
}
