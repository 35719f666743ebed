package io.nodeward.benchmark;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML mapping read strictly, through SnakeYAML's node API so that every value keeps its line:
 * unknown and duplicate fields are errors, scalars are taken as written (no {@code 0600} turned
 * into 384, no {@code no} turned into false), and every error names {@code file:line} and the
 * check (or other subject) being read.
 */
final class YamlFields {

    private final String file;
    private final Node node;
    private final String subject;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

    /**
     * @param subject prefix for messages, e.g. {@code check 4.2.4}; empty for none
     */
    YamlFields(String file, Node node, String subject) {
        this.file = file;
        this.node = node;
        this.subject = subject;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected a mapping of fields, found " + kind(node));
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), "field names must be plain words");
            }
            if (fields.putIfAbsent(key.getValue(), tuple) != null) {
                throw error(key, "duplicate field '" + key.getValue() + "'");
            }
        }
    }

    /** The single document of {@code text}, or an error naming the line of the syntax problem. */
    static Node compose(String file, String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new BenchmarkException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new BenchmarkException(file + ":1: invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new BenchmarkException(file + ":1: the file is empty");
        }
        return root;
    }

    YamlFields subject(String newSubject) {
        return new YamlFields(file, node, newSubject);
    }

    String subject() {
        return subject;
    }

    String file() {
        return file;
    }

    Origin origin() {
        return origin(node);
    }

    Origin origin(Node at) {
        return new Origin(file, line(at));
    }

    /** Rejects any field not in {@code allowed}, so a typo fails instead of being ignored. */
    YamlFields allowOnly(Set<String> allowed) {
        for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
            if (!allowed.contains(field.getKey())) {
                throw error(field.getValue().getKeyNode(), "unknown field '" + field.getKey()
                        + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    Optional<Node> node(String name) {
        return Optional.ofNullable(fields.get(name)).map(NodeTuple::getValueNode);
    }

    Node required(String name) {
        return node(name).orElseThrow(() -> error(node, "missing required field '" + name + "'"));
    }

    String text(String name) {
        return scalar(required(name), name);
    }

    Optional<String> optionalText(String name) {
        return node(name).map(n -> scalar(n, name));
    }

    boolean bool(String name, Optional<Boolean> fallback) {
        Optional<Node> value = node(name);
        if (value.isEmpty()) {
            return fallback.orElseThrow(() -> error(node, "missing required field '" + name + "'"));
        }
        String text = scalar(value.get(), name);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value.get(), "field '" + name + "' must be true or false, not '" + text + "'");
        };
    }

    /** A sequence field; absent gives an empty list. */
    List<Node> list(String name) {
        Optional<Node> value = node(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            throw error(value.get(), "field '" + name + "' must be a list, found " + kind(value.get()));
        }
        return new ArrayList<>(sequence.getValue());
    }

    /** A sequence of scalars, e.g. {@code requires: [process.kubelet]}. */
    List<String> texts(String name) {
        return list(name).stream().map(n -> scalar(n, name)).toList();
    }

    String scalar(Node value, String name) {
        if (!(value instanceof ScalarNode scalar)) {
            throw error(value, "field '" + name + "' must be a single value, found " + kind(value));
        }
        String text = scalar.getValue().strip();
        if (text.isEmpty()) {
            throw error(value, "field '" + name + "' is empty");
        }
        return text;
    }

    BenchmarkException error(Node at, String problem) {
        return new BenchmarkException(file + ":" + line(at) + ": " + (subject.isEmpty() ? "" : subject + ": ") + problem);
    }

    static int line(Node at) {
        return at.getStartMark() == null ? 1 : at.getStartMark().getLine() + 1;
    }

    static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "something else";
        };
    }
}
