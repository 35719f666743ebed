package io.nodeward.host.componentconfig;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes the first document of a YAML text from SnakeYAML's parser events into {@link YamlNode}s,
 * as go-yaml v2's {@code yaml.Unmarshal} does: only the first document is read (later ones are never
 * parsed), an anchor is registered when its node starts (so an alias inside it finds it: go-yaml then
 * fails with "anchor 'x' value contains itself"), a redefined anchor names the later node, and an
 * alias to an undefined anchor is {@code yaml: unknown anchor 'x' referenced} ({@code decode.go} {@code parser.alias}).
 * SnakeYAML's composer and constructor are not used: they would resolve scalars and merge keys by
 * YAML 1.1 rules that differ from go-yaml's in detail. Syntax errors keep SnakeYAML's wording (go-yaml's
 * parser messages are not reproduced), with the line.
 */
final class YamlComposer {

    private YamlComposer() {
    }

    /**
     * The first document's root node, or null when the stream has no document (empty, only comments
     * or only {@code ---}: go-yaml unmarshals that to nil).
     *
     * @param nodeLimit the most nodes composed before giving up: {@link DecodeBudget}
     * @throws ConfigRefused for a syntax error, an unknown anchor, or more than {@code nodeLimit} nodes
     */
    static YamlNode firstDocument(String text, int nodeLimit) throws ConfigRefused {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // the file is already bounded in bytes
        Parser parser = new ParserImpl(new StreamReader(text), options);
        Map<String, YamlNode> anchors = new HashMap<>();
        Deque<YamlNode> open = new ArrayDeque<>();
        YamlNode root = null;
        int nodes = 0;
        try {
            while (true) {
                Event event = parser.getEvent();
                if (event.is(Event.ID.StreamEnd) || event.is(Event.ID.DocumentEnd)) {
                    return root;
                }
                YamlNode node = null;
                int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine();
                if (event instanceof ScalarEvent scalar) {
                    boolean plain = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
                    String tag = scalar.getTag() == null || scalar.getTag().equals("!") ? null : scalar.getTag();
                    node = new YamlNode.Scalar(scalar.getValue(), tag, plain, line);
                } else if (event instanceof MappingStartEvent) {
                    node = new YamlNode.Mapping(line);
                } else if (event instanceof SequenceStartEvent) {
                    node = new YamlNode.Sequence(line);
                } else if (event instanceof AliasEvent alias) {
                    YamlNode target = anchors.get(alias.getAnchor());
                    if (target == null) {
                        throw new ConfigRefused("yaml: unknown anchor '" + alias.getAnchor() + "' referenced");
                    }
                    node = new YamlNode.Alias(alias.getAnchor(), target, line);
                } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                    open.pop();
                    continue;
                }
                if (node == null) {
                    continue; // stream or document start
                }
                if (++nodes > nodeLimit) {
                    throw new ConfigRefused(DecodeBudget.tooManyNodes(nodeLimit));
                }
                if (event instanceof NodeEvent withAnchor && withAnchor.getAnchor() != null && !(event instanceof AliasEvent)) {
                    anchors.put(withAnchor.getAnchor(), node);
                }
                if (open.isEmpty()) {
                    root = node;
                } else {
                    children(open.peek()).add(node);
                }
                if (event instanceof CollectionStartEvent) {
                    if (open.size() >= DecodeBudget.DEPTH) {
                        throw new ConfigRefused(DecodeBudget.tooDeep(DecodeBudget.DEPTH), line + 1);
                    }
                    open.push(node);
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ConfigRefused("malformed YAML: " + e.getProblem(), line);
        } catch (YAMLException e) {
            throw new ConfigRefused("malformed YAML: " + e.getMessage());
        }
    }

    private static List<YamlNode> children(YamlNode collection) {
        return switch (collection) {
            case YamlNode.Mapping m -> m.children();
            case YamlNode.Sequence s -> s.children();
            default -> throw new IllegalStateException("not a collection: " + collection);
        };
    }
}
