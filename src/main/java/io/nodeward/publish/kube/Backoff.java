package io.nodeward.publish.kube;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row, wait a uniformly random
 * time between zero and min(max, initial × 2^(n-1)). Full jitter spreads 5,000 agents that failed
 * together over the whole window instead of letting them retry in step.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration failed() {
        failures++;
        return delay(failures);
    }

    void succeeded() {
        failures = 0;
    }

    /** The upper bound of the wait after {@code failures} failures in a row. */
    Duration ceiling(int failures) {
        long initialMillis = Math.max(1, initial.toMillis());
        int doublings = Math.min(failures - 1, 30);
        long ceiling = initialMillis << doublings;
        return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
    }

    private Duration delay(int failures) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(failures).toMillis()));
    }
}
