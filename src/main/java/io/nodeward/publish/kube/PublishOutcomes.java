package io.nodeward.publish.kube;

/**
 * Counts what the Node publisher's API calls came to. The metrics feature maps these to
 * {@code nodeward_publish_requests_total{target,outcome}} and {@code nodeward_publish_errors_total{target}};
 * without it, nothing counts them.
 *
 * <p>Targets: {@code node} (the one GET at start and re-reads after a conflict), {@code annotations},
 * {@code condition}, {@code events}. Outcomes: {@code success}, {@code forbidden}, {@code not_found},
 * {@code conflict}, {@code server_error}, {@code client_error}, {@code unreachable}.
 */
public interface PublishOutcomes {

    String SUCCESS = "success";

    /** One HTTP request to the API server finished (or could not be made) with this outcome. */
    void request(String target, String outcome);

    /** The publisher gave up on this target for the current scan; the next scan retries the newest state. */
    void error(String target);
}
