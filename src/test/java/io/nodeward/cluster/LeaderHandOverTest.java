package io.nodeward.cluster;

import static io.nodeward.cluster.ClusterFixtures.KUBEADM;
import static io.nodeward.cluster.ClusterFixtures.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.watch.LeaderLoop;
import io.nodeward.scan.Outcome;
import io.nodeward.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Two replicas against one API server: one leads and audits, the other stands by watching nothing; the
 * leader's report follows a change; when the leader stops it releases the Lease and the other takes over
 * and audits; a leader that died without releasing is replaced once its lease has expired.
 */
class LeaderHandOverTest {

    private static final String NAMESPACE = "nodeward";
    private static final String LEASE = "nodeward-cluster";

    private CrudApiServer api;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void seed() {
        api = new CrudApiServer();
        api.seed(ClusterFixtures.manifests(KUBEADM, SEED));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        api.close();
    }

    private ClusterAuditor replica(String identity) {
        KubernetesClient client = api.client();
        ClusterAuditor auditor = new ClusterAuditor(client, ClusterFixtures.audit(),
                new LeaderLoop.Settings(NAMESPACE, LEASE, identity, Duration.ofSeconds(2), Duration.ofMillis(1500),
                        Duration.ofMillis(200)),
                new ClusterAuditor.Pacing(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofHours(1), 500),
                report -> { }, () -> { });
        closing.add(client);
        closing.add(auditor);
        return auditor;
    }

    private Lease lease() {
        try (KubernetesClient client = api.client()) {
            return client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        }
    }

    private static Outcome outcome(ClusterReport report, String check) {
        return report.results().stream().filter(r -> r.id().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void oneLeadsTheOtherTakesOverWhenItStops() throws Exception {
        ClusterAuditor a = replica("nodeward-cluster-a");
        a.start();
        Eventually.holds(() -> assertTrue(a.latest().isPresent(), "a has audited"));
        ClusterAuditor b = replica("nodeward-cluster-b");
        b.start();
        Eventually.holds(() -> assertEquals("nodeward-cluster-a", lease().getSpec().getHolderIdentity()));
        assertTrue(a.isLeader());
        assertFalse(b.isLeader());
        assertTrue(b.latest().isEmpty(), "the follower does not audit");
        assertEquals(Outcome.FAIL, outcome(a.latest().get(), "rbac-wildcard-binding"));

        try (KubernetesClient client = api.client()) {
            client.rbac().roleBindings().inNamespace("development").withName("MyDevUser").delete();
        }
        Eventually.holds(() -> assertEquals(Outcome.PASS, outcome(a.latest().orElseThrow(), "rbac-wildcard-binding")));

        a.close();
        assertFalse(a.isLeader());
        assertTrue(a.latest().isEmpty(), "a dropped its report with the lead");
        Eventually.holds(() -> assertTrue(b.latest().isPresent(), "b has audited"));
        assertTrue(b.isLeader());
        assertEquals("nodeward-cluster-b", lease().getSpec().getHolderIdentity());
        assertEquals(Outcome.PASS, outcome(b.latest().get(), "rbac-wildcard-binding"));
        assertEquals(Outcome.FAIL, outcome(b.latest().get(), "ns-network-policy"));
    }

    @Test
    void aLeaderThatDiedIsReplacedWhenItsLeaseExpires() throws Exception {
        ZonedDateTime renewed = ZonedDateTime.now(ZoneOffset.UTC);
        try (KubernetesClient client = api.client()) {
            client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                    .withNewMetadata().withName(LEASE).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withHolderIdentity("nodeward-cluster-crashed").withLeaseDurationSeconds(2)
                    .withAcquireTime(renewed.minusMinutes(5)).withRenewTime(renewed).withLeaseTransitions(3).endSpec()
                    .build()).create();
        }
        ClusterAuditor b = replica("nodeward-cluster-b");
        b.start();
        Eventually.holds(() -> assertTrue(b.isLeader(), "b leads"));
        Eventually.holds(() -> assertTrue(b.latest().isPresent(), "b has audited"));
        Lease lease = lease();
        assertEquals("nodeward-cluster-b", lease.getSpec().getHolderIdentity());
        assertEquals(4, lease.getSpec().getLeaseTransitions());
        assertFalse(ZonedDateTime.now(ZoneOffset.UTC).isBefore(renewed.plusSeconds(2)),
                "not taken before the crashed leader's lease expired");
        assertEquals(Outcome.FAIL, outcome(b.latest().get(), "rbac-wildcard-binding"));
    }
}
