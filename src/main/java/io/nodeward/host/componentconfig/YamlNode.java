package io.nodeward.host.componentconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a composed YAML document, before any resolution: what go-yaml v2's parser builds
 * ({@code decode.go} {@code node}) and its decoder then walks. An alias points at the node its anchor
 * names, so the graph is as small as the text however far aliases would expand it.
 */
sealed interface YamlNode {

    /** The 0-based line where the node starts. */
    int line();

    /**
     * @param tag   the explicit tag in long form ({@code tag:yaml.org,2002:int}), or null
     * @param plain whether the scalar is plain (unquoted, not a block scalar): only plain untagged
     *              scalars are resolved by content ({@code n.implicit} in go-yaml)
     */
    record Scalar(String value, String tag, boolean plain, int line) implements YamlNode {
    }

    /** Keys and values alternate in {@code children}, as in go-yaml. */
    record Mapping(List<YamlNode> children, int line) implements YamlNode {
        Mapping(int line) {
            this(new ArrayList<>(), line);
        }
    }

    record Sequence(List<YamlNode> children, int line) implements YamlNode {
        Sequence(int line) {
            this(new ArrayList<>(), line);
        }
    }

    /** {@code *name}; {@code target} is the node the anchor named when the alias was read. */
    record Alias(String name, YamlNode target, int line) implements YamlNode {
    }
}
