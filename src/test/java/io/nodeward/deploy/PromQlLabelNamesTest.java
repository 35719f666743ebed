package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlLabelNamesTest {

    @Test
    void bindsMatcherLabelsToTheirOwnMetric() {
        PromQlLabelNames labels = PromQlLabelNames.in("max by (node) (nodeward_port_listening{port=\"10255\"}) == 1"
                + " or max by (node) (nodeward_check_result{check=\"port-10255\", status!~\"pass|skip\"}) == 1");
        assertEquals(Map.of("nodeward_port_listening", Set.of("port"), "nodeward_check_result", Set.of("check", "status")),
                labels.bySelector());
        assertEquals(Set.of("node"), labels.byExpression());
    }

    @Test
    void takesGroupingAndMatchingLabelsAndLabelReplaceSources() {
        PromQlLabelNames labels = PromQlLabelNames.in("""
                label_replace(
                  (nodeward_check_result{status="fail"} == 1)
                    and on (node, benchmark, check)
                  (max_over_time(nodeward_check_result{status!="fail"}[6h]) == 1),
                  "check_severity", "$1", "severity", "(.*)"
                )""");
        assertEquals(Map.of("nodeward_check_result", Set.of("status")), labels.bySelector());
        assertEquals(Set.of("node", "benchmark", "check", "severity"), labels.byExpression());
    }

    @Test
    void aMatcherValueThatLooksLikeAMatcherIsNotALabel() {
        assertEquals(Map.of("up", Set.of("job")), PromQlLabelNames.in("up{job=~\"a=b.*\"} == 0").bySelector());
    }

    @Test
    void labelReplaceMakesItsDestinationLabel() {
        assertEquals(Set.of("check_severity"),
                PromQlLabelNames.made("label_replace(nodeward_check_result, \"check_severity\", \"$1\", \"severity\", \"(.*)\")"));
        assertEquals(Set.of(), PromQlLabelNames.made("sum by (status) (nodeward_checks)"));
    }
}
