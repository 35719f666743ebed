package io.nodeward.publish.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nodeward.publish.kube.PublishOutcomes;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Counters for the publishers (the Node publisher's API calls): {@code nodeward_publish_requests_total
 * {target,outcome}} and {@code nodeward_publish_errors_total{target}}. Targets and outcomes are
 * short fixed words chosen by the publisher (e.g. target {@code annotations}, outcome {@code ok},
 * {@code forbidden}), never free text, so the series stay bounded. Created at start, not at the
 * first API call: the error counters must be on /metrics at 0 from the first scrape (with publishing
 * off too), or {@code increase()} in the alert misses the first errors and the dashboard shows no data.
 */
@Startup
@ApplicationScoped
public class PublishMetrics implements PublishOutcomes {

    /** The Node publisher's targets, declared up front so their error counters start at 0. */
    static final List<String> NODE_TARGETS = List.of("node", "annotations", "condition", "events");

    private final MeterRegistry registry;

    PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
        NODE_TARGETS.forEach(this::declareTarget);
    }

    @Override
    public void request(String target, String outcome) {
        publishRequest(target, outcome);
    }

    @Override
    public void error(String target) {
        publishError(target);
    }

    /** Makes {@code target}'s error counter exist at 0, so alerts on its rate work before the first error. */
    public void declareTarget(String target) {
        errors(target);
    }

    /** Counts one failed publication to {@code target} (after its retries, or a give-up). */
    public void publishError(String target) {
        errors(target).increment();
    }

    /** Counts one API request to {@code target} that ended with {@code outcome}. */
    public void publishRequest(String target, String outcome) {
        Counter.builder("nodeward.publish.requests")
                .description("API requests made to publish results, by target and outcome")
                .tag("target", target)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private Counter errors(String target) {
        return Counter.builder("nodeward.publish.errors")
                .description("Publications that failed, by target")
                .tag("target", target)
                .register(registry);
    }
}
