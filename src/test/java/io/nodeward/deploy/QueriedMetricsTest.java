package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nodeward.agent.ScanScheduler;
import io.nodeward.testing.FixtureNodeProfile;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.Scrape.Series;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard panel queries, and every label it selects, groups or prints
 * by, is one the live agent exports: the real scanner on a fixture node (failing checks, listening
 * ports), scraped from its management port as Prometheus scrapes it. A renamed metric or label would
 * otherwise leave an alert that can never fire and a panel that shows "No data". Labels that
 * Prometheus adds to every series of a target ({@code node} by the PodMonitor's relabelling,
 * {@code pod}, {@code namespace}, {@code job}...) must NOT come from the agent: it would clash with them.
 */
@QuarkusTest
@TestProfile(FixtureNodeProfile.class)
class QueriedMetricsTest {

    /** Series Prometheus itself records for every target; not exported by the agent. */
    private static final Set<String> SYNTHETIC_SERIES = Set.of("up");
    /** The target labels prometheus-operator puts on every series it scrapes through a PodMonitor. */
    private static final Set<String> OPERATOR_TARGET_LABELS = Set.of("namespace", "pod", "container", "endpoint", "job", "instance");
    private static final Pattern TEMPLATE_LABEL = Pattern.compile("\\$labels\\.(\\w+)");

    @Inject
    ScanScheduler scheduler;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private List<Series> live;

    @BeforeEach
    void scrapeAfterAScan() throws Exception {
        scheduler.scanNow().get(30, TimeUnit.SECONDS);
        live = Scrape.series(Scrape.text(Scrape.metricsOf(management)));
        assertTrue(live.stream().anyMatch(s -> s.name().equals("nodeward_check_result") && "fail".equals(s.labels().get("status"))),
                "the fixture node fails a check");
        assertTrue(live.stream().anyMatch(s -> s.name().equals("nodeward_port_listening")), "the fixture node has watched ports");
    }

    /** One query and the alert annotations that print its result's labels ({{ $labels.x }}). */
    private record Query(String expression, Set<String> printedLabels) {
    }

