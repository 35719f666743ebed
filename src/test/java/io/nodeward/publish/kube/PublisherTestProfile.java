package io.nodeward.publish.kube;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Publishing on, short backoff so retries happen within a test. The tests publish the reports they
 * build; the scan loop must not publish anything of its own in between (with the real scanner it
 * would publish this build machine's scan to the test's Node). So the scripted scanner holds its
 * first scan, and the interval is too long for a second.
 */
public class PublisherTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "nodeward-test.scripted-scanner", "true",
                "nodeward-test.hold-first-scan", "true",
                "nodeward.scan.interval", "1h",
                "nodeward.publish.enabled", "true",
                "nodeward.node.name", "n1",
                "nodeward.publish.initial-backoff", "50ms",
                "nodeward.publish.max-backoff", "200ms",
                "quarkus.kubernetes-client.request-timeout", "1s");
    }
}
