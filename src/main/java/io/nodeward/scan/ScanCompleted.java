package io.nodeward.scan;

/**
 * Fired as a CDI event after every scan in serve mode. Observers (metrics, the Node publisher)
 * must return quickly: anything slow, such as an API call, goes to the observer's own executor,
 * so a slow API server never delays scanning or metrics.
 */
public record ScanCompleted(ScanReport report) {
}
