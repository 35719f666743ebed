package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool the deployment tests depend on (kubectl, promtool). Tests only: main
 * code never shells out. A missing tool fails the test with how to get it, never skips it.
 */
final class ExternalTool {

    /** What a finished command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalTool() {
    }

    static Result run(Path workDir, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        } catch (IOException e) {
            return fail(command.get(0) + " is not installed or not on PATH (" + e.getMessage() + "). "
                    + hint(command.get(0)));
        }
        try {
            // Read both streams concurrently so a chatty tool cannot block on a full pipe.
            var stderr = process.errorReader(StandardCharsets.UTF_8);
            var errText = new StringBuilder();
            Thread errPump = Thread.ofVirtual().start(() -> stderr.lines().forEach(l -> errText.append(l).append('\n')));
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within 120 s");
            }
            errPump.join();
            return new Result(process.exitValue(), out, errText.toString());
        } catch (IOException e) {
            return fail("reading the output of " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        }
    }

    /** Runs the command and fails the test, with its output, unless it exits 0. */
    static String runOk(Path workDir, List<String> command) {
        Result result = run(workDir, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.exitCode() + "\nstdout:\n" + result.stdout()
                    + "\nstderr:\n" + result.stderr());
        }
        return result.stdout();
    }

    private static String hint(String tool) {
        return switch (tool) {
            case "promtool" -> "Run scripts/install-test-deps.sh (Debian package `prometheus`).";
            case "kubectl" -> "Install kubectl (it carries kustomize: `kubectl kustomize`).";
            default -> "Install it and re-run the tests.";
        };
    }
}
