package io.nodeward.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Serve mode with the {@link ScriptedScanner}: a periodic interval long enough that only the first
 * scan, {@code scanNow()} and file changes scan; a short debounce; random free ports.
 */
public class ScriptedScannerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("nodeward-test.scripted-scanner", "true");
        config.put("nodeward.scan.interval", "1h");
        config.put("nodeward.scan.debounce", "200ms");
        config.put("quarkus.http.test-port", "0");
        config.put("quarkus.management.test-port", "0");
        config.put("quarkus.application.version", "0.1.0-test");
        return config;
    }

    /** The same, with the first scan held until the test calls {@link ScriptedScanner#releaseFirstScan()}. */
    public static class HoldingFirstScan extends ScriptedScannerProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("nodeward-test.hold-first-scan", "true");
            return config;
        }
    }
}
