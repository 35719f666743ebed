package io.nodeward.scan;

import io.nodeward.host.HostRoot;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a scanner needs, the same in CLI and serve mode.
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

    /** Settings for a host that may or may not run a kubelet (the CLI). */
    public ScannerSettings(HostRoot root, Optional<Path> benchmarksDir, String nodeName,
                           Optional<String> kubernetesVersion) {
        this(root, benchmarksDir, nodeName, kubernetesVersion, false);
    }
}
