package io.nodeward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types for Kubernetes objects from their OpenAPI v3 schemas, built by the rules of the API
 * server's type checker (k8s.io/apiserver pkg/cel/common/schemas.go, SchemaDeclType): an object with
 * properties is a struct of the properties that have a type; additionalProperties make a map; items a
 * list; string (date-time: timestamp, byte: bytes), integer, number, boolean their CEL types;
 * x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields dyn. A schema with none of
 * these (Quantity: only oneOf) has no type, and a property of that schema, or a map or list of it,
 * is left out of its struct: selecting it is then "undefined field", as on the API server.
 */
final class OpenApiCelTypes implements CelTypeProvider {

    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonNode schemas;
    private final Map<String, CelType> structs = new LinkedHashMap<>();

    private OpenApiCelTypes(JsonNode schemas) {
        this.schemas = schemas;
    }

    /** The schemas of a {"schemas": {...}} resource on the test classpath. */
    static OpenApiCelTypes fromResource(String resource) {
        try (InputStream in = OpenApiCelTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new OpenApiCelTypes(new ObjectMapper().readTree(in).path("schemas"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type of a named schema (its name in components.schemas). */
    CelType named(String name) {
        return declType(resolve(name), name).orElseThrow(() -> new IllegalArgumentException(name + " has no CEL type"));
    }

    private JsonNode resolve(String name) {
        JsonNode schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("schema " + name + " is not in the resource");
        }
        return schema;
    }

    private Optional<CelType> declType(JsonNode schema, String name) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().substring(REF_PREFIX.length());
            return declType(resolve(ref), ref);
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1 && !schema.has("type")) {
            return declType(schema.get("allOf").get(0), name);
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean() || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            return Optional.of(SimpleType.DYN);
        }
        String format = schema.path("format").asText();
        return switch (schema.path("type").asText()) {
            case "string" -> Optional.of(switch (format) {
                case "date-time" -> SimpleType.TIMESTAMP;
                case "byte" -> SimpleType.BYTES;
                default -> SimpleType.STRING;
            });
            case "integer" -> Optional.of(SimpleType.INT);
            case "number" -> Optional.of(SimpleType.DOUBLE);
            case "boolean" -> Optional.of(SimpleType.BOOL);
            case "array" -> declType(schema.path("items"), name + ".items").map(ListType::create);
            case "object" -> schema.has("additionalProperties")
                    ? declType(schema.get("additionalProperties"), name + ".values").map(v -> MapType.create(SimpleType.STRING, v))
                    : Optional.of(struct(schema, name));
            default -> Optional.empty();
        };
    }

    private CelType struct(JsonNode schema, String name) {
        CelType known = structs.get(name);
        if (known != null) {
            return known;
        }
        Map<String, CelType> fields = new LinkedHashMap<>();
        // Registered before its fields are typed, so a schema that refers to itself ends.
        StructType type = StructType.create(name, ImmutableSet.copyOf(schema.path("properties").fieldNames()),
                field -> Optional.ofNullable(fields.get(field)));
        structs.put(name, type);
        schema.path("properties").fields().forEachRemaining(p -> declType(p.getValue(), name + "." + p.getKey())
                .ifPresent(t -> fields.put(p.getKey(), t)));
        StructType typed = StructType.create(name, ImmutableSet.copyOf(fields.keySet()), field -> Optional.ofNullable(fields.get(field)));
        structs.put(name, typed);
        return typed;
    }

    @Override
    public ImmutableList<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }
}
