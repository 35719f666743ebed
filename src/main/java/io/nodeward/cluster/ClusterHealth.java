package io.nodeward.cluster;

import io.nodeward.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cluster auditor's health: live while its election loop runs; ready as a follower (standing by is its
 * job, and a rollout must be able to proceed) and, as the leader, once its first audit is done. In the
 * node agent both are up and say so.
 */
@ApplicationScoped
public class ClusterHealth {

    private final ClusterMode cluster;
    private final Deployment deployment;

    ClusterHealth(ClusterMode cluster, Deployment deployment) {
        this.cluster = cluster;
        this.deployment = deployment;
    }

    @Produces
    @Liveness
    HealthCheck electionLoop() {
        return () -> deployment.mode() != Deployment.Mode.CLUSTER
                ? HealthCheckResponse.named("cluster-election").up().withData("mode", "agent").build()
                : HealthCheckResponse.named("cluster-election").status(cluster.isAlive()).build();
    }

    @Produces
    @Readiness
    HealthCheck firstAudit() {
        return () -> {
            if (deployment.mode() != Deployment.Mode.CLUSTER) {
                return HealthCheckResponse.named("cluster-audit").up().withData("mode", "agent").build();
            }
            boolean leader = cluster.isLeader();
            return HealthCheckResponse.named("cluster-audit").status(cluster.isAlive() && (!leader || cluster.latest().isPresent()))
                    .withData("leader", leader).build();
        };
    }
}
