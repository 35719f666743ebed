package io.nodeward.scan;

import io.nodeward.benchmark.Severity;

/**
 * The result of one check on one scan; separate from the immutable check definition.
 *
 * @param benchmark   the benchmark the check belongs to, e.g. {@code cis-1.12}
 * @param id          the check's ID, e.g. {@code 4.2.4} or {@code port-10255}
 * @param group       the group title, e.g. {@code 4.2 Kubelet}
 * @param expected    what would pass, in words
 * @param actual      what was found
 * @param source      where the deciding value came from (flag, config file, default, socket...)
 * @param reason      why the outcome is SKIP, WARN or ERROR; null otherwise
 */
public record CheckResult(String benchmark, String id, String title, String group, Severity severity,
                          Outcome status, String expected, String actual, String source,
                          String remediation, String reason) {

    /** How the reason of a result whose waiver has expired starts: "waiver by OWNER expired on DATE: WHY". */
    public static final String EXPIRED_WAIVER = "waiver by ";

    /** Whether a waiver was written for this check and has expired (the result is then its real outcome). */
    public boolean waiverExpired() {
        return reason != null && reason.startsWith(EXPIRED_WAIVER);
    }
}
