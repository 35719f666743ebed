package io.nodeward.deploy;

import java.util.Set;

/**
 * What the agent exports on /metrics, as DESIGN.md "Contracts" and issue 4 name it.
 *
 * <p>{@link #exportedMetricNames()} is the one source of truth the rules and dashboard are
 * checked against. Today it is the written contract; it is meant to be swapped for the names
 * scraped from a running agent's /metrics (the live check issue 4 asks for) once serve mode
 * exists, without touching the tests that use it.
 */
final class AgentMetricContract {

    private AgentMetricContract() {
    }

    /** Base metric names (as in # TYPE lines) the agent exports. */
    static Set<String> exportedMetricNames() {
        return Set.of(
                "nodeward_check_result",
                "nodeward_checks",
                "nodeward_scan_duration_seconds",
                "nodeward_last_scan_timestamp_seconds",
                "nodeward_scans_total",
                "nodeward_scan_errors_total",
                "nodeward_publish_errors_total",
                "nodeward_port_listening",
                "nodeward_build_info");
    }

    /** Series Prometheus itself adds for every target; not exported by the agent. */
    static Set<String> prometheusSyntheticSeries() {
        return Set.of("up");
    }

    /**
     * Whether a series name queried by a rule or panel is exported: the base name itself, or a
     * summary/histogram's _sum, _count and _bucket series of an exported base name.
     */
    static boolean isExported(String seriesName, Set<String> exported) {
        if (exported.contains(seriesName)) {
            return true;
        }
        for (String suffix : new String[] {"_sum", "_count", "_bucket"}) {
            if (seriesName.endsWith(suffix) && exported.contains(seriesName.substring(0, seriesName.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
