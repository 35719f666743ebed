package io.nodeward.host.componentconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unknown fields, as the component's decoder sees them: fields the versioned struct does not have,
 * matched case-sensitively ({@code kjson.UnmarshalCaseSensitivePreserveInts}), so {@code ReadOnlyPort}
 * sets nothing. The lenient pass drops them ({@link #drop}); the strict pass reports each
 * ({@link #paths}). Keys of map fields ({@code featureGates}, {@code evictionHard}) and unchecked
 * fields are kept.
 */
final class UnknownFields {

    /** {@code kubernetes_patch.go} saveStrictError: at most 100 strict errors are kept. */
    static final int MAX_REPORTED = 100;

    private UnknownFields() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> drop(Map<String, Object> document, FieldType.Struct type) {
        Map<String, Object> kept = new LinkedHashMap<>();
        document.forEach((name, value) -> {
            FieldType field = type.fields().get(name);
            if (field == null) {
                return;
            }
            if (field instanceof FieldType.Struct nested && value instanceof Map<?, ?> map) {
                kept.put(name, drop((Map<String, Object>) map, nested));
            } else if (field instanceof FieldType.ListOf(FieldType.Struct element) && value instanceof List<?> list) {
                kept.put(name, list.stream().map(v -> v instanceof Map<?, ?> m ? drop((Map<String, Object>) m, element) : v).toList());
            } else {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * The paths of the unknown fields of {@code document}, as sigs.k8s.io/json's strict decoder names
     * them ({@code kubernetes_patch.go} newFieldError: struct fields joined by dots, list indexes in
     * brackets: {@code rules[2].resource}), in the order it meets them, without repeats. Fields of a
     * {@link FieldType.Struct#partial partial} struct that it does not model are not reported.
     *
     * @param sortedKeys whether objects are visited in sorted key order (YAML, see {@link TypeCheck})
     */
    static List<String> paths(Map<String, Object> document, FieldType.Struct type, boolean sortedKeys) {
        Set<String> out = new LinkedHashSet<>();
        walk(document, type, "", sortedKeys, out);
        return List.copyOf(out);
    }

    private static void walk(Object value, FieldType type, String path, boolean sortedKeys, Set<String> out) {
        if (out.size() >= MAX_REPORTED) {
            return;
        }
        switch (type) {
            case FieldType.Struct struct when value instanceof Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : ordered(map, sortedKeys).entrySet()) {
                    String name = String.valueOf(entry.getKey());
                    String child = path.isEmpty() ? name : path + "." + name;
                    FieldType field = struct.fields().get(name);
                    if (field != null) {
                        walk(entry.getValue(), field, child, sortedKeys, out);
                    } else if (!struct.partial() && out.size() < MAX_REPORTED) {
                        out.add(child);
                    }
                }
            }
            case FieldType.ListOf list when value instanceof List<?> items -> {
                for (int i = 0; i < items.size(); i++) {
                    walk(items.get(i), list.element(), path + "[" + i + "]", sortedKeys, out);
                }
            }
            case FieldType.MapOf map when value instanceof Map<?, ?> entries -> {
                for (Map.Entry<?, ?> entry : ordered(entries, sortedKeys).entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    walk(entry.getValue(), map.value(), path.isEmpty() ? key : path + "." + key, sortedKeys, out);
                }
            }
            default -> {
            }
        }
    }

    private static Map<?, ?> ordered(Map<?, ?> map, boolean sortedKeys) {
        if (!sortedKeys) {
            return map;
        }
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted;
    }

    /** {@code unknown field "a.b"} for each path, as the strict error lists them. */
    static List<String> messages(List<String> paths) {
        List<String> out = new ArrayList<>(paths.size());
        for (String path : paths) {
            out.add("unknown field " + GoYamlDecoder.goQuote(path));
        }
        return out;
    }
}
