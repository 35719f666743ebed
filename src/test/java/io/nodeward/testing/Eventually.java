package io.nodeward.testing;

import java.time.Duration;

/**
 * Waits for something the agent does in the background (a scan after a file change, a publication)
 * by re-running an assertion until it holds. Bounded, and not a timing assertion: the limit is
 * generous, and a pass says only that it happened.
 */
public final class Eventually {

    /** What the tests wait for at most: a debounced scan plus publishing takes well under a second. */
    public static final Duration AT_MOST = Duration.ofSeconds(15);

    /** An assertion that may throw anything while the state is not there yet. */
    public interface Check {
        void run() throws Exception;
    }

    private Eventually() {
    }

    /** Re-runs {@code check} every 100 ms until it passes; after {@link #AT_MOST}, fails with its last failure. */
    public static void holds(Check check) throws Exception {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still not true after " + AT_MOST + ": " + e.getMessage(), e);
                }
            }
            Thread.sleep(100);
        }
    }
}
