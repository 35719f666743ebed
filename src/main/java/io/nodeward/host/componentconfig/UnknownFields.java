package io.nodeward.host.componentconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops what the lenient pass drops: fields the versioned struct does not have, matched
 * case-sensitively ({@code kjson.UnmarshalCaseSensitivePreserveInts}), so {@code ReadOnlyPort} sets
 * nothing. Keys of map fields ({@code featureGates}, {@code evictionHard}) and unchecked fields are kept.
 */
final class UnknownFields {

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
}
