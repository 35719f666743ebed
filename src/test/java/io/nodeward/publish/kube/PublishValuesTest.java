package io.nodeward.publish.kube;

import io.nodeward.scan.BoundedList;
import io.nodeward.scan.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of publishing: bounded lists, merge-patch deltas, transitions, backoff. */
class PublishValuesTest {

    private static final Instant T = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void aListThatFitsIsJoinedWithCommas() {
        assertEquals("4.2.1,4.2.4", BoundedList.join(List.of("4.2.1", "4.2.4"), 11));
    }

    @Test
    void aListThatDoesNotFitEndsWithAnEllipsisAndTheNumberLeftOut() {
        assertEquals("4.2.1,…+2", BoundedList.join(List.of("4.2.1", "4.2.4", "4.2.6"), 12));
        assertEquals("4.2.1,4.2.4,…+1", BoundedList.join(List.of("4.2.1", "4.2.4", "4.2.6"), 16));
        assertEquals("…+3", BoundedList.join(List.of("4.2.1", "4.2.4", "4.2.6"), 5));
    }

    @Test
    void aLimitTooShortForTheCountIsStillHonoured() {
        List<String> ids = List.of("4.2.1", "4.2.4", "4.2.6");
        assertEquals("…", BoundedList.join(ids, 2));
        assertEquals("…", BoundedList.join(ids, 1));
        assertEquals("", BoundedList.join(ids, 0));
        assertEquals("…+3", BoundedList.join(ids, 3));
    }

