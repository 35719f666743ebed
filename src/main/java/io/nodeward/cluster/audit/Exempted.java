package io.nodeward.cluster.audit;

import java.util.List;

/**
 * One exemption as the report lists it: which rule, why, and everything it took out of the audit.
 *
 * @param id      the namespace's name, the object exemption's id, or {@code system-subjects:<kind>}
 * @param type    {@code namespace}, {@code object} or {@code system-subjects}
 * @param matched what it matched: objects ({@code Pod kube-system/etcd-cp1}) or subjects
 *                ({@code Group system:nodes}), sorted, at most {@link #MAX_LISTED}
 * @param count   how many it matched in all
 */
public record Exempted(String id, String type, String reason, List<String> matched, int count) {

    /** The report names at most this many matches per exemption; the count is always exact. */
    public static final int MAX_LISTED = 50;

    public Exempted {
        matched = List.copyOf(matched);
    }
}
