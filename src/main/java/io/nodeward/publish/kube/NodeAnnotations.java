package io.nodeward.publish.kube;

import io.nodeward.scan.BoundedList;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Our annotation keys on the Node, and the merge-patch delta between what is there and what should be. */
final class NodeAnnotations {

    static final String PREFIX = "nodeward.io/";
    static final String STATUS = PREFIX + "status";
    static final String SUMMARY = PREFIX + "summary";
    static final String FAILED = PREFIX + "failed";
    static final String BENCHMARK = PREFIX + "benchmark";
    static final String CHANGED_AT = PREFIX + "changed-at";
    static final String ROLE = PREFIX + "role";
    static final String DISTRIBUTION = PREFIX + "distribution";
    static final String DISTRIBUTION_EVIDENCE = PREFIX + "distribution-evidence";

    /** The evidence is a sentence or two; one that is longer is cut here, so the Node stays small. */
    static final int EVIDENCE_MAX_LENGTH = 512;
    /** The failing checks whose CheckFailing event was created (NodeSync): what a restarted agent need not announce again. */
    static final String ANNOUNCED = PREFIX + "announced";

    /** Shortest allowed {@code failed} bound: room for a few IDs and the {@code …+N} that counts the rest. */
    static final int FAILED_MIN_LENGTH = 64;
    /** Longest allowed {@code failed} bound: all of a Node's annotations together may take 256 KiB. */
    static final int FAILED_MAX_LENGTH = 65_536;

    private NodeAnnotations() {
    }

    /**
     * Checks {@code nodeward.publish.failed-annotation-max-length} at start, so a bad value stops
     * the agent with a message instead of writing an annotation that says nothing.
     */
    static int checkedFailedMaxLength(int configured) {
        if (configured < FAILED_MIN_LENGTH || configured > FAILED_MAX_LENGTH) {
            throw new IllegalArgumentException("nodeward.publish.failed-annotation-max-length is %d; it must be between %d and %d"
                    .formatted(configured, FAILED_MIN_LENGTH, FAILED_MAX_LENGTH));
        }
        return configured;
    }

    /**
     * The annotations a verdict asks for. {@code failed} is left out when nothing fails, so a
     * node that recovers loses the key rather than keeping an empty one; {@code role} and
     * {@code distribution} (with its evidence) when the scan did not tell them.
     */
    static Map<String, String> desired(NodeVerdict verdict, Instant changedAt, int failedMaxLength) {
        Map<String, String> wanted = new TreeMap<>();
        wanted.put(STATUS, verdict.status());
        wanted.put(SUMMARY, verdict.summary());
        wanted.put(BENCHMARK, verdict.benchmark());
        wanted.put(CHANGED_AT, KubeTime.format(changedAt));
        if (!verdict.failing().isEmpty()) {
            wanted.put(FAILED, BoundedList.join(verdict.failing(), failedMaxLength));
        }
        if (verdict.role() != null) {
            wanted.put(ROLE, verdict.role());
        }
        if (verdict.distribution() != null) {
            wanted.put(DISTRIBUTION, verdict.distribution().id());
            String evidence = String.valueOf(verdict.distribution().evidence());
            wanted.put(DISTRIBUTION_EVIDENCE, evidence.length() <= EVIDENCE_MAX_LENGTH ? evidence
                    : evidence.substring(0, EVIDENCE_MAX_LENGTH - 1) + "…");
        }
        return wanted;
    }

    /** Only our keys from all of a Node's annotations (null-safe). */
    static Map<String, String> ours(Map<String, String> annotations) {
        Map<String, String> ours = new TreeMap<>();
        if (annotations != null) {
            annotations.forEach((k, v) -> {
                if (k.startsWith(PREFIX)) {
                    ours.put(k, v);
                }
            });
        }
        return ours;
    }

    /**
     * The {@code metadata.annotations} object of a JSON merge patch (RFC 7386) turning
     * {@code current} into {@code desired}: changed or new keys with their value, keys of ours
     * that are no longer wanted as null (removal). Empty when nothing differs: then no request.
     */
    static Map<String, String> delta(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> delta = new LinkedHashMap<>();
        desired.forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                delta.put(k, v);
            }
        });
        current.keySet().stream().filter(k -> k.startsWith(PREFIX) && !desired.containsKey(k))
                .forEach(k -> delta.put(k, null));
        return delta;
    }
}
