package io.nodeward.agent;

import io.nodeward.Deployment;
import io.nodeward.cluster.ClusterMode;
import io.nodeward.scan.ScanReport;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Ready once the first scan has finished: before it, metrics and the report would say nothing. */
@Readiness
@ApplicationScoped
public class FirstScanReadiness implements HealthCheck {

    private final ScanScheduler scheduler;
    private final Deployment deployment;
    private final ClusterMode cluster;

    FirstScanReadiness(ScanScheduler scheduler, Deployment deployment, ClusterMode cluster) {
        this.scheduler = scheduler;
        this.deployment = deployment;
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        if (deployment.mode() == Deployment.Mode.CLUSTER) {
            return cluster.readiness(); // the cluster auditor scans no node
        }
        Optional<ScanReport> latest = scheduler.latest();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("first-scan").status(latest.isPresent());
        latest.ifPresent(report -> response.withData("scannedAt",
                DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.SECONDS))));
        return response.build();
    }
}
