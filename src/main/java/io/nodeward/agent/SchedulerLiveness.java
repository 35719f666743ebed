package io.nodeward.agent;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the scanning thread runs: without it the agent reports nothing new, so restart it. */
@Liveness
@ApplicationScoped
public class SchedulerLiveness implements HealthCheck {

    private final ScanScheduler scheduler;

    SchedulerLiveness(ScanScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scan-scheduler").status(scheduler.isAlive()).build();
    }
}
