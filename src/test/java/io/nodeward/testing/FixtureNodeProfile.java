package io.nodeward.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serve mode as deployed, with the real scanner and the built-in benchmarks, on a {@link FixtureNode}:
 * an interval long enough that only the first scan, {@code scanNow()} and file changes scan, a short
 * debounce, random free ports. Publishing stays off (the test default) unless a subclass turns it on.
 */
public class FixtureNodeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("nodeward.scan.interval", "1h");
        config.put("nodeward.scan.debounce", "300ms");
        config.put("quarkus.http.test-port", "0");
        config.put("quarkus.management.test-port", "0");
        config.put("quarkus.application.version", "0.1.0-test");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FixtureNode.class));
    }
}
