package io.nodeward.benchmark;

import io.nodeward.host.KeySpace;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code benchmarks/distributions.yaml}: the distributions nodeward recognises, in the order they are
 * tried (the first whose marker holds is the node's), each with its markers and, where it has one, its
 * own benchmark by Kubernetes version. Loaded and validated with the benchmarks: unknown fields,
 * duplicate ids, unknown fact keys, bad operators and patterns fail with {@code file:line}.
 */
public record Distributions(List<Distribution> all) {

    static final String FILE = "distributions.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    private static final Set<String> DISTRIBUTION_FIELDS = Set.of("id", "name", "benchmarks", "markers");
    private static final Set<String> MARKER_FIELDS = Set.of("variant", "when", "program", "path", "source");

    public Distributions {
        all = List.copyOf(all);
    }

    /** No distribution: every node is {@link Distribution#UNKNOWN} (a test's small benchmark set). */
    public static Distributions none() {
        return new Distributions(List.of());
    }

    public Optional<Distribution> byId(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Every benchmark folder a distribution names, with where it is named. */
    Map<String, Origin> folders() {
        Map<String, Origin> folders = new LinkedHashMap<>();
        for (Distribution distribution : all) {
            distribution.benchmarks().ifPresent(map -> map.folders().forEach(f -> folders.putIfAbsent(f, map.origins().get(f))));
        }
        return folders;
    }

    /** Parses and validates {@code text}; tests in markers may name the keys of {@code keys}. */
    public static Distributions parse(String file, String text, KeySpace keys) {
        YamlFields top = new YamlFields(file, YamlFields.compose(file, text), "").allowOnly(Set.of("distributions"));
        List<Node> nodes = top.list("distributions");
        if (nodes.isEmpty()) {
            throw top.error(top.required("distributions"), "field 'distributions' must list at least one distribution");
        }
        BenchmarkLoader tests = BenchmarkLoader.forKeys(keys);
        Map<String, Origin> seen = new LinkedHashMap<>();
        List<Distribution> all = new ArrayList<>();
        for (Node node : nodes) {
            YamlFields fields = new YamlFields(file, node, "");
            String id = fields.text("id");
            YamlFields distribution = fields.subject("distribution " + id).allowOnly(DISTRIBUTION_FIELDS);
            if (!ID.matcher(id).matches() || id.equals(Distribution.UNKNOWN)) {
                throw distribution.error(distribution.required("id"), "id must be lower-case letters, digits and dashes"
                        + " (at most 31), and not '" + Distribution.UNKNOWN + "'");
            }
            Origin earlier = seen.putIfAbsent(id, distribution.origin());
            if (earlier != null) {
                throw distribution.error(distribution.required("id"), "duplicate id, already defined at " + earlier);
            }
            Optional<VersionMap> benchmarks = distribution.node("benchmarks")
                    .map(n -> VersionMap.parse(new YamlFields(file, n, distribution.subject())
                            .allowOnly(Set.of("versions", "default"))));
            List<Node> markerNodes = distribution.list("markers");
            if (markerNodes.isEmpty()) {
                throw distribution.error(distribution.node("markers").orElse(distribution.required("id")),
                        "field 'markers' must list at least one marker");
            }
            List<Distribution.Marker> markers = new ArrayList<>();
            for (Node markerNode : markerNodes) {
                markers.add(marker(new YamlFields(file, markerNode, distribution.subject()).allowOnly(MARKER_FIELDS),
                        markerNode, tests));
            }
            all.add(new Distribution(id, distribution.text("name"), benchmarks, markers, distribution.origin()));
        }
        return new Distributions(all);
    }

    private static Distribution.Marker marker(YamlFields marker, Node at, BenchmarkLoader tests) {
        if (!marker.has("when") && !marker.has("program") && !marker.has("path")) {
            throw marker.error(at, "a marker needs at least one of 'when', 'program', 'path'");
        }
        Optional<Expectation> when = marker.node("when").map(n -> tests.expectation(marker, n));
        Optional<Pattern> program = marker.optionalText("program").map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw marker.error(marker.required("program"), "bad pattern '" + regex + "': " + e.getDescription());
            }
        });
        Optional<String> path = marker.optionalText("path");
        if (path.isPresent() && (!path.get().startsWith("/") || path.get().contains("/../") || path.get().endsWith("/.."))) {
            throw marker.error(marker.required("path"), "path '" + path.get() + "' must be an absolute host path without '..'");
        }
        return new Distribution.Marker(marker.optionalText("variant"), when, program, path, marker.text("source"),
                marker.origin());
    }

    /** The ids, in order, for messages. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(d -> ids.add(d.id()));
        return ids;
    }
}
