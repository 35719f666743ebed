package io.nodeward.scan;

import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.host.NodeName;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Serve mode's scanner, configured like the CLI's ({@link ScannerSettings#of}). Benchmarks are loaded
 * and validated here, at start: a malformed benchmark stops the agent with the file, line and check in
 * the message.
 */
public class ScannerProducer {

    private static final Logger LOG = Logger.getLogger(ScannerProducer.class);

    /** The host as configured, one per process: the scanner and the node's name read the same tree. */
    @Produces
    @Singleton
    HostRoot hostRoot(NodewardConfig config) {
        return ScannerSettings.hostRoot(config);
    }

    @Produces
    @Singleton
    NodeScanner scanner(NodewardConfig config, Deployment deployment, HostRoot host, NodeName nodeName) {
        Scanner scanner = Scanner.create(ScannerSettings.of(config, deployment, host, nodeName));
        LOG.infof("scanning node %s: host root %s, proc %s, benchmarks loaded %s (chosen per scan by distribution"
                + " and version)", nodeName.name(), host.root(), host.proc(),
                scanner.benchmarkIds());
        return scanner;
    }
}
