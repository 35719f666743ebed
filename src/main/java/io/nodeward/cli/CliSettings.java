package io.nodeward.cli;

import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.report.ReportFormat;
import io.nodeward.scan.ScannerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code scan} was asked to do: the one configuration tree serve mode also reads (options on top,
 * see {@link CliConfig}), where this process runs, and the values the CLI checks before scanning, so
 * that a typo in a path or format is a one-line usage error rather than a report about nothing.
 *
 * @param config     the configuration, as in serve mode
 * @param deployment the CLI's one decision about where it runs
 * @param host       {@code nodeward.host.root} and {@code .proc}, both existing directories
 * @param format     {@code nodeward.report.format}
 */
public record CliSettings(NodewardConfig config, Deployment deployment, HostRoot host, ReportFormat format) {

    /**
     * The settings for the configuration options given ({@link CliOptions#values}) in {@code env}; a bad
     * value throws {@link UsageException} with a one-line message.
     */
    static CliSettings of(Map<String, String> options, Map<String, String> env) {
        NodewardConfig config = CliConfig.load(options, env);
        HostRoot host = ScannerSettings.hostRoot(config);
        String formatName = config.report().format();
        ReportFormat format = ReportFormat.named(formatName).orElseThrow(() ->
                new UsageException("unknown format '" + formatName + "'; use text, brief, json or junit"));
        requireDirectory(host.root(), "--host-root");
        if (config.host().proc().isPresent()) {
            requireDirectory(host.proc(), "--proc-root");
        } else if (!Files.isDirectory(host.proc())) {
            // Say where the path came from: the user never typed it.
            throw new UsageException(host.proc() + " is not a directory (--proc-root defaults to <host-root>/proc)");
        }
        config.benchmarks().dir().map(Path::of).ifPresent(dir -> requireDirectory(dir, "--benchmarks-dir"));
        return new CliSettings(config, Deployment.cli(env), host, format);
    }

    public Path hostRoot() {
        return host.root();
    }

    public Path procRoot() {
        return host.proc();
    }

    private static void requireDirectory(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
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