    @Test
    void theFailedAnnotationBoundIsCheckedAtStartWithTheKeyInTheMessage() {
        assertEquals(64, NodeAnnotations.checkedFailedMaxLength(64));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> NodeAnnotations.checkedFailedMaxLength(10));
        assertEquals("nodeward.publish.failed-annotation-max-length is 10; it must be between 64 and 65536",
                tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeAnnotations.checkedFailedMaxLength(65_537));
    }

    @Test
    void anEventNameIsTheNodeNameAndAHexSuffix() {
        assertEquals("worker-7.ff", NodeSync.eventName("worker-7", 255));
    }

    @Test
    void anEventNameForTheLongestNodeNameIsCutToAValidDnsSubdomain() {
        // 253 characters in labels of up to 63, the cut (236 + ".<16 hex digits>") landing just after a '-'.
        String node = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(43) + "-" + "e".repeat(17));
        long unique = 1_748_772_000_000_000_001L;
        String suffix = "." + Long.toHexString(unique);
        String cutAt = node.substring(0, 253 - suffix.length());

        String name = NodeSync.eventName(node, unique);

        assertEquals(253, node.length());
        assertTrue(name.length() <= 253, name.length() + ": " + name);
        assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"), name);
        assertTrue(cutAt.endsWith("d-"), cutAt);
        assertEquals(cutAt.substring(0, cutAt.length() - 1) + suffix, name);
    }

    @Test
    void theDeltaHoldsChangedKeysAndNullsOurStaleOnes() {
        Map<String, String> delta = NodeAnnotations.delta(
                Map.of("nodeward.io/status", "fail", "nodeward.io/failed", "4.2.4", "nodeward.io/summary", "s"),
                Map.of("nodeward.io/status", "pass", "nodeward.io/summary", "s"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nodeward.io/status", "pass");
        expected.put("nodeward.io/failed", null);
        assertEquals(expected, delta);
    }

    @Test
    void theRoleAndDistributionAreAnnotatedOnlyWhenTheScanToldThem() {
        Map<String, String> unknown = NodeAnnotations.desired(NodeVerdict.of(report(T, check("4.2.1", PASS))), T, 1024);
        assertEquals(List.of("nodeward.io/benchmark", "nodeward.io/changed-at", "nodeward.io/status", "nodeward.io/summary"),
                List.copyOf(unknown.keySet()));
    }

    @Test
    void aLongDistributionEvidenceIsCutSoTheNodeStaysSmall() {
        String evidence = "e".repeat(2_000);
        Map<String, String> desired = NodeAnnotations.desired(NodeVerdict.of(Reports.report(T, "control-plane",
                new io.nodeward.scan.NodeDistribution("kubeadm", "kubeadm", evidence), "cis-1.12",
                check("4.2.1", PASS))), T, 1024);
        assertEquals("control-plane", desired.get("nodeward.io/role"));
        assertEquals("kubeadm", desired.get("nodeward.io/distribution"));
        assertEquals("e".repeat(511) + "…", desired.get("nodeward.io/distribution-evidence"));
    }

    @Test
    void equalAnnotationsNeedNoPatch() {
        assertTrue(NodeAnnotations.delta(Map.of("nodeward.io/status", "pass"), Map.of("nodeward.io/status", "pass")).isEmpty());
    }

    @Test
    void onlyStartingAndStoppingToFailAreTransitions() {
        Map<CheckKey, Outcome> before = Map.of(cis("a"), PASS, cis("b"), FAIL, cis("c"), PASS);
        NodeVerdict now = NodeVerdict.of(report(T, check("a", FAIL), check("b", WARN), check("c", WARN),
                check("d", FAIL), check("e", PASS)));
        assertEquals(List.of(new CheckTransition(cis("a"), "a", PASS, FAIL), new CheckTransition(cis("b"), "b", FAIL, WARN),
                new CheckTransition(cis("d"), "d", null, FAIL)), CheckTransition.between(before, now));
    }

    @Test
    void theSameIdInTwoBenchmarksIsTwoChecksNamedWithTheirBenchmark() {
        NodeVerdict verdict = NodeVerdict.of(report(T, check("cis-1.12", "5.1", FAIL), check("acme-1.0", "5.1", PASS),
                check("4.2.4", FAIL)));

        assertEquals(Map.of(cis("5.1"), FAIL, new CheckKey("acme-1.0", "5.1"), PASS, cis("4.2.4"), FAIL), verdict.outcomes());
        assertEquals(List.of("cis-1.12/5.1", "4.2.4"), verdict.failing());
        assertEquals("2 failing: cis-1.12/5.1,4.2.4", verdict.condition().message());
    }

    @Test
    void aRecoveryInOneBenchmarkIsNotHiddenByTheSameIdFailingInAnother() {
        Map<CheckKey, Outcome> before = Map.of(cis("5.1"), FAIL, new CheckKey("acme-1.0", "5.1"), PASS);
        NodeVerdict now = NodeVerdict.of(report(T, check("cis-1.12", "5.1", PASS), check("acme-1.0", "5.1", FAIL)));

        assertEquals(List.of("Normal check cis-1.12/5.1 (cis-1.12) no longer fails: pass",
                "Warning check acme-1.0/5.1 (acme-1.0) is failing"), CheckTransition.between(before, now).stream()
                .map(t -> t.type() + " " + t.message()).toList());
    }

    @Test
    void theFailedAnnotationReadAtStartSaysWhichChecksWereFailingAndWhetherItWasCut() {
        assertEquals(new FailedAnnotation(java.util.Set.of("4.2.1", "4.2.4"), true), FailedAnnotation.parse("4.2.1,4.2.4,…+12"));
        assertEquals(new FailedAnnotation(java.util.Set.of(), true), FailedAnnotation.parse("…"));
        assertEquals(new FailedAnnotation(java.util.Set.of("4.2.1"), false), FailedAnnotation.parse("4.2.1"));
        assertEquals(new FailedAnnotation(java.util.Set.of(), false), FailedAnnotation.parse(null));
    }

    @Test
    void aPrimaryBenchmarkWithOnlySkipsIsNotAPassEvenWhenOtherChecksPass() {
        NodeVerdict verdict = NodeVerdict.of(report(T, check("4.2.1", SKIP), check("4.2.4", SKIP),
                check("nodeward-1.0", "ssh-root-login", PASS)));

        assertEquals("error", verdict.status());
        assertEquals("pass=1 fail=0 warn=0 skip=2 error=0", verdict.summary());
    }

    @Test
    void theNothingEvaluatedMessageCountsOnlyThePrimaryBenchmarksChecks() {
        NodeVerdict verdict = NodeVerdict.of(report(T, check("4.2.1", SKIP), check("4.2.4", WARN),
                check("nodeward-1.0", "ssh-root-login", PASS), check("nodeward-1.0", "ssh-password-auth", PASS)));

        assertEquals(new HardenedCondition("Unknown", "NothingEvaluated", "no cis-1.12 check passed or failed "
                + "(pass=0 fail=0 warn=1 skip=1 error=0): is the kubelet running, and does nodeward see the host "
                + "(host root, hostPID)?"), verdict.condition());
        assertEquals("pass=2 fail=0 warn=1 skip=1 error=0", verdict.summary());
    }

    @Test
    void onePassOfThePrimaryBenchmarkIsEnoughForTrue() {
        NodeVerdict verdict = NodeVerdict.of(report(T, check("4.2.1", SKIP), check("4.2.4", PASS)));

        assertEquals("pass", verdict.status());
        assertEquals("True", verdict.condition().status());
    }

    private static CheckKey cis(String id) {
        return new CheckKey("cis-1.12", id);
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(256),
                Duration.ofMinutes(5)), List.of(backoff.ceiling(1), backoff.ceiling(2), backoff.ceiling(3),
                backoff.ceiling(9), backoff.ceiling(10)));
        assertEquals(Duration.ofMillis(999), backoff.failed());
        assertEquals(Duration.ofMillis(1998), backoff.failed());
        backoff.succeeded();
        assertEquals(Duration.ofMillis(999), backoff.failed());
    }

    @Test
    void fullJitterCanWaitNothingAtAll() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0).failed());
    }
}
