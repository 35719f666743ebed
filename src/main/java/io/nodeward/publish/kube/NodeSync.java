package io.nodeward.publish.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.nodeward.scan.BoundedList;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps one Node's annotations, condition and events in line with the newest scan, writing only
 * what differs from what it last wrote (or, after start, from what the one GET found). Not thread
 * safe: {@link NodePublisher} calls it from its single publishing thread.
 *
 * <p>No event is lost when the pod dies, whenever it dies: the events are created before the
 * annotation patch, and that patch records in {@code nodeward.io/announced} the failing checks whose
 * {@code CheckFailing} event was really created. A later agent announces what that record lacks (or
 * still lists after a recovery), so a pod killed before its events, or whose event requests failed,
 * leaves the announcement to the next one. Dying between the events and the patch repeats those
 * events once; an ordinary restart repeats none (the record matches the Node's state).
 */
class NodeSync {

    private final String node;
    private final NodeApi api;
    private final Clock clock;
    private final int failedMaxLength;
    private final AtomicLong eventSequence = new AtomicLong();

    /** Null until the GET at start succeeded, and again after a conflict: then the next attempt re-reads. */
    private Map<String, String> writtenAnnotations;
    private HardenedCondition writtenCondition;
    private Instant writtenTransition;

    /** Per-check outcomes as last announced by events; seeded from {@link #failedAtStart} at the first scan. */
    private final Map<CheckKey, Outcome> announced = new HashMap<>();
    /**
     * What the Node's {@code announced} annotation said at the first successful GET (its {@code failed}
     * one on a Node last written by an agent that kept no record); null once used.
     */
    private FailedAnnotation failedAtStart;
    private boolean readOnce;

    /** The results of the newest scan seen and since when they have been so: {@code changed-at}. */
    private NodeVerdict lastVerdict;
    private Instant changedAt;

    NodeSync(String node, NodeApi api, Clock clock, int failedMaxLength) {
        this.node = node;
        this.api = api;
        this.clock = clock;
        this.failedMaxLength = failedMaxLength;
    }

    String node() {
        return node;
    }

    /** The GET at start, then {@code Unknown}/{@code NotScannedYet} if the Node has no condition of ours yet. */
    void start() {
        read();
        if (writtenCondition == null) {
            writeCondition(HardenedCondition.NOT_SCANNED_YET);
        }
    }

    /** Forget what we know of the Node, so the next attempt reads it again (after a 409). */
    void forgetNode() {
        writtenAnnotations = null;
    }

    /**
     * Brings the Node in line with {@code report}. Tries every target even when one fails, and
     * throws the first failure at the end; what succeeded is remembered, so a retry sends only the rest.
     */
    void publish(ScanReport report) {
        NodeVerdict verdict = NodeVerdict.of(report);
        if (writtenAnnotations == null) {
            read();
        }
        noteResults(verdict, report.scannedAt());
        List<ApiFailure> failures = new ArrayList<>();
        attempt(failures, () -> {
            if (!verdict.condition().equals(writtenCondition)) {
                writeCondition(verdict.condition());
            }
        });
        // Events before the annotations, which then record what was announced (see the class comment).
        attempt(failures, () -> announce(verdict));
        attempt(failures, () -> writeAnnotations(verdict));
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private void read() {
        Node current = api.get(node);
        writtenAnnotations = NodeAnnotations.ours(current.getMetadata().getAnnotations());
        if (!readOnce) {
            // Only the first read: a re-read after a conflict finds what we ourselves announced since.
            readOnce = true;
            String record = writtenAnnotations.containsKey(NodeAnnotations.ANNOUNCED)
                    ? writtenAnnotations.get(NodeAnnotations.ANNOUNCED)
                    // Written by an agent that kept no record: take its failed list as announced, so an
                    // upgrade is not a burst of Warning events for unchanged state.
                    : writtenAnnotations.get(NodeAnnotations.FAILED);
            failedAtStart = FailedAnnotation.parse(record);
        }
        writtenCondition = null;
        writtenTransition = null;
        if (current.getStatus() != null && current.getStatus().getConditions() != null) {
            for (NodeCondition c : current.getStatus().getConditions()) {
                if (HardenedCondition.TYPE.equals(c.getType())) {
                    writtenCondition = new HardenedCondition(c.getStatus(), c.getReason(), c.getMessage());
                    writtenTransition = KubeTime.parse(c.getLastTransitionTime()).orElse(null);
                }
            }
        }
    }

    /**
     * {@code changed-at} moves only when the results change. After a restart, results that match
     * what the Node already says keep the Node's time.
     */
    private void noteResults(NodeVerdict verdict, Instant scannedAt) {
        if (lastVerdict != null && sameResults(lastVerdict, verdict)) {
            return;
        }
        Instant since = scannedAt;
        if (lastVerdict == null) {
            Map<String, String> atOldTime = NodeAnnotations.desired(verdict, Instant.EPOCH, failedMaxLength);
            atOldTime.remove(NodeAnnotations.CHANGED_AT);
            Map<String, String> onNode = new HashMap<>(writtenAnnotations);
            String nodeTime = onNode.remove(NodeAnnotations.CHANGED_AT);
            onNode.remove(NodeAnnotations.ANNOUNCED);
            if (atOldTime.equals(onNode)) {
                since = KubeTime.parse(nodeTime).orElse(scannedAt);
            }
        }
        lastVerdict = verdict;
        changedAt = since;
    }

    private static boolean sameResults(NodeVerdict a, NodeVerdict b) {
        return a.benchmark().equals(b.benchmark()) && a.outcomes().equals(b.outcomes());
    }

    private void writeAnnotations(NodeVerdict verdict) {
        Map<String, String> desired = NodeAnnotations.desired(verdict, changedAt, failedMaxLength);
        List<String> announcedFailing = new ArrayList<>();
        verdict.outcomes().forEach((check, outcome) -> {
            if (announced.get(check) == Outcome.FAIL) {
                announcedFailing.add(verdict.names().get(check));
            }
        });
        // Present (if empty) whenever checks fail: "none of them was announced" must read differently
        // from a Node last written by an agent that kept no record.
        if (!announcedFailing.isEmpty() || desired.containsKey(NodeAnnotations.FAILED)) {
            desired.put(NodeAnnotations.ANNOUNCED, BoundedList.join(announcedFailing, failedMaxLength));
        }
        Map<String, String> delta = NodeAnnotations.delta(writtenAnnotations, desired);
        if (!delta.isEmpty()) {
            api.patchAnnotations(node, delta);
            writtenAnnotations = desired;
        }
    }

    /** {@code lastTransitionTime} moves only when the status does; the heartbeat is the time of this write. */
    private void writeCondition(HardenedCondition condition) {
        Instant now = clock.instant();
        boolean statusChanged = writtenCondition == null || !writtenCondition.status().equals(condition.status());
        Instant transition = statusChanged || writtenTransition == null ? now : writtenTransition;
        api.patchCondition(node, condition, transition, now);
        writtenCondition = condition;
        writtenTransition = transition;
    }

    /**
     * One event per check that starts or stops failing. A check that becomes ERROR (unreadable)
     * has not recovered, and nothing about it changed that we know of: no event, and what was
     * announced is kept, so FAIL, ERROR, FAIL is one Warning and FAIL, ERROR, PASS one Warning and
     * one Normal. (A Warning {@code CheckUnreadable} per check was the other choice; it is left out
     * because the condition already says {@code ScanErrors} with the IDs and the status annotation
     * says {@code error}, and one unreadable file makes many checks ERROR at once on every node
     * alike: a burst of events that says nothing the condition does not.)
     */
    private void announce(NodeVerdict verdict) {
        if (failedAtStart != null) {
            announced.putAll(failedAtStart.announcedBefore(verdict));
            failedAtStart = null;
        }
        List<CheckTransition> transitions = CheckTransition.between(announced, verdict);
        Set<CheckKey> toAnnounce = new HashSet<>();
        transitions.forEach(t -> toAnnounce.add(t.check()));
        Map<CheckKey, Outcome> next = new HashMap<>();
        verdict.outcomes().forEach((check, outcome) -> {
            Outcome held = announced.get(check);
            if (outcome == Outcome.ERROR || toAnnounce.contains(check)) {
                // Keep what was announced: ERROR tells nothing, and an event not yet sent is not announced.
                if (held != null) {
                    next.put(check, held);
                }
            } else {
                // Changes that are not events (PASS to WARN...) need no announcement: take them as announced.
                next.put(check, outcome);
            }
        });
        announced.clear();
        announced.putAll(next);
        for (CheckTransition transition : transitions) {
            api.createEvent(event(transition));
            announced.put(transition.check(), transition.to());
        }
    }

    /**
     * A core/v1 Event the way the kubelet writes one about its Node (involvedObject uid = node name),
     * naming the check's own benchmark.
     */
    private Event event(CheckTransition transition) {
        String now = KubeTime.format(clock.instant());
        long unique = clock.instant().toEpochMilli() * 1_000_000 + eventSequence.incrementAndGet() % 1_000_000;
        return new EventBuilder()
                .withNewMetadata()
                    .withName(eventName(node, unique))
                    .withNamespace(NodeApi.EVENT_NAMESPACE)
                .endMetadata()
                .withNewInvolvedObject()
                    .withKind("Node")
                    .withName(node)
                    .withUid(node)
                .endInvolvedObject()
                .withType(transition.type())
                .withReason(transition.reason())
                .withMessage(transition.message())
                .withNewSource("nodeward", node)
                .withReportingComponent("nodeward")
                .withReportingInstance(node)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .build();
    }

    /** Longest object name the API server accepts (a DNS subdomain). */
    static final int NAME_MAX_LENGTH = 253;

    /**
     * {@code <node>.<unique in hex>}, like the kubelet's event names. A node name may itself be
     * 253 characters long: then its end is cut off, and any {@code .} or {@code -} that the cut
     * leaves at the end is dropped, so the name stays a valid DNS subdomain (labels end alphanumeric).
     */
    static String eventName(String node, long unique) {
        String suffix = "." + Long.toHexString(unique);
        String prefix = node.length() + suffix.length() <= NAME_MAX_LENGTH
                ? node : node.substring(0, NAME_MAX_LENGTH - suffix.length());
        int end = prefix.length();
        while (end > 0 && (prefix.charAt(end - 1) == '.' || prefix.charAt(end - 1) == '-')) {
            end--;
        }
        return (end == 0 ? "node" : prefix.substring(0, end)) + suffix;
    }

    private static void attempt(List<ApiFailure> failures, Runnable write) {
        try {
            write.run();
        } catch (ApiFailure e) {
            failures.add(e);
        }
    }
}
