package io.nodeward.benchmark;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster benchmark's {@code exemptions.yaml}: what the cluster auditor leaves out, and why, validated
 * at load like the benchmark itself (unknown and duplicate fields, unknown kinds, a {@code *} anywhere but
 * at the end of a name, a missing reason: each an error naming {@code file:line}). The cluster's twin of
 * {@link Waivers}: a waiver turns a node check into SKIP for a while, an exemption takes objects out of
 * the cluster's audit, and the report lists every object it took out. Names ending in {@code *} match
 * by prefix; any other name matches exactly.
 * <pre>
 * namespaces:        [{name, reason}]                       the Namespace and everything in it
 * objects:           [{id, kind, names, labels?, reason}]   cluster-scoped objects: ClusterRole, ClusterRoleBinding
 * systemSubjects:    [{kind, names, except?, reason}]       User or Group subjects that count as system
 * </pre>
 */
public final class Exemptions {

    public static final String FILE = "exemptions.yaml";

    /** The kinds an object exemption may name: cluster-scoped, since a namespaced object is exempt by its namespace. */
    static final Set<String> OBJECT_KINDS = Set.of("ClusterRole", "ClusterRoleBinding");
    static final Set<String> SUBJECT_KINDS = Set.of("User", "Group");

    /** A namespace left out: the Namespace object and every object in it. */
    public record NamespaceExemption(String name, String reason, Origin origin) {
    }

    /** Cluster-scoped objects left out, by kind, name pattern and labels (all must be present with these values). */
    public record ObjectExemption(String id, String kind, List<String> names, Map<String, String> labels, String reason,
                                  Origin origin) {
        public ObjectExemption {
            names = List.copyOf(names);
            labels = Map.copyOf(labels);
        }

        public boolean matches(String objectKind, String name, Map<String, String> objectLabels) {
            if (!kind.equals(objectKind) || names.stream().noneMatch(p -> matchesName(p, name))) {
                return false;
            }
            Map<String, String> present = objectLabels == null ? Map.of() : objectLabels;
            return labels.entrySet().stream().allMatch(l -> l.getValue().equals(present.get(l.getKey())));
        }
    }

    /** User or Group subjects that count as system identities, except the names in {@code except}. */
    public record SubjectRule(String kind, List<String> names, List<String> except, String reason, Origin origin) {
        public SubjectRule {
            names = List.copyOf(names);
            except = List.copyOf(except);
        }

        public boolean matches(String subjectKind, String name) {
            return kind.equals(subjectKind) && names.stream().anyMatch(p -> matchesName(p, name))
                    && except.stream().noneMatch(p -> matchesName(p, name));
        }
    }

    private final List<NamespaceExemption> namespaces;
    private final List<ObjectExemption> objects;
    private final List<SubjectRule> systemSubjects;

    private Exemptions(List<NamespaceExemption> namespaces, List<ObjectExemption> objects, List<SubjectRule> systemSubjects) {
        this.namespaces = List.copyOf(namespaces);
        this.objects = List.copyOf(objects);
        this.systemSubjects = List.copyOf(systemSubjects);
    }

    public static Exemptions none() {
        return new Exemptions(List.of(), List.of(), List.of());
    }

    public List<NamespaceExemption> namespaces() {
        return namespaces;
    }

    public List<ObjectExemption> objects() {
        return objects;
    }

    public List<SubjectRule> systemSubjects() {
        return systemSubjects;
    }

    public Optional<NamespaceExemption> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The exemption that leaves out the cluster-scoped object {@code kind}/{@code name}, if any. */
    public Optional<ObjectExemption> object(String kind, String name, Map<String, String> labels) {
        return objects.stream().filter(o -> o.matches(kind, name, labels)).findFirst();
    }

    /** The rule that makes the User or Group {@code name} a system subject, if any. */
    public Optional<SubjectRule> systemSubject(String kind, String name) {
        return systemSubjects.stream().filter(r -> r.matches(kind, name)).findFirst();
    }

