package io.nodeward.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool the tests depend on (kubectl, promtool). Tests only: main code never
 * shells out. A missing tool fails the test with how to get it, never skips it.
 */
public final class ExternalTool {

    /** What a finished command printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalTool() {
    }

    public static Result run(Path workDir, List<String> command) {
        return run(workDir, command, "");
    }

    /** Runs the command with {@code stdin} as its standard input. */
    public static Result run(Path workDir, List<String> command, String stdin) {
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
            Thread inPump = Thread.ofVirtual().start(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The tool exited without reading all of it; its exit code and output say why.
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within 120 s");
            }
            errPump.join();
            inPump.join();
            return new Result(process.exitValue(), out, errText.toString());
        } catch (IOException e) {
            return fail("reading the output of " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        }
    }

    /** Runs the command and fails the test, with its output, unless it exits 0. */
    public static String runOk(Path workDir, List<String> command) {
        return runOk(workDir, command, "");
    }

    /** Runs the command with {@code stdin} as its standard input; fails the test, with its output, unless it exits 0. */
    public static String runOk(Path workDir, List<String> command, String stdin) {
        Result result = run(workDir, command, stdin);
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
