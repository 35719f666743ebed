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
 */
public record ScannerSettings(HostRoot root, Optional<Path> benchmarksDir, String nodeName,
                              Optional<String> kubernetesVersion) {
}
