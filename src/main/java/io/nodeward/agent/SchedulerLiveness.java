package io.nodeward.agent;

import io.nodeward.Deployment;
import io.nodeward.cluster.ClusterMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the scanning thread runs: without it the agent reports nothing new, so restart it. */
@Liveness
@ApplicationScoped
public class SchedulerLiveness implements HealthCheck {

    private final ScanScheduler scheduler;
    private final Deployment deployment;
    private final ClusterMode cluster;

    SchedulerLiveness(ScanScheduler scheduler, Deployment deployment, ClusterMode cluster) {
        this.scheduler = scheduler;
        this.deployment = deployment;
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        if (deployment.mode() == Deployment.Mode.CLUSTER) {
            return cluster.liveness(); // the cluster auditor scans no node
        }
        return HealthCheckResponse.named("scan-scheduler").status(scheduler.isAlive()).build();
    }
}
