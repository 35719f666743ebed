package io.nodeward.cli;

import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.host.NodeName;
import io.nodeward.scan.ScanReport;
import io.nodeward.scan.Scanner;
import io.nodeward.scan.ScannerSettings;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code nodeward scan}: one scan of this machine (or of the tree under {@code --host-root}), one
 * report on standard output, exit 0. Usage and configuration errors (bad options, a malformed
 * benchmark) print one line on standard error and exit 2. Findings never change the exit code:
 * the report is the result, and a CI gate can read the JUnit or JSON output.
 */
public final class ScanCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;

    private ScanCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CliSettings settings;
        Scanner scanner;
        try {
            settings = CliSettings.parse(args, env);
            // As serve mode does, from the same configuration and the same kind of pod decision.
            NodeName node = new NodeName(settings.config(), settings.host(), settings.deployment());
            scanner = Scanner.create(ScannerSettings.of(settings.config(), settings.deployment(), settings.host(), node));
        } catch (CliSettings.UsageException | BenchmarkException e) {
            err.println("nodeward: " + oneLine(e.getMessage()));
            return EXIT_USAGE;
        }
        ScanReport report = scanner.scan();
        out.print(settings.format().render(report));
        out.flush();
        return EXIT_OK;
    }

    /** The contract promises one line; a message may quote user input (a YAML value, a path) that holds a line break. */
    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
