package io.nodeward.host.componentconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the error the component's typed decoder raises for a decoded document, as kubernetes-sigs/json
 * ({@code internal/golang/encoding/json/decode.go}, a fork of encoding/json) does when it unmarshals
 * into the versioned struct. Both the strict and the lenient pass do this, so such an error is fatal.
 * <ul>
 *   <li>A value of the wrong JSON type is an {@code UnmarshalTypeError}, saved ({@code saveError}) and
 *       decoding goes on; the first one saved is returned at the end:
 *       {@code json: cannot unmarshal string into Go struct field KubeletAnonymousAuthentication.authentication.anonymous.enabled of type bool}
 *       (the innermost struct's name, then the JSON field path from the top: {@code addErrorContext}).</li>
 *   <li>An error from a field's own {@code UnmarshalJSON} ({@code metav1.Duration}) ends decoding at
 *       once and is returned as is, even after a saved type error.</li>
 *   <li>Unknown fields are not type errors (the strict pass reports them, the lenient pass drops them),
 *       and names match case-sensitively.</li>
 * </ul>
 */
final class TypeCheck {

    private final boolean sortedKeys;
    private final List<String> fieldStack = new ArrayList<>();
    private String struct;
    private String saved;

    private TypeCheck(boolean sortedKeys) {
        this.sortedKeys = sortedKeys;
    }

    /**
     * The fatal decoding error of {@code document} against {@code type}, or null.
     *
     * @param sortedKeys whether objects are visited in sorted key order: true for YAML, which
     *                   sigs.k8s.io/yaml turns into JSON with Go's {@code json.Marshal} of a map (keys
     *                   sorted); false for a JSON file, decoded in the order written
     */
    static String firstError(Map<String, Object> document, FieldType.Struct type, boolean sortedKeys) {
        TypeCheck check = new TypeCheck(sortedKeys);
        try {
            check.value(document, type);
        } catch (Abort abort) {
            return abort.getMessage();
        }
        return check.saved;
    }

    private void value(Object value, FieldType type) throws Abort {
        switch (type) {
            case FieldType.Unchecked u -> {
            }
            case FieldType.Duration d -> duration(value, d);
            case FieldType.Struct s -> object(value, s);
            case FieldType.MapOf m -> {
                if (value instanceof Map<?, ?> map) {
                    for (Object v : ordered(map).values()) {
                        value(v, m.value());
                    }
                } else {
                    mismatch(value, type);
                }
            }
            case FieldType.ListOf l -> {
                if (value instanceof List<?> list) {
                    for (Object v : list) {
                        value(v, l.element());
                    }
                } else {
                    mismatch(value, type);
                }
            }
            case FieldType.Bool b -> {
                if (!(value instanceof Boolean)) {
                    mismatch(value, type);
                }
            }
            case FieldType.Str s -> {
                if (!(value instanceof String)) {
                    mismatch(value, type);
                }
            }
            case FieldType.Int i -> {
                if (value instanceof JsonNumber n) {
                    if (!fitsInt(n.text(), i)) {
                        save("number " + n.text(), type);
                    }
                } else {
                    mismatch(value, type);
                }
            }
            case FieldType.Float f -> {
                if (!(value instanceof JsonNumber)) {
                    mismatch(value, type);
                }
            }
        }
    }

    private void object(Object value, FieldType.Struct type) throws Abort {
        if (!(value instanceof Map<?, ?> map)) {
            mismatch(value, type);
            return;
        }
        String outer = struct;
        for (Map.Entry<?, Object> entry : ordered(map).entrySet()) {
            FieldType field = type.fields().get(String.valueOf(entry.getKey()));
            if (field == null) {
                continue; // unknown: a strict error only
            }
            fieldStack.add(String.valueOf(entry.getKey()));
            struct = type.name();
            value(entry.getValue(), field);
            fieldStack.removeLast();
        }
        struct = outer;
    }

    /** {@code metav1.Duration.UnmarshalJSON}: a Go string, then {@code time.ParseDuration}. */
    private void duration(Object value, FieldType.Duration type) throws Abort {
        if (value == null) {
            if (!type.pointer()) {
                throw new Abort(GoDuration.parse("")); // the field's address gets UnmarshalJSON("null")
            }
            return;
        }
        if (!(value instanceof String text)) {
            // json.Unmarshal(b, &str) inside UnmarshalJSON: no struct context
            throw new Abort("json: cannot unmarshal " + jsonKind(value) + " into Go value of type string");
        }
        String error = GoDuration.parse(text);
        if (error != null) {
            throw new Abort(error);
        }
    }

    private void mismatch(Object value, FieldType type) {
        if (value != null) { // null is a no-op for every type but an Unmarshaler's
            save(jsonKind(value), type);
        }
    }

    private void save(String what, FieldType type) {
        if (saved != null) {
            return;
        }
        String where = struct == null && fieldStack.isEmpty() ? "Go value"
                : "Go struct field " + struct + "." + String.join(".", fieldStack);
        saved = "json: cannot unmarshal " + what + " into " + where + " of type " + type.goType();
    }

    private static String jsonKind(Object value) {
        return switch (value) {
            case String s -> "string";
            case Boolean b -> "bool";
            case JsonNumber n -> "number";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            default -> "null";
        };
    }

    /** {@code strconv.ParseInt(text, 10, 64)} and {@code OverflowInt} for the field's size. */
    private static boolean fitsInt(String text, FieldType.Int type) {
        if (!text.matches("-?[0-9]+")) {
            return false;
        }
        try {
            long n = Long.parseLong(text);
            return n >= type.min() && n <= type.max();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<?, Object> ordered(Map<?, ?> map) {
        Map<?, Object> m = (Map<?, Object>) map;
        return sortedKeys ? new TreeMap<>(m) : m;
    }

    private static final class Abort extends Exception {
        Abort(String message) {
            super(message, null, false, false);
        }
    }
}
