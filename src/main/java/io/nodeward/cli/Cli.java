package io.nodeward.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * nodeward's command line: {@code scan}, {@code list}, {@code version} and {@code serve} (also what no
 * arguments mean, as the image runs it), {@code cluster} (the cluster auditor), {@code --help} everywhere.
 * Only {@code serve} and {@code cluster} boot Quarkus and open ports; everything else runs and exits
 * before it. Parsed by picocli through its programmatic
 * API ({@link CommandSpec} built here), which needs no reflection in the native image.
 *
 * <p>Exit codes: 0 done (and help, version); 2 a usage or configuration error, one line on standard
 * error; {@code scan}'s {@code --exit-code} (default 1) when {@code --fail-on} or
 * {@code --fail-on-error} finds what they name ({@link FailOn}).
 */
public final class Cli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;

    /** What {@code main} does next: exit with a code, or boot the agent. */
    public sealed interface Outcome {
    }

    public record Exit(int code) implements Outcome {
    }

    public record Serve() implements Outcome {
    }

    /** Boot the cluster auditor ({@code nodeward cluster}). */
    public record ServeCluster() implements Outcome {
    }

    private Cli() {
    }

    public static Outcome run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return new Serve();
        }
        CommandLine commandLine = new CommandLine(spec());
        PrintWriter help = new PrintWriter(out, true, StandardCharsets.UTF_8);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("nodeward: " + ScanCommand.oneLine(e.getMessage()) + " (see '" + command + " --help')");
            return new Exit(EXIT_USAGE);
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested()) {
            leaf.commandSpec().commandLine().usage(help);
            return new Exit(EXIT_OK);
        }
        if (parsed.isVersionHelpRequested() || leaf.commandSpec().name().equals("version")) {
            out.println("nodeward " + BuildInfo.version());
            return new Exit(EXIT_OK);
        }
        return switch (leaf == parsed ? "" : leaf.commandSpec().name()) {
            case "scan" -> new Exit(ScanCommand.run(leaf, env, out, err));
            case "list" -> new Exit(ListCommand.run(leaf, env, out, err));
            case "serve" -> new Serve();
            case "cluster" -> new ServeCluster();
            default -> {
                // options without a command ("nodeward -x" is refused above): show what there is
                commandLine.usage(new PrintWriter(err, true, StandardCharsets.UTF_8));
                yield new Exit(EXIT_USAGE);
            }
        };
    }

    /** The command tree. */
    static CommandSpec spec() {
        CommandSpec root = CommandSpec.create().name("nodeward");
        root.usageMessage().description("Kubernetes node hardening: scans a node against CIS-style benchmarks.",
                "Without a command it runs the agent (serve).");
        root.addOption(help());
        root.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("print the version").build());
        root.addSubcommand("scan", ScanCommand.spec());
        root.addSubcommand("list", ListCommand.spec());
        root.addSubcommand("version", command("version", "print the version and exit"));
        root.addSubcommand("serve", command("serve", "run the agent: scan on change and on an interval, publish"
                + " metrics, node annotations, condition and events (configured by environment and properties)"));
        root.addSubcommand("cluster", command("cluster", "run the cluster auditor: judge the cluster's RBAC, service"
                + " accounts, namespaces and pods from the API (a Deployment with leader election: daemonset/cluster/)"));
        return root;
    }

    static CommandSpec command(String name, String description) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.usageMessage().description(description);
        spec.addOption(help());
        return spec;
    }

    static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build();
    }

    /** A comma-separated list option ({@code --check 1.1.1,4.2.4}), repeatable. */
    static OptionSpec list(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).description(description)
                .type(List.class).auxiliaryTypes(String.class).splitRegex(",").build();
    }

    /** The values of a list option, empty when not given. */
    static List<String> values(ParseResult parsed, String name) {
        List<String> values = parsed.matchedOptionValue(name, List.<String>of());
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
