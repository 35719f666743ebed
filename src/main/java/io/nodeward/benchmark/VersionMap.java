package io.nodeward.benchmark;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.NavigableMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code benchmarks/version-map.yaml}: which CIS benchmark folder applies to a Kubernetes minor
 * version, the folder for unknown versions, and the benchmarks that run on every node.
 *
 * @param versions   minor version (e.g. {@code 1.33}) → benchmark folder
 * @param defaultId  used when the version is unknown or older than every mapped one
 * @param always     run on every node after the primary benchmark, e.g. {@code nodeward-1.0}
 * @param origins    where each named folder is written, for "folder not found" errors
 */
public record VersionMap(NavigableMap<Minor, String> versions, String defaultId, List<String> always,
                         Map<String, Origin> origins) {

    static final String FILE = "version-map.yaml";
    private static final Pattern KEY = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\D.*)?");

    public VersionMap {
        versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
        always = List.copyOf(always);
        origins = Map.copyOf(origins);
    }

    /** A Kubernetes minor version, ordered numerically (1.9 before 1.10). */
    public record Minor(int major, int minor) implements Comparable<Minor> {
        @Override
        public int compareTo(Minor other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /**
     * The primary benchmark for {@code kubernetesVersion} (e.g. {@code v1.33.4}, {@code 1.34},
     * {@code v1.35.0-eks-1234}): the folder of that minor version, else of the nearest mapped minor
     * version below it (so versions newer than the map use the newest mapped), else the default.
     */
    public String primaryFor(Optional<String> kubernetesVersion) {
        return mapped(kubernetesVersion).orElse(defaultId);
    }

    /** Whether {@link #primaryFor} gives the default: no version, not a version, or older than every entry. */
    public boolean defaulted(Optional<String> kubernetesVersion) {
        return mapped(kubernetesVersion).isEmpty();
    }

    private Optional<String> mapped(Optional<String> kubernetesVersion) {
        return kubernetesVersion.map(String::strip).map(VERSION::matcher).filter(Matcher::matches)
                .map(m -> new Minor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                .map(versions::floorEntry)
                .map(Map.Entry::getValue);
    }

    /** Every folder the map names, primary candidates first. */
    public Set<String> folders() {
        Set<String> folders = new LinkedHashSet<>(versions.values());
        folders.add(defaultId);
        folders.addAll(always);
        return folders;
    }

    static VersionMap parse(String file, String text) {
        return parse(new YamlFields(file, YamlFields.compose(file, text), "").allowOnly(Set.of("versions", "default", "always")));
    }

    /**
     * The map in {@code map}'s fields {@code versions}, {@code default} and {@code always} (the caller
     * says which of them may be there): {@code version-map.yaml}, or a distribution's {@code benchmarks}
     * in {@code distributions.yaml}.
     */
    static VersionMap parse(YamlFields map) {
        Map<String, Origin> origins = new HashMap<>();
        NavigableMap<Minor, String> versions = new TreeMap<>();
        Node versionsNode = map.required("versions");
        if (!(versionsNode instanceof MappingNode mapping)) {
            throw map.error(versionsNode, "field 'versions' must map Kubernetes minor versions to benchmark folders");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = map.scalar(tuple.getKeyNode(), "versions");
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw map.error(tuple.getKeyNode(), "version '" + key + "' must be a minor version such as 1.33");
            }
            String folder = map.scalar(tuple.getValueNode(), key);
            if (versions.put(new Minor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), folder) != null) {
                throw map.error(tuple.getKeyNode(), "duplicate version '" + key + "'");
            }
            origins.putIfAbsent(folder, map.origin(tuple.getValueNode()));
        }
        String defaultId = map.text("default");
        origins.putIfAbsent(defaultId, map.origin(map.required("default")));
        List<String> always = new ArrayList<>();
        for (Node node : map.list("always")) {
            String folder = map.scalar(node, "always");
            always.add(folder);
            origins.putIfAbsent(folder, map.origin(node));
        }
        return new VersionMap(versions, defaultId, always, origins);
    }
}
