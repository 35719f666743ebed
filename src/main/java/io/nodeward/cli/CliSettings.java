package io.nodeward.cli;

import io.nodeward.report.ReportFormat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code scan} was asked to do. Each setting comes from its option, else the same
 * configuration key serve mode uses (as a system property or its environment variable), else
 * the default, so {@code NODEWARD_HOST_ROOT=/host} means the same in both modes.
 *
 * @param kubeletExpected {@code nodeward.kubelet.expected} (no option): whether a kubelet we cannot see
 *                        is an error rather than a host without one. Serve mode defaults it to "in a
 *                        pod"; the CLI to false, since it is run as often on a machine without a kubelet
 */
public record CliSettings(Path hostRoot, Path procRoot, ReportFormat format, Optional<Path> benchmarksDir,
                          Optional<String> kubernetesVersion, Optional<String> nodeName, boolean kubeletExpected) {

    static final String USAGE = "usage: nodeward scan [--host-root DIR] [--proc-root DIR] [--format text|json|junit]"
            + " [--benchmarks-dir DIR] [--kubernetes-version 1.MINOR]";

    private static final java.util.Set<String> OPTIONS =
            java.util.Set.of("--host-root", "--proc-root", "--format", "--benchmarks-dir", "--kubernetes-version");

    /** Parses {@code scan}'s arguments; a bad argument throws {@link UsageException} with a one-line message. */
    public static CliSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException(USAGE);
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageException("unexpected argument '" + arg + "'; " + USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg + "; " + USAGE);
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
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option " + name + "; " + USAGE);
            }
            if (value.isBlank()) {
                throw new UsageException("option " + name + " needs a value; " + USAGE);
            }
            options.put(name, value);
        }
        Path hostRoot = Path.of(setting(options, "--host-root", "nodeward.host.root", env).orElse("/"));
        Optional<Path> procSetting = setting(options, "--proc-root", "nodeward.host.proc", env).map(Path::of);
        Path procRoot = procSetting.orElse(hostRoot.resolve("proc"));
        String formatName = setting(options, "--format", "nodeward.report.format", env).orElse("text");
        ReportFormat format = ReportFormat.named(formatName).orElseThrow(() ->
                new UsageException("unknown format '" + formatName + "'; use text, json or junit"));
        requireDirectory(hostRoot, "--host-root");
        if (procSetting.isPresent()) {
            requireDirectory(procRoot, "--proc-root");
        } else if (!java.nio.file.Files.isDirectory(procRoot)) {
            // Say where the path came from: the user never typed it.
            throw new UsageException(procRoot + " is not a directory (--proc-root defaults to <host-root>/proc)");
        }
        Optional<Path> benchmarks = setting(options, "--benchmarks-dir", "nodeward.benchmarks.dir", env).map(Path::of);
        benchmarks.ifPresent(dir -> requireDirectory(dir, "--benchmarks-dir"));
        Optional<String> version = setting(options, "--kubernetes-version", "nodeward.kubernetes.version", env);
        Optional<String> node = Optional.ofNullable(env.get("NODE_NAME")).filter(s -> !s.isBlank());
        boolean kubeletExpected = bool(setting(Map.of(), "", "nodeward.kubelet.expected", env), "nodeward.kubelet.expected")
                .orElse(false);
        return new CliSettings(hostRoot, procRoot, format, benchmarks, version, node, kubeletExpected);
    }

    /** Strictly true or false: a typo must not silently mean false. */
    private static Optional<Boolean> bool(Optional<String> value, String key) {
        return value.map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException(key + " must be true or false, not '" + v + "'");
        });
    }

    private static Optional<String> setting(Map<String, String> options, String option, String key, Map<String, String> env) {
        String value = options.get(option);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = env.get(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }

    private static void requireDirectory(Path dir, String option) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + " is not a directory");
        }
    }

    /** A usage or configuration error: printed as one line, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
