package io.nodeward.testing;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real {@code promtool} (Debian's {@code prometheus} package) judging what the agent exports. */
public final class Promtool {

    private Promtool() {
    }

    /**
     * Fails unless {@code promtool check metrics} finds nothing to say about {@code exposition}
     * (Prometheus text format 0.0.4): it exits 0 and prints nothing when every family is clean.
     */
    public static void assertCleanMetrics(String exposition) {
        ExternalTool.Result result = ExternalTool.run(Path.of("").toAbsolutePath(),
                List.of("promtool", "check", "metrics"), exposition.endsWith("\n") ? exposition : exposition + "\n");
        assertEquals("", result.stdout() + result.stderr(), "promtool check metrics complained about\n" + exposition);
        assertEquals(0, result.exitCode(), "promtool check metrics exit code");
    }
}