    private static List<Query> alertQueries() {
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> rule : AlertRulesTest.rules()) {
            String expression = (String) rule.get("expr");
            Set<String> printed = new TreeSet<>();
            Matcher m = TEMPLATE_LABEL.matcher(String.valueOf(rule.get("annotations")));
            while (m.find()) {
                printed.add(m.group(1));
            }
            printed.removeAll(PromQlLabelNames.made(expression));
            queries.add(new Query(expression, printed));
        }
        return queries;
    }

    private static List<Query> dashboardQueries() {
        return DashboardTest.queries().stream().map(q -> new Query(q, Set.of())).toList();
    }

    /** {@code node} from the PodMonitor's relabelings, plus the operator's own target labels. */
    @SuppressWarnings("unchecked")
    static Set<String> labelsPrometheusAdds() {
        GenericKubernetesResource podMonitor = RenderedBase.custom("PodMonitor");
        Map<String, Object> spec = (Map<String, Object>) podMonitor.getAdditionalProperties().get("spec");
        Set<String> added = new TreeSet<>(OPERATOR_TARGET_LABELS);
        for (Map<String, Object> endpoint : (List<Map<String, Object>>) spec.get("podMetricsEndpoints")) {
            for (Map<String, Object> relabeling : (List<Map<String, Object>>) endpoint.getOrDefault("relabelings", List.of())) {
                added.add((String) relabeling.get("targetLabel"));
            }
        }
        return added;
    }

    @Test
    void everyMetricInTheAlertRulesIsExported() {
        assertEquals(Set.of(), notExported(alertQueries()), "metrics queried by alerts but not exported");
    }

    @Test
    void everyMetricInTheDashboardIsExported() {
        assertEquals(Set.of(), notExported(dashboardQueries()), "metrics queried by the dashboard but not exported");
    }

    @Test
    void everyLabelTheAlertsUseIsExportedOrAddedByPrometheus() {
        assertEquals(Set.of(), labelProblems(alertQueries()));
    }

    @Test
    void everyLabelTheDashboardUsesIsExportedOrAddedByPrometheus() {
        assertEquals(Set.of(), labelProblems(dashboardQueries()));
    }

    @Test
    void theAgentExportsNoLabelThatPrometheusAdds() {
        Set<String> clashes = new TreeSet<>();
        Set<String> added = labelsPrometheusAdds();
        assertTrue(added.contains("node"), "the PodMonitor adds the node label: " + added);
        for (Series series : live) {
            for (String label : series.labels().keySet()) {
                if (added.contains(label)) {
                    clashes.add(series.name() + " has " + label);
                }
            }
        }
        assertEquals(Set.of(), clashes);
    }

    @Test
    void rulesAndDashboardTogetherUseTheMetricsAndLabelsUsersAlertAndLookAt() {
        List<Query> all = new ArrayList<>(dashboardQueries());
        all.addAll(alertQueries());
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (Query query : all) {
            metrics.addAll(PromQlMetricNames.in(query.expression()));
            PromQlLabelNames used = PromQlLabelNames.in(query.expression());
            used.bySelector().values().forEach(labels::addAll);
            labels.addAll(used.byExpression());
            labels.addAll(query.printedLabels());
        }
        // Guards the extractors too: if they returned nothing, the tests above could not fail.
        assertTrue(metrics.containsAll(Set.of("nodeward_check_result", "nodeward_checks", "nodeward_port_listening",
                "nodeward_last_scan_timestamp_seconds", "nodeward_publish_errors_total", "up")), metrics.toString());
        assertTrue(labels.containsAll(Set.of("check", "status", "benchmark", "severity", "port", "target", "node")),
                labels.toString());
    }

    private Set<String> notExported(List<Query> queries) {
        Set<String> exported = new TreeSet<>();
        live.forEach(s -> exported.add(s.name()));
        Set<String> missing = new TreeSet<>();
        for (Query query : queries) {
            for (String name : PromQlMetricNames.in(query.expression())) {
                if (!exported.contains(name) && !SYNTHETIC_SERIES.contains(name)) {
                    missing.add(name + " (in: " + query.expression().strip() + ")");
                }
            }
        }
        return missing;
    }

    /** Labels a query needs that no series of its metrics carries, and labels the agent wrongly carries. */
    private Set<String> labelProblems(List<Query> queries) {
        Set<String> added = labelsPrometheusAdds();
        Set<String> problems = new TreeSet<>();
        for (Query query : queries) {
            String where = " (in: " + query.expression().strip() + ")";
            Set<String> metrics = new TreeSet<>(PromQlMetricNames.in(query.expression()));
            metrics.removeAll(SYNTHETIC_SERIES);
            PromQlLabelNames used = PromQlLabelNames.in(query.expression());
            used.bySelector().forEach((metric, labels) -> {
                if (!SYNTHETIC_SERIES.contains(metric)) {
                    labels.forEach(label -> check(Set.of(metric), label, added, where, problems));
                }
            });
            Set<String> expressionLabels = new TreeSet<>(used.byExpression());
            expressionLabels.addAll(query.printedLabels());
            if (!metrics.isEmpty()) {
                expressionLabels.forEach(label -> check(metrics, label, added, where, problems));
            }
        }
        return problems;
    }

    private void check(Set<String> metrics, String label, Set<String> added, String where, Set<String> problems) {
        boolean carried = live.stream().anyMatch(s -> metrics.contains(s.name()) && s.labels().containsKey(label));
        if (added.contains(label) && carried) {
            problems.add(metrics + " exports " + label + ", which Prometheus adds" + where);
        } else if (!added.contains(label) && !carried) {
            problems.add(metrics + " has no label " + label + where);
        }
    }
}
