package io.nodeward.publish.kube;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Publishing on, short backoff so retries happen within a test. The tests hand the publisher their
 * own reports; the agent's scheduler must not publish scans of its own in between, so its scanner
 * is the scripted one with the first scan held (and the next one an hour away).
 */
public class PublisherTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "nodeward.publish.enabled", "true",
                "nodeward.node.name", "n1",
                "nodeward.publish.initial-backoff", "50ms",
                "nodeward.publish.max-backoff", "200ms",
                "quarkus.kubernetes-client.request-timeout", "1s",
                "nodeward-test.scripted-scanner", "true",
                "nodeward-test.hold-first-scan", "true",
                "nodeward.scan.interval", "1h");
    }
}
