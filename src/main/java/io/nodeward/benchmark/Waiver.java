package io.nodeward.benchmark;

import java.time.LocalDate;

/**
 * An accepted exception to one check: the scanner reports the check as SKIP with this reason, owner
 * and expiry instead of its real outcome, until the expiry date has passed.
 *
 * @param expires the last day the waiver applies (inclusive)
 */
public record Waiver(String benchmark, String check, String reason, String owner, LocalDate expires,
                     Origin origin) {

    /** Whether the waiver still applies on {@code today}. */
    public boolean activeOn(LocalDate today) {
        return !today.isAfter(expires);
    }
}
