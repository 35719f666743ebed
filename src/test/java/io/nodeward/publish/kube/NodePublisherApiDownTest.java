package io.nodeward.publish.kube;

import io.nodeward.scan.ScanCompleted;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.FAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(ApiDownProfile.class)
class NodePublisherApiDownTest {

    @Inject
    NodePublisher publisher;

    @Inject
    RecordingPublishOutcomes outcomes;

    @Inject
    Event<ScanCompleted> scans;

    @Test
    void anUnreachableApiServerCostsTheScannerNothingAndIsCountedPerAttempt() throws Exception {
        publisher.awaitIdle();
        outcomes.clear();

        long start = System.nanoTime();
        scans.fire(new ScanCompleted(report(Instant.parse("2025-06-01T10:00:00Z"), check("4.2.4", FAIL))));
        long firedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        publisher.awaitIdle();

        assertTrue(publisher.active());
        assertTrue(firedMillis < 200, firedMillis + " ms");
        assertEquals(List.of("node unreachable", "node unreachable", "node unreachable", "node unreachable",
                "node ERROR"), outcomes.recorded());
    }
}
