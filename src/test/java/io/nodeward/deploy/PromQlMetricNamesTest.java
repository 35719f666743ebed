package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsASelectorWithLabelMatchers() {
        assertEquals(Set.of("nodeward_check_result"), PromQlMetricNames.in("nodeward_check_result{status=\"fail\"} == 1"));
    }

    @Test
    void ignoresFunctionsGroupingLabelsAndKeywords() {
        assertEquals(Set.of("nodeward_checks"),
                PromQlMetricNames.in("count(max by (node) (nodeward_checks{status=\"fail\"}) > 0) or vector(0)"));
    }

    @Test
    void findsBothSidesOfASetOperationAndIgnoresRangesAndOffsets() {
        assertEquals(Set.of("nodeward_check_result", "nodeward_port_listening"), PromQlMetricNames.in(
                "max by (node) (nodeward_port_listening{port=\"10255\"}) == 1 unless on (node, check)"
                        + " max_over_time(nodeward_check_result{status!=\"fail\"}[6h] offset 1h)"));
    }

    @Test
    void ignoresStringArgumentsGrafanaVariablesAndNumbers() {
        assertEquals(Set.of("nodeward_scan_duration_seconds_sum", "up"), PromQlMetricNames.in(
                "label_replace(rate(nodeward_scan_duration_seconds_sum{node=\"$node\"}[5m]), \"a\", \"$1\", \"b\", \"(.*)\")"
                        + " * 60 + 1e3 / up{job=~\".*nodeward.*\"} + ${rate}"));
    }

    @Test
    void findsABareNameWithoutMatchers() {
        assertEquals(Set.of("nodeward_last_scan_timestamp_seconds"),
                PromQlMetricNames.in("time() - nodeward_last_scan_timestamp_seconds > 300"));
    }
}
