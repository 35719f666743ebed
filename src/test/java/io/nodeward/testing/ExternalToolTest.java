package io.nodeward.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** A missing kubectl or promtool fails the deployment tests with how to get it; nothing is skipped. */
class ExternalToolTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void aMissingToolFailsTheTestAndSaysHowToInstallIt() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.run(HERE, List.of("promtool-not-installed-here", "check", "rules")));
        assertTrue(failure.getMessage().startsWith("promtool-not-installed-here is not installed or not on PATH"),
                failure.getMessage());
    }

    @Test
    void aToolThatExitsNonZeroFailsTheTestWithItsOutput() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.runOk(HERE, List.of("kubectl", "kustomize", "no-such-directory")));
        assertTrue(failure.getMessage().startsWith("kubectl kustomize no-such-directory exited 1"), failure.getMessage());
    }

    @Test
    void returnsWhatTheToolPrinted() {
        assertEquals("nodeward\n", ExternalTool.runOk(HERE, List.of("echo", "nodeward")));
    }

    @Test
    void givesTheToolItsStandardInput() {
        assertEquals("nodeward_checks 1\n", ExternalTool.runOk(HERE, List.of("cat"), "nodeward_checks 1\n"));
    }
}
