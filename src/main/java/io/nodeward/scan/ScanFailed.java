package io.nodeward.scan;

import java.time.Instant;

/**
 * Fired as a CDI event when a scan in serve mode throws instead of returning a report. The
 * scheduler has logged it already and retries at the next trigger; observers only count it.
 */
public record ScanFailed(Instant at, Exception error) {
}
