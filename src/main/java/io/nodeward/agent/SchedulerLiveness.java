package io.nodeward.agent;

import io.nodeward.Deployment;
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

    SchedulerLiveness(ScanScheduler scheduler, Deployment deployment) {
        this.scheduler = scheduler;
        this.deployment = deployment;
    }

    @Override
    public HealthCheckResponse call() {
        if (deployment.mode() != Deployment.Mode.AGENT) {
            // the cluster auditor scans no node; its own checks are cluster/ClusterHealth
            return HealthCheckResponse.named("scan-scheduler").up().withData("mode", "cluster").build();
        }
        return HealthCheckResponse.named("scan-scheduler").status(scheduler.isAlive()).build();
    }
}
