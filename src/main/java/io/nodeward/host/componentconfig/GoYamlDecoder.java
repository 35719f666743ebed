package io.nodeward.host.componentconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sigs.k8s.io/yaml's {@code YAMLToJSON} makes of a composed document: go-yaml v2's decoder into
 * {@code interface{}} ({@code decode.go}), then {@code convertToJSONableObject}. Values come out as JSON
 * values: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Boolean},
 * {@link JsonNumber}, null.
 * <ul>
 *   <li>Merge keys ({@code decoder.mapping}, {@code decoder.merge}): a plain {@code <<} (or {@code !!merge})
 *       key merges its map, alias or sequence of maps into the map being built <em>where it stands</em>,
 *       so keys written after it win and keys written before it lose; in a sequence the maps are
 *       applied last to first, so the earlier ones win.</li>
 *   <li>Duplicate keys: the non-strict decoder overwrites ({@code setMapIndex}), so the last wins; the
 *       strict decoder the kubelet tries first ({@code YAMLToJSONStrict}) records
 *       {@code line N: key "k" already set in map} for every write to a key already there, merges
 *       included.</li>
 *   <li>Aliasing ({@code decoder.unmarshal}): every node visited counts ({@code decodeCount}), those
 *       inside an alias too ({@code aliasCount}); past 1000 nodes, more than 100 of them through aliases
 *       and a share over {@link #allowedAliasRatio} fails with {@code yaml: document contains excessive aliasing}.
 *       {@link DecodeBudget} bounds the rest.</li>
 * </ul>
 */
final class GoYamlDecoder {

    /** Where a value a map ended up with came from, for {@link #notes}. */
    private record Write(int line, int mergeLine) {
    }

    /** A map being built, with the origin of each key's current value. */
    private static final class MapBuilder {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, Write> writes = new LinkedHashMap<>();
        final String path;

        MapBuilder(String path) {
            this.path = path;
        }
    }

    private int decodeCount;
    private int aliasCount;
    private int aliasDepth;
    private long scalarChars;
    private final Set<YamlNode.Alias> expanding = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> strictErrors = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    /**
     * @param document     the JSON value of the document (null for an empty one)
     * @param strictErrors the errors of go-yaml's strict pass, in order (duplicate keys)
     * @param notes        by dotted JSON path, why the value there is not the one a reader sees first
     */
    record Result(Object document, List<String> strictErrors, Map<String, String> notes) {
    }

    private GoYamlDecoder() {
    }

    static Result decode(YamlNode root) throws ConfigRefused {
        GoYamlDecoder decoder = new GoYamlDecoder();
        if (root == null) {
            return new Result(null, List.of(), Map.of());
        }
        decoder.count(); // the document node
        Object document = decoder.unmarshal(root, "");
        return new Result(document, List.copyOf(decoder.strictErrors), Map.copyOf(decoder.notes));
    }

    /**
     * go-yaml v2's {@code allowedAliasRatio}: 99 % of the nodes may come from aliases up to 400,000
     * nodes, falling linearly to 10 % at 4,000,000.
     */
    static double allowedAliasRatio(int decodeCount) {
        if (decodeCount <= 400_000) {
            return 0.99;
        }
        if (decodeCount >= 4_000_000) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((double) (decodeCount - 400_000) / 3_600_000);
    }

    private void count() throws ConfigRefused {
        decodeCount++;
        if (aliasDepth > 0) {
            aliasCount++;
        }
        if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
            throw new ConfigRefused("yaml: document contains excessive aliasing");
        }
        if (decodeCount > DecodeBudget.NODES) {
            throw new ConfigRefused(DecodeBudget.tooManyNodes(DecodeBudget.NODES));
        }
    }

    private Object unmarshal(YamlNode node, String path) throws ConfigRefused {
        count();
        return switch (node) {
            case YamlNode.Alias alias -> {
                enter(alias);
                Object value = unmarshal(alias.target(), path);
                leave(alias);
                yield value;
            }
            case YamlNode.Scalar scalar -> {
                scalarChars += scalar.value().length();
                if (scalarChars > DecodeBudget.SCALAR_CHARS) {
                    throw new ConfigRefused(DecodeBudget.tooMuchText(DecodeBudget.SCALAR_CHARS));
                }
                yield GoScalars.toJson(GoScalars.resolve(scalar), scalar.line() + 1);
            }
            case YamlNode.Sequence sequence -> {
                List<Object> list = new ArrayList<>(sequence.children().size());
                for (YamlNode child : sequence.children()) {
                    list.add(unmarshal(child, path));
                }
                yield list;
            }
            case YamlNode.Mapping mapping -> {
                MapBuilder map = new MapBuilder(path);
                mapping(mapping, map, 0);
                yield map.values;
            }
        };
    }

    private void enter(YamlNode.Alias alias) throws ConfigRefused {
        if (!expanding.add(alias)) {
            throw new ConfigRefused("yaml: anchor '" + alias.name() + "' value contains itself", alias.line() + 1);
        }
        aliasDepth++;
    }

    private void leave(YamlNode.Alias alias) {
        aliasDepth--;
        expanding.remove(alias);
    }

    /** {@code decoder.mapping} into {@code map}; {@code mergeLine} is the 1-based line of the {@code <<} applying it, or 0. */
    private void mapping(YamlNode.Mapping mapping, MapBuilder map, int mergeLine) throws ConfigRefused {
        List<YamlNode> children = mapping.children();
        for (int i = 0; i + 1 < children.size(); i += 2) {
            YamlNode keyNode = children.get(i);
            YamlNode valueNode = children.get(i + 1);
            if (isMerge(keyNode)) {
                merge(valueNode, map, mergeLine != 0 ? mergeLine : keyNode.line() + 1);
                continue;
            }
            count();
            if (!(keyNode instanceof YamlNode.Scalar) && !(keyNode instanceof YamlNode.Alias a && a.target() instanceof YamlNode.Scalar)) {
                throw new ConfigRefused("yaml: invalid map key: a " + (keyNode instanceof YamlNode.Sequence ? "sequence" : "mapping"),
                        keyNode.line() + 1);
            }
            YamlNode.Scalar keyScalar = keyNode instanceof YamlNode.Alias a ? (YamlNode.Scalar) a.target() : (YamlNode.Scalar) keyNode;
            String key = GoScalars.jsonKey(GoScalars.resolve(keyScalar), keyNode.line() + 1);
            String path = map.path.isEmpty() ? key : map.path + "." + key;
            Object value = unmarshal(valueNode, path);
            set(map, key, value, new Write(valueNode.line() + 1, mergeLine), path);
        }
    }

    /** {@code decoder.setMapIndex}, non-strict and strict at once: the same keys are present in both. */
    private void set(MapBuilder map, String key, Object value, Write write, String path) {
        Write before = map.writes.get(key);
        if (before != null) {
            strictErrors.add("line " + write.line() + ": key " + goQuote(key) + " already set in map");
            notes.put(path, overwriteNote(key, before, write));
        } else if (write.mergeLine() != 0) {
            notes.put(path, key + " comes from the merge key << on line " + write.mergeLine());
        }
        map.values.put(key, value);
        map.writes.put(key, write);
    }

    private static String overwriteNote(String key, Write before, Write now) {
        if (before.mergeLine() == 0 && now.mergeLine() == 0) {
            return "duplicate key " + key + ": the kubelet's lenient decoding takes the last, line " + now.line();
        }
        if (now.mergeLine() == 0) {
            return key + " on line " + now.line() + " overrides the value merged by << on line " + before.mergeLine();
        }
        if (before.mergeLine() == 0) {
            return "the merge key << on line " + now.mergeLine() + " overrides " + key + " on line " + before.line()
                    + ": go-yaml v2 merges where << stands, so keys before it lose";
        }
        return key + " from the first map listed in the merge key << on line " + now.mergeLine()
                + ": go-yaml v2 applies them last to first";
    }

    /** {@code decoder.merge}: a map, an alias to one, or a sequence of those, applied last to first. */
    private void merge(YamlNode value, MapBuilder map, int mergeLine) throws ConfigRefused {
        switch (value) {
            case YamlNode.Mapping m -> {
                count();
                mapping(m, map, mergeLine);
            }
            case YamlNode.Alias a when a.target() instanceof YamlNode.Mapping target -> mergeAlias(a, target, map, mergeLine);
            case YamlNode.Sequence s -> {
                for (int i = s.children().size() - 1; i >= 0; i--) {
                    YamlNode item = s.children().get(i);
                    if (item instanceof YamlNode.Mapping m) {
                        count();
                        mapping(m, map, mergeLine);
                    } else if (item instanceof YamlNode.Alias a && a.target() instanceof YamlNode.Mapping target) {
                        mergeAlias(a, target, map, mergeLine);
                    } else {
                        throw wantMap(item);
                    }
                }
            }
            default -> throw wantMap(value);
        }
    }

    private void mergeAlias(YamlNode.Alias alias, YamlNode.Mapping target, MapBuilder map, int mergeLine) throws ConfigRefused {
        count(); // the alias node
        enter(alias);
        count(); // its target
        mapping(target, map, mergeLine);
        leave(alias);
    }

    private static ConfigRefused wantMap(YamlNode at) {
        return new ConfigRefused("yaml: map merge requires map or sequence of maps as the value", at.line() + 1);
    }

    /** {@code isMerge}: a plain {@code <<}, or one tagged {@code !!merge}. */
    private static boolean isMerge(YamlNode key) {
        return key instanceof YamlNode.Scalar s && s.value().equals("<<")
                && (s.plain() && s.tag() == null || GoScalars.MERGE.equals(s.tag()));
    }

    /** Go's {@code %#v} of a string key: double-quoted with backslash escapes. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
