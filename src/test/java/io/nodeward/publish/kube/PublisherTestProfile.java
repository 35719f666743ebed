package io.nodeward.publish.kube;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Publishing on, short backoff so retries happen within a test. */
public class PublisherTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "nodeward.publish.enabled", "true",
                "nodeward.node.name", "n1",
                "nodeward.publish.initial-backoff", "50ms",
                "nodeward.publish.max-backoff", "200ms",
                "quarkus.kubernetes-client.request-timeout", "1s");
    }
}
