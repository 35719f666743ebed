package io.nodeward.cli;

import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.host.NodeName;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.scan.Counts;
import io.nodeward.scan.ScanReport;
import io.nodeward.scan.Scanner;
import io.nodeward.scan.ScannerSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nodeward scan}: one scan of this machine (or of the tree under {@code --host-root}), one
 * report on standard output or in {@code --output-file}. Usage and configuration errors (bad options,
 * a malformed benchmark, an unknown check ID) print one line on standard error and exit 2. Findings
 * change the exit code only when asked ({@link FailOn}), so a CI pipeline can gate on them.
 */
public final class ScanCommand {

    private ScanCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Cli.command("scan", "scan this machine (or the node tree under --host-root) once and print"
                + " the report");
        CliOptions.specs(List.copyOf(CliOptions.KEYS.keySet())).forEach(spec::addOption);
        spec.addOption(Cli.list("--check", "ID[,ID...]", "report only these checks"));
        spec.addOption(Cli.list("--group", "ID[,ID...]", "report only the checks of these groups (e.g. 4.2, ports)"));
        spec.addOption(Cli.list("--skip", "ID[,ID...]", "report these checks or groups as SKIP"));
        spec.addOption(OptionSpec.builder("--output-file").paramLabel("PATH").type(String.class)
                .description("write the report to PATH (atomically) instead of standard output").build());
        spec.addOption(OptionSpec.builder("--fail-on").paramLabel("LEVEL").type(String.class)
                .description("exit with --exit-code when a check of this severity or worse fails:"
                        + " critical, high, medium, low or any").build());
        spec.addOption(OptionSpec.builder("--fail-on-error").arity("0")
                .description("exit with --exit-code when a check could not read its input (ERROR)").build());
        spec.addOption(OptionSpec.builder("--exit-code").paramLabel("N").type(int.class).defaultValue("1")
                .description("the exit code of a failing scan; default 1").build());
        return spec;
    }

    static int run(ParseResult parsed, Map<String, String> env, PrintStream out, PrintStream err) {
        CliSettings settings;
        Scanner scanner;
        ScanSelection selection;
        FailOn failOn;
        Optional<Path> outputFile;
        try {
            settings = CliSettings.of(CliOptions.values(parsed), env);
            selection = new ScanSelection(selected(parsed, "--check"), selected(parsed, "--group"), selected(parsed, "--skip"));
            failOn = FailOn.of(parsed.matchedOptionValue("--fail-on", null), parsed.hasMatchedOption("--fail-on-error"),
                    parsed.matchedOptionValue("--exit-code", 1));
            outputFile = outputFile(parsed.matchedOptionValue("--output-file", null));
            // As serve mode does, from the same configuration and the same kind of pod decision.
            NodeName node = new NodeName(settings.config(), settings.host(), settings.deployment());
            scanner = Scanner.create(ScannerSettings.of(settings.config(), settings.deployment(), settings.host(), node));
            selection.validate(scanner.benchmarks());
        } catch (CliSettings.UsageException | BenchmarkException e) {
            err.println("nodeward: " + oneLine(e.getMessage()));
            return Cli.EXIT_USAGE;
        }
        ScanReport report = selection.apply(scanner.scan(), scanner.benchmarks());
        String rendered = settings.format().render(report);
        if (outputFile.isPresent()) {
            try {
                writeAtomically(outputFile.get(), rendered);
            } catch (IOException e) {
                err.println("nodeward: cannot write " + outputFile.get() + ": " + IoErrors.describe(e));
                return Cli.EXIT_USAGE;
            }
            err.println("nodeward: report written to " + outputFile.get() + " (" + Counts.text(report.summary()) + ")");
        } else {
            out.print(rendered);
            out.flush();
        }
        return failOn.exitCodeFor(report);
    }

    private static java.util.Set<String> selected(ParseResult parsed, String option) {
        return new java.util.LinkedHashSet<>(Cli.values(parsed, option));
    }

    private static Optional<Path> outputFile(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new CliSettings.UsageException("option --output-file needs a value");
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isDirectory(path.getParent())) {
            throw new CliSettings.UsageException("--output-file " + value + ": " + path.getParent() + " is not a directory");
        }
        if (Files.isDirectory(path)) {
            throw new CliSettings.UsageException("--output-file " + value + " is a directory");
        }
        return Optional.of(path);
    }

    /**
     * Writes {@code text} beside {@code path} and renames it over {@code path}, so a reader (a CI step,
     * a watcher) sees the old report or the new one, never half of one. The file is private to the
     * user (it maps the node's weaknesses).
     */
    static void writeAtomically(Path path, String text) throws IOException {
        Path temporary = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The contract promises one line; a message may quote user input (a YAML value, a path) that holds a line break. */
    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