    /** Reads {@code <folder>/exemptions.yaml} from {@code source}; no file means no exemptions. */
    public static Exemptions load(BenchmarkSource source, String folder) {
        String relative = folder + "/" + FILE;
        return source.read(relative).map(text -> parse(source.name(relative), text)).orElseGet(Exemptions::none);
    }

    /**
     * Parses and validates an exemptions file.
     *
     * @param file how the file is named in messages
     */
    public static Exemptions parse(String file, String text) {
        YamlFields root = new YamlFields(file, YamlFields.compose(file, text), "")
                .allowOnly(Set.of("namespaces", "objects", "systemSubjects"));
        List<NamespaceExemption> namespaces = new ArrayList<>();
        Map<String, Origin> seenNamespaces = new HashMap<>();
        for (Node entry : root.list("namespaces")) {
            YamlFields fields = new YamlFields(file, entry, "namespace exemption").allowOnly(Set.of("name", "reason"));
            String name = fields.text("name");
            Origin earlier = seenNamespaces.putIfAbsent(name, fields.origin());
            if (earlier != null) {
                throw fields.error(fields.required("name"), "namespace " + name + " is already exempt at " + earlier);
            }
            namespaces.add(new NamespaceExemption(name, fields.text("reason"), fields.origin()));
        }
        List<ObjectExemption> objects = new ArrayList<>();
        Map<String, Origin> seenIds = new HashMap<>();
        for (Node entry : root.list("objects")) {
            YamlFields fields = new YamlFields(file, entry, "object exemption");
            String id = fields.text("id");
            fields = fields.subject("exemption " + id).allowOnly(Set.of("id", "kind", "names", "labels", "reason"));
            Origin earlier = seenIds.putIfAbsent(id, fields.origin());
            if (earlier != null) {
                throw fields.error(fields.required("id"), "duplicate id, already defined at " + earlier);
            }
            String kind = oneOf(fields, "kind", OBJECT_KINDS);
            objects.add(new ObjectExemption(id, kind, names(fields, "names", true), labels(fields), fields.text("reason"),
                    fields.origin()));
        }
        List<SubjectRule> subjects = new ArrayList<>();
        for (Node entry : root.list("systemSubjects")) {
            YamlFields fields = new YamlFields(file, entry, "system subjects").allowOnly(Set.of("kind", "names", "except", "reason"));
            String kind = oneOf(fields, "kind", SUBJECT_KINDS);
            subjects.add(new SubjectRule(kind, names(fields, "names", true), names(fields, "except", false),
                    fields.text("reason"), fields.origin()));
        }
        return new Exemptions(namespaces, objects, subjects);
    }

    private static String oneOf(YamlFields fields, String field, Set<String> allowed) {
        String value = fields.text(field);
        if (!allowed.contains(value)) {
            throw fields.error(fields.required(field), "unknown " + field + " '" + value + "' (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
        return value;
    }

    private static List<String> names(YamlFields fields, String field, boolean required) {
        if (required) {
            fields.required(field);
        }
        List<Node> nodes = fields.list(field);
        if (required && nodes.isEmpty()) {
            throw fields.error(fields.required(field), "field '" + field + "' must list at least one name");
        }
        List<String> names = new ArrayList<>();
        for (Node node : nodes) {
            String name = fields.scalar(node, field);
            int star = name.indexOf('*');
            if (star >= 0 && star != name.length() - 1) {
                throw fields.error(node, "'" + name + "': a * may only end a name (a prefix match)");
            }
            names.add(name);
        }
        return names;
    }

    private static Map<String, String> labels(YamlFields fields) {
        Optional<Node> node = fields.node("labels");
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof MappingNode mapping)) {
            throw fields.error(node.get(), "field 'labels' must be a mapping of label to value, found " + YamlFields.kind(node.get()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw fields.error(tuple.getKeyNode(), "label names must be plain words");
            }
            if (labels.put(key.getValue(), fields.scalar(tuple.getValueNode(), "labels")) != null) {
                throw fields.error(key, "duplicate label '" + key.getValue() + "'");
            }
        }
        return labels;
    }

    /** {@code pattern} ending in {@code *} matches by prefix, any other exactly. */
    static boolean matchesName(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }
}
