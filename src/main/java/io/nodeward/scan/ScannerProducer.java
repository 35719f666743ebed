package io.nodeward.scan;

import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.host.NodeName;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Serve mode's scanner, configured like the CLI's. Benchmarks are loaded and validated here, at
 * start: a malformed benchmark stops the agent with the file, line and check in the message.
 */
public class ScannerProducer {

    private static final Logger LOG = Logger.getLogger(ScannerProducer.class);

    /** The host as configured: {@code nodeward.host.root}, {@code nodeward.host.proc} (default {@code <root>/proc}). */
    @Produces
    @Singleton
    HostRoot hostRoot(NodewardConfig config) {
        Path root = Path.of(config.host().root());
        return new HostRoot(root, config.host().proc().map(Path::of).orElse(root.resolve("proc")));
    }

    @Produces
    @Singleton
    NodeScanner scanner(NodewardConfig config, HostRoot host, NodeName nodeName) {
        String node = nodeName.name();
        ScannerSettings settings = new ScannerSettings(host, config.benchmarks().dir().map(Path::of), node,
                config.kubernetes().version(), kubeletExpected(config.kubelet().expected(), System.getenv()));
        Scanner scanner = Scanner.create(settings);
        LOG.infof("scanning node %s: host root %s, proc %s, benchmarks %s", node, host.root(), host.proc(),
                scanner.benchmarkIds());
        return scanner;
    }

    /**
     * Whether this node certainly runs a kubelet: as configured ({@code nodeward.kubelet.expected}),
     * else when we run in a pod, which Kubernetes tells every container through
     * {@code KUBERNETES_SERVICE_HOST}. A pod runs on a node whose kubelet started it.
     */
    static boolean kubeletExpected(Optional<Boolean> configured, Map<String, String> environment) {
        return configured.orElseGet(() -> environment.containsKey("KUBERNETES_SERVICE_HOST"));
    }
}
