package io.nodeward.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The application as {@code nodeward cluster} runs it, paced for a test: one replica, short lease, quick debounce. */
public class ClusterModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "nodeward.mode", "cluster",
                "nodeward.cluster.name", "test-cluster",
                "nodeward.cluster.identity", "nodeward-cluster-test",
                "nodeward.cluster.lease-namespace", "nodeward",
                "nodeward.cluster.lease-duration", "3s",
                "nodeward.cluster.renew-deadline", "2s",
                "nodeward.cluster.retry-period", "500ms",
                "nodeward.cluster.debounce", "200ms");
    }

    /** The same, in an application of its own (a different profile makes Quarkus start another). */
    public static class Isolated extends ClusterModeProfile {
    }
}
