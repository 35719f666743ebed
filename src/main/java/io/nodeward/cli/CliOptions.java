package io.nodeward.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scan}'s command line, read as configuration: each option is the configuration key it stands
 * for ({@code --host-root} is {@code nodeward.host.root}), so options are just the highest-priority
 * source of the one configuration ({@link CliConfig}) and cannot mean anything the key does not.
 */
final class CliOptions {

    static final String USAGE = "usage: nodeward scan [--host-root DIR] [--proc-root DIR] [--format text|json|junit]"
            + " [--benchmarks-dir DIR] [--kubernetes-version 1.MINOR]";

    /** Option → configuration key. */
    static final Map<String, String> KEYS = Map.of(
            "--host-root", "nodeward.host.root",
            "--proc-root", "nodeward.host.proc",
            "--format", "nodeward.report.format",
            "--benchmarks-dir", "nodeward.benchmarks.dir",
            "--kubernetes-version", "nodeward.kubernetes.version");

    private CliOptions() {
    }

    /**
     * The options in {@code args} as configuration key → value; a later option replaces an earlier one.
     *
     * @throws CliSettings.UsageException with a one-line message for anything but known options with values
     */
    static Map<String, String> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new CliSettings.UsageException(USAGE);
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new CliSettings.UsageException("unexpected argument '" + arg + "'; " + USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new CliSettings.UsageException("unknown option " + arg + "; " + USAGE);
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                // The next argument is this option's value unless it is itself an option: then the
                // value is missing, rather than "--format" becoming a host root.
                value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "";
            }
            // Unknown before missing value: "--verbose" alone is an unknown option, not one short of a value.
            String key = KEYS.get(name);
            if (key == null) {
                throw new CliSettings.UsageException("unknown option " + name + "; " + USAGE);
            }
            if (value.isBlank()) {
                throw new CliSettings.UsageException("option " + name + " needs a value; " + USAGE);
            }
            values.put(key, value);
        }
        return values;
    }
}
