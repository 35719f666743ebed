package io.nodeward.cluster.publish;

import io.micrometer.core.instrument.config.MeterFilter;
import io.nodeward.Deployment;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Each mode exports its own families: the cluster auditor scans no node, so the node agent's
 * ({@code nodeward_checks}, {@code nodeward_scan_*}, {@code nodeward_reader_*}, ...; registered at start by
 * beans both modes share) are dropped there, and the agent never has {@code nodeward_cluster_*}. The publish
 * counters and {@code nodeward_build_info} are both modes'.
 */
public class ModeMeterFilter {

    @Produces
    @Singleton
    MeterFilter byMode(Deployment deployment) {
        boolean cluster = deployment.mode() == Deployment.Mode.CLUSTER;
        return MeterFilter.deny(id -> {
            String name = id.getName();
            if (!name.startsWith("nodeward.") || name.startsWith("nodeward.publish.") || name.equals("nodeward.build.info")) {
                return false;
            }
            return cluster != name.startsWith("nodeward.cluster.");
        });
    }
}
