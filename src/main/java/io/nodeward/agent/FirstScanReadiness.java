package io.nodeward.agent;

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

    FirstScanReadiness(ScanScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<ScanReport> latest = scheduler.latest();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("first-scan").status(latest.isPresent());
        latest.ifPresent(report -> response.withData("scannedAt",
                DateTimeFormatter.ISO_INSTANT.format(report.scannedAt().truncatedTo(ChronoUnit.SECONDS))));
        return response.build();
    }
}
