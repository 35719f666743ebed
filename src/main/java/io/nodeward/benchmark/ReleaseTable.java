package io.nodeward.benchmark;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code benchmarks/kubernetes-releases.yaml}: when each Kubernetes minor release was released and
 * when its patch support ends. Validated strictly at start like the version map: a typo in a date,
 * an end of life before the release, a duplicate or a missing minor version between two listed ones
 * fails start-up with file and line.
 *
 * @param releases minor version to its dates, oldest first
 */
public record ReleaseTable(NavigableMap<VersionMap.Minor, Release> releases) {

    static final String FILE = "kubernetes-releases.yaml";
    private static final Pattern KEY = Pattern.compile("(\\d+)\\.(\\d+)");

    public ReleaseTable {
        releases = Collections.unmodifiableNavigableMap(new TreeMap<>(releases));
    }

    /** One minor release. */
    public record Release(VersionMap.Minor minor, LocalDate released, LocalDate endOfLife) {
    }

    public Optional<Release> release(VersionMap.Minor minor) {
        return Optional.ofNullable(releases.get(minor));
    }

    /** The oldest listed release, if any. */
    public Optional<Release> oldest() {
        return releases.isEmpty() ? Optional.empty() : Optional.of(releases.firstEntry().getValue());
    }

    /** The newest listed release, if any. */
    public Optional<Release> newest() {
        return releases.isEmpty() ? Optional.empty() : Optional.of(releases.lastEntry().getValue());
    }

    static ReleaseTable parse(String file, String text) {
        YamlFields top = new YamlFields(file, YamlFields.compose(file, text), "").allowOnly(Set.of("releases"));
        Node node = top.required("releases");
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            throw top.error(node, "field 'releases' must map Kubernetes minor versions to their dates");
        }
        NavigableMap<VersionMap.Minor, Release> releases = new TreeMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = top.scalar(tuple.getKeyNode(), "releases");
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw top.error(tuple.getKeyNode(), "version '" + key + "' must be a minor version such as 1.33");
            }
            VersionMap.Minor minor = new VersionMap.Minor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            YamlFields fields = new YamlFields(file, tuple.getValueNode(), "release " + key)
                    .allowOnly(Set.of("released", "eol"));
            LocalDate released = date(fields, "released");
            LocalDate eol = date(fields, "eol");
            if (!eol.isAfter(released)) {
                throw fields.error(fields.required("eol"), "end of life " + eol + " is not after the release " + released);
            }
            if (releases.put(minor, new Release(minor, released, eol)) != null) {
                throw top.error(tuple.getKeyNode(), "duplicate version '" + key + "'");
            }
        }
        VersionMap.Minor previous = null;
        for (VersionMap.Minor minor : releases.keySet()) {
            if (previous != null && (minor.major() != previous.major() || minor.minor() != previous.minor() + 1)) {
                throw top.error(node, "no entry for the minor versions between " + previous + " and " + minor);
            }
            previous = minor;
        }
        return new ReleaseTable(releases);
    }

    private static LocalDate date(YamlFields fields, String name) {
        String text = fields.text(name);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw fields.error(fields.required(name), "'" + name + "' must be a date such as 2026-06-28, not '" + text + "'");
        }
    }

    /** For tests and callers that build a table in code. */
    public static ReleaseTable of(Map<VersionMap.Minor, Release> releases) {
        return new ReleaseTable(new TreeMap<>(releases));
    }
}
