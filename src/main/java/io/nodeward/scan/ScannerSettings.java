package io.nodeward.scan;

import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.host.NodeName;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a scanner needs, the same in CLI and serve mode: both build it with {@link #of}, from the
 * one configuration tree and the one decision about where the process runs.
 *
 * @param benchmarksDir     a directory of user benchmark folders and waivers, if any
 * @param kubernetesVersion the node's Kubernetes version (e.g. {@code v1.33.2}), which picks the CIS
 *                          benchmark through {@code benchmarks/version-map.yaml}; the map's default if unknown
 * @param kubeletExpected   whether this host certainly runs a kubelet (serve mode on a Kubernetes node):
 *                          then a kubelet we cannot see is an error (we are looking at the wrong process
 *                          table), not a node without one
 */
public record ScannerSettings(HostRoot root, Optional<Path> benchmarksDir, String nodeName,
                              Optional<String> kubernetesVersion, boolean kubeletExpected) {

    /** Settings for a host that may or may not run a kubelet (tests and benchmarks). */
    public ScannerSettings(HostRoot root, Optional<Path> benchmarksDir, String nodeName,
                           Optional<String> kubernetesVersion) {
        this(root, benchmarksDir, nodeName, kubernetesVersion, false);
    }

    /**
     * The scanner's settings in either mode. {@code root} and {@code node} are passed in rather than
     * made here because serve mode shares them with the publisher (one {@link NodeName} per process);
     * both come from {@code config} too ({@link #hostRoot}, {@link NodeName#NodeName(NodewardConfig, HostRoot, Deployment)}).
     */
    public static ScannerSettings of(NodewardConfig config, Deployment deployment, HostRoot root, NodeName node) {
        return new ScannerSettings(root, config.benchmarks().dir().map(Path::of), node.name(),
                config.kubernetes().version(), kubeletExpected(config.kubelet().expected(), deployment));
    }

    /** The host as configured: {@code nodeward.host.root}, {@code nodeward.host.proc} (default {@code <root>/proc}). */
    public static HostRoot hostRoot(NodewardConfig config) {
        Path root = Path.of(config.host().root());
        return new HostRoot(root, config.host().proc().map(Path::of).orElse(root.resolve("proc")));
    }

    /**
     * Whether this node certainly runs a kubelet: as configured ({@code nodeward.kubelet.expected}),
     * else when the agent runs in a pod, on a node whose kubelet started it
     * ({@link Deployment#agentOnItsNode()}).
     */
    static boolean kubeletExpected(Optional<Boolean> configured, Deployment deployment) {
        return configured.orElseGet(deployment::agentOnItsNode);
    }
}
