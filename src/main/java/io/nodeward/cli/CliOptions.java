package io.nodeward.cli;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code scan} (and {@code list}) that are configuration: each stands for the
 * configuration key it sets ({@code --host-root} is {@code nodeward.host.root}), so options are just
 * the highest-priority source of the one configuration ({@link CliConfig}) and cannot mean anything
 * the key does not.
 */
final class CliOptions {

    /** Option → configuration key, in the order {@code --help} lists them. */
    static final Map<String, String> KEYS = orderedKeys();

    private static final Map<String, String[]> HELP = Map.of(
            "--host-root", new String[]{"DIR", "the host's root (in the DaemonSet: /host); default /"},
            "--proc-root", new String[]{"DIR", "the host's /proc; default <host-root>/proc"},
            "--format", new String[]{"FORMAT", "text, brief (only FAIL, WARN and ERROR), json or junit; default text"},
            "--benchmarks-dir", new String[]{"DIR", "your own benchmarks and waivers, beside the built-in ones"},
            "--kubernetes-version", new String[]{"1.MINOR", "select the benchmark for this Kubernetes version"});

    private CliOptions() {
    }

    private static Map<String, String> orderedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("--host-root", "nodeward.host.root");
        keys.put("--proc-root", "nodeward.host.proc");
        keys.put("--format", "nodeward.report.format");
        keys.put("--benchmarks-dir", "nodeward.benchmarks.dir");
        keys.put("--kubernetes-version", "nodeward.kubernetes.version");
        return keys;
    }

    /** The picocli options for {@code names} (a subset of {@link #KEYS}). */
    static List<OptionSpec> specs(List<String> names) {
        return names.stream().map(name -> OptionSpec.builder(name)
                .paramLabel(HELP.get(name)[0]).description(HELP.get(name)[1]).type(String.class).build()).toList();
    }

    /**
     * The configuration options given in {@code parsed} as configuration key → value (the last of
     * repeated ones).
     *
     * @throws CliSettings.UsageException when one is given an empty value
     */
    static Map<String, String> values(ParseResult parsed) {
        Map<String, String> values = new LinkedHashMap<>();
        KEYS.forEach((option, key) -> {
            if (parsed.hasMatchedOption(option)) {
                String value = parsed.matchedOptionValue(option, "");
                if (value.isBlank()) {
                    throw new CliSettings.UsageException("option " + option + " needs a value");
                }
                values.put(key, value);
            }
        });
        return values;
    }
}
