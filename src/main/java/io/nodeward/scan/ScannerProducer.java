package io.nodeward.scan;

import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.host.NodeName;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Serve mode's scanner, configured like the CLI's. Benchmarks are loaded and validated here, at
 * start: a malformed benchmark stops the agent with the file, line and check in the message.
 */
public class ScannerProducer {

    private static final Logger LOG = Logger.getLogger(ScannerProducer.class);

    @Produces
    @Singleton
    NodeScanner scanner(NodewardConfig config) {
        Path root = Path.of(config.host().root());
        HostRoot host = new HostRoot(root, config.host().proc().map(Path::of).orElse(root.resolve("proc")));
        String node = NodeName.resolve(host, config.node().name());
        ScannerSettings settings = new ScannerSettings(host, config.benchmarks().dir().map(Path::of), node,
                config.kubernetes().version());
        Scanner scanner = Scanner.create(settings);
        LOG.infof("scanning node %s: host root %s, proc %s, benchmarks %s", node, host.root(), host.proc(),
                scanner.benchmarkIds());
        return scanner;
    }
}
