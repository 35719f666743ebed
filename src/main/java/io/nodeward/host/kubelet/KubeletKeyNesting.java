package io.nodeward.host.kubelet;

import io.nodeward.host.KeyPattern;
import io.nodeward.host.componentconfig.FieldType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which {@code kubelet.<path>} keys name a setting, from the KubeletConfiguration schema the decoder
 * checks files against ({@link KubeletConfigurationSchema}): a struct's fields by their JSON names, any
 * key of a map (an eviction signal such as {@code memory.available} holds a dot, so the rest of the
 * key is the map key), nothing below a scalar or a list. A flag-only setting ({@code kubeconfig}) has
 * nothing below it. So {@code kubelet.authentication.anonymous.enable} fails to load and
 * {@code kubelet.authentication.anonymous.enabled} is suggested.
 */
final class KubeletKeyNesting implements KeyPattern.FieldPath.Nesting {

    static final KubeletKeyNesting INSTANCE = new KubeletKeyNesting();

    private final List<String> known;

    private KubeletKeyNesting() {
        List<String> paths = new ArrayList<>();
        collect(KubeletConfigurationSchema.SCHEMA, "", paths);
        this.known = List.copyOf(paths);
    }

    @Override
    public boolean exists(List<String> path) {
        FieldType type = KubeletConfigurationSchema.SCHEMA.fields().get(path.get(0));
        if (type == null) {
            return path.size() == 1; // a flag-only setting
        }
        for (String segment : path.subList(1, path.size())) {
            switch (type) {
                case FieldType.Struct struct -> {
                    type = struct.fields().get(segment);
                    if (type == null) {
                        return false;
                    }
                }
                case FieldType.MapOf map -> {
                    return true; // the rest is the map's key
                }
                case FieldType.Unchecked unchecked -> {
                    return true; // a part of the schema nodeward does not model (logging, tracing)
                }
                default -> {
                    return false; // nothing lies below a scalar or a list
                }
            }
        }
        return true;
    }

    @Override
    public List<String> known() {
        return known;
    }

    /** Every path through structs below the top level, e.g. {@code authentication.anonymous.enabled}. */
    private static void collect(FieldType.Struct struct, String prefix, List<String> paths) {
        for (Map.Entry<String, FieldType> field : struct.fields().entrySet()) {
            String path = prefix + field.getKey();
            if (!prefix.isEmpty()) {
                paths.add(path);
            }
            if (field.getValue() instanceof FieldType.Struct nested) {
                collect(nested, path + ".", paths);
            }
        }
    }
}
