package io.nodeward.host.componentconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go type of a field of a component's versioned configuration (e.g. {@code KubeletConfiguration}
 * in {@code k8s.io/kubelet/config/v1beta1/types.go}), as data: enough for {@link TypeCheck} to find the
 * type mismatches on which the component's decoder (kubernetes-sigs/json, a fork of encoding/json)
 * fails, with encoding/json's message. Plain data, no reflection.
 */
public sealed interface FieldType {

    /** The type as Go's {@code reflect.Type.String()} prints it in an error: {@code int32}, {@code []string}, {@code v1beta1.KubeletAuthentication}. */
    String goType();

    /** {@code bool} or {@code *bool}. */
    FieldType BOOL = new Bool();
    /** {@code int32} or {@code *int32}. */
    FieldType INT32 = new Int("int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
    /** {@code int64} or {@code *int64}. */
    FieldType INT64 = new Int("int64", Long.MIN_VALUE, Long.MAX_VALUE);
    /** {@code float64} or {@code *float64}. */
    FieldType FLOAT64 = new Float();
    /** {@code string}, {@code *string}, or a named string type printed as {@code string}. */
    FieldType STRING = new Str("string");
    /** {@code metav1.Duration}: a JSON string {@code time.ParseDuration} accepts; null too is refused (see {@link Duration}). */
    FieldType DURATION = new Duration(false);
    /** {@code *metav1.Duration}: as {@link #DURATION}, but null leaves the pointer nil. */
    FieldType DURATION_POINTER = new Duration(true);
    FieldType STRING_LIST = new ListOf(STRING);
    FieldType STRING_MAP = new MapOf(STRING);
    /** A field whose value nodeward does not check (it is never wrong for it, never refused by it). */
    FieldType UNCHECKED = new Unchecked();

    /** A named string type such as {@code v1beta1.KubeletAuthorizationMode}. */
    static FieldType namedString(String goType) {
        return new Str(goType);
    }

    static FieldType listOf(FieldType element) {
        return new ListOf(element);
    }

    static FieldType mapOf(FieldType value) {
        return new MapOf(value);
    }

    /** A struct: {@code goType} as printed ({@code v1beta1.KubeletAuthentication}), fields by JSON name. */
    static Struct struct(String goType, Field... fields) {
        Map<String, FieldType> byName = new LinkedHashMap<>();
        for (Field field : fields) {
            if (byName.put(field.name(), field.type()) != null) {
                throw new IllegalArgumentException(goType + ": field " + field.name() + " twice");
            }
        }
        return new Struct(goType, Map.copyOf(byName), false);
    }

    /**
     * A struct of which only some fields are modelled: those are type-checked, the others are dropped
     * like unknown ones but never reported as unknown (the component knows them).
     */
    static Struct partialStruct(String goType, Field... fields) {
        Struct closed = struct(goType, fields);
        return new Struct(goType, closed.fields(), true);
    }

    static Field field(String jsonName, FieldType type) {
        return new Field(jsonName, type);
    }

    record Field(String name, FieldType type) {
    }

    record Bool() implements FieldType {
        public String goType() {
            return "bool";
        }
    }

    record Int(String goType, long min, long max) implements FieldType {
    }

    record Float() implements FieldType {
        public String goType() {
            return "float64";
        }
    }

    record Str(String goType) implements FieldType {
    }

    /**
     * {@code metav1.Duration}, whose {@code UnmarshalJSON} (apimachinery {@code pkg/apis/meta/v1/duration.go})
     * unmarshals a Go string and runs {@code time.ParseDuration} on it, returning either error as is.
     * encoding/json calls it for a JSON null too when the field is not a pointer ({@code indirect}
     * takes the field's address first): the string stays empty and the kubelet fails with
     * {@code time: invalid duration ""}.
     */
    record Duration(boolean pointer) implements FieldType {
        public String goType() {
            return pointer ? "*v1.Duration" : "v1.Duration";
        }
    }

    record ListOf(FieldType element) implements FieldType {
        public String goType() {
            return "[]" + element.goType();
        }
    }

    /** {@code map[string]T}; keys are JSON object keys, always strings. */
    record MapOf(FieldType value) implements FieldType {
        public String goType() {
            return "map[string]" + value.goType();
        }
    }

    /**
     * @param partial whether fields exist that are not modelled ({@link #partialStruct}), so a field
     *                missing here is not known to be unknown to the component
     */
    record Struct(String goType, Map<String, FieldType> fields, boolean partial) implements FieldType {

        /** The name encoding/json puts before the field path: {@code reflect.Type.Name()}, no package. */
        public String name() {
            return goType.substring(goType.lastIndexOf('.') + 1);
        }
    }

    record Unchecked() implements FieldType {
        public String goType() {
            return "interface {}";
        }
    }

    /** Every dotted JSON path {@code type} declares down to its leaves, for tests of the schema. */
    static List<String> paths(Struct type) {
        List<String> out = new java.util.ArrayList<>();
        type.fields().forEach((name, t) -> {
            out.add(name);
            if (t instanceof Struct nested) {
                paths(nested).forEach(p -> out.add(name + "." + p));
            }
        });
        return out;
    }
}
