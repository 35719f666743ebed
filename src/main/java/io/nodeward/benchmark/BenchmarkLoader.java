package io.nodeward.benchmark;

import io.nodeward.host.FactKeys;
import io.nodeward.host.KeySpace;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one benchmark folder ({@code <folder>/benchmark.yaml} and the group files it lists, or, for a
 * distribution profile, the base benchmark it names and its overrides: {@link Profile}) and
 * validates all of it, so that nothing can go wrong later during a scan: unknown or missing fields,
 * duplicate IDs, unknown fact keys, bad operators and operands (regexes, octal modes, integers,
 * durations), bad severities. Every {@link BenchmarkException} names {@code file:line} and the check.
 * A fact key must be one the readers declare (a {@link KeySpace}, normally {@link FactKeys#ALL});
 * an unknown one is reported with the nearest declared key as a suggestion.
 * The schema is documented in {@code benchmarks/README.md}.
 */
public final class BenchmarkLoader {

    static final String BENCHMARK_FILE = "benchmark.yaml";

    private static final Set<String> BENCHMARK_FIELDS = Set.of("id", "title", "version", "applies-to", "files");
    private static final Set<String> PROFILE_FIELDS = Set.of("id", "title", "version", "base", "groups", "checks");
    private static final Set<String> GROUP_FIELDS = Set.of("id", "title", "requires", "checks");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "title", "severity", "scored", "manual",
            "requires", "test", "warn-unless", "evidence", "remediation");
    private static final Set<String> TEST_FIELDS = Set.of("fact", "op", "value", "if-absent");

    /**
     * Where a profile's base benchmark comes from: the loaded benchmark of that id, or a
     * {@link BenchmarkException} naming {@code namedAt} when there is none (or it would be a cycle).
     */
    @FunctionalInterface
    public interface Bases {
        Benchmark benchmark(String id, Origin namedAt);
    }

    private final KeySpace keys;
    private final AppliesTo target;

    private BenchmarkLoader(KeySpace keys) {
        this(keys, AppliesTo.NODE);
    }

    private BenchmarkLoader(KeySpace keys, AppliesTo target) {
        this.keys = keys;
        this.target = target;
    }

    /** A loader whose tests may name the fact keys of {@code keys}; for other data that holds tests (distribution markers). */
    static BenchmarkLoader forKeys(KeySpace keys) {
        return new BenchmarkLoader(keys);
    }

    /** Loads {@code <folder>/benchmark.yaml} from {@code source}, checking fact keys against {@link FactKeys#ALL}. */
    public static Benchmark load(BenchmarkSource source, String folder) {
        return load(source, folder, FactKeys.ALL);
    }

    /**
     * Loads {@code <folder>/benchmark.yaml} from {@code source}; its id must equal the folder name, and
     * every fact key it names must be in {@code keys}. A profile's base is loaded from the same source.
     */
    public static Benchmark load(BenchmarkSource source, String folder, KeySpace keys) {
        SameSource bases = new SameSource(source, keys);
        bases.loading.add(folder);
        return load(source, folder, keys, bases);
    }

    /**
     * Loads {@code <folder>/benchmark.yaml}, which must say it applies to {@code target} ({@code applies-to},
     * default {@code node}): a cluster benchmark's facts come from the API, so its keys are another
     * reader's ({@code keys}), and a node agent handed one fails saying so rather than with a list of
     * unknown keys. Profiles are node benchmarks.
     */
    public static Benchmark load(BenchmarkSource source, String folder, AppliesTo target, KeySpace keys) {
        SameSource bases = new SameSource(source, keys);
        bases.loading.add(folder);
        return new BenchmarkLoader(keys, target).benchmark(source, folder, bases);
    }

    /** As {@link #load(BenchmarkSource, String, KeySpace)}, with a profile's base found by {@code bases}. */
    public static Benchmark load(BenchmarkSource source, String folder, KeySpace keys, Bases bases) {
        return new BenchmarkLoader(keys).benchmark(source, folder, bases);
    }

    /** The bases of profiles in one source, each loaded once, a cycle refused where it closes. */
    private static final class SameSource implements Bases {
        private final BenchmarkSource source;
        private final KeySpace keys;
        private final Map<String, Benchmark> loaded = new HashMap<>();
        private final java.util.Set<String> loading = new java.util.HashSet<>();

        SameSource(BenchmarkSource source, KeySpace keys) {
            this.source = source;
            this.keys = keys;
        }

        @Override
        public Benchmark benchmark(String id, Origin namedAt) {
            Benchmark done = loaded.get(id);
            if (done != null) {
                return done;
            }
            if (!loading.add(id)) {
                throw new BenchmarkException(namedAt + ": base benchmark '" + id + "' is a cycle of profiles");
            }
            if (source.read(id + "/" + BENCHMARK_FILE).isEmpty()) {
                throw new BenchmarkException(namedAt + ": base benchmark '" + id + "' not found ("
                        + source.name(id + "/" + BENCHMARK_FILE) + ")");
            }
            Benchmark benchmark = new BenchmarkLoader(keys).benchmark(source, id, this);
            loading.remove(id);
            loaded.put(id, benchmark);
            return benchmark;
        }
    }

    private Benchmark benchmark(BenchmarkSource source, String folder, Bases bases) {
        String relative = folder + "/" + BENCHMARK_FILE;
        String name = source.name(relative);
        String text = source.read(relative)
                .orElseThrow(() -> new BenchmarkException(name + ": benchmark file not found"));
        YamlFields benchmark = new YamlFields(name, YamlFields.compose(name, text), "");
        boolean profile = benchmark.has("base");
        benchmark.allowOnly(profile ? PROFILE_FIELDS : BENCHMARK_FIELDS);
        String id = benchmark.text("id");
        if (!id.equals(folder)) {
            throw benchmark.error(benchmark.required("id"), "benchmark id '" + id + "' must equal its folder name '" + folder + "'");
        }
        appliesTo(benchmark, id);
        if (profile) {
            String baseId = benchmark.text("base");
            if (baseId.equals(id)) {
                throw benchmark.error(benchmark.required("base"), "a profile cannot be its own base");
            }
            Benchmark base = bases.benchmark(baseId, benchmark.origin(benchmark.required("base")));
            return new Profile(this, benchmark, base).apply(id, benchmark.text("title"), benchmark.text("version"));
        }
        List<Node> files = benchmark.list("files");
        if (files.isEmpty()) {
            throw benchmark.error(benchmark.node("files").orElse(benchmark.required("id")), "field 'files' must list at least one group file");
        }
        Map<String, Origin> seenIds = new HashMap<>();
        List<Group> groups = new ArrayList<>();
        for (Node fileNode : files) {
            String file = benchmark.scalar(fileNode, "files");
            String groupRelative = folder + "/" + file;
            String groupName = source.name(groupRelative);
            String groupText = source.read(groupRelative)
                    .orElseThrow(() -> benchmark.error(fileNode, "group file '" + file + "' not found (" + groupName + ")"));
            groups.add(group(groupName, groupText, seenIds));
        }
        return new Benchmark(id, benchmark.text("title"), benchmark.text("version"), groups);
    }

    /** Refuses a benchmark that applies to the other target than this loader's ({@code applies-to}, default node). */
    private void appliesTo(YamlFields benchmark, String id) {
        String appliesTo = benchmark.optionalText("applies-to").orElse(AppliesTo.NODE.label());
        AppliesTo declared = AppliesTo.byLabel(appliesTo).orElseThrow(() -> benchmark.error(benchmark.required("applies-to"),
                "unknown applies-to '" + appliesTo + "' (allowed: node, cluster)"));
        if (declared != target) {
            throw benchmark.error(benchmark.node("applies-to").orElse(benchmark.required("id")), "benchmark " + id
                    + " applies to the " + declared.label() + ", not to the " + target.label() + ": "
                    + (declared == AppliesTo.CLUSTER ? "it is run by `nodeward cluster`" : "it is run by the node agents"));
        }
    }

    private Group group(String file, String text, Map<String, Origin> seenIds) {
        YamlFields group = new YamlFields(file, YamlFields.compose(file, text), "").allowOnly(GROUP_FIELDS);
        String id = group.text("id");
        unique(group, group.required("id"), "group " + id, id, seenIds);
        group = group.subject("group " + id);
        String title = group.text("title");
        List<String> requires = factKeys(group, "requires");
        List<Node> checkNodes = group.list("checks");
        if (checkNodes.isEmpty()) {
            throw group.error(group.node("checks").orElse(group.required("id")), "field 'checks' must list at least one check");
        }
        List<Check> checks = new ArrayList<>();
        for (Node checkNode : checkNodes) {
            checks.add(check(new YamlFields(file, checkNode, ""), requires, seenIds));
        }
        return new Group(id, title, requires, checks);
    }

    private Check check(YamlFields check, List<String> groupRequires, Map<String, Origin> seenIds) {
        String id = check.text("id");
        unique(check, check.required("id"), "check " + id, id, seenIds);
        check = check.subject("check " + id).allowOnly(CHECK_FIELDS);
        Severity severity = severity(check);
        boolean scored = check.bool("scored", Optional.empty());
        boolean manual = check.bool("manual", Optional.of(false));
        List<String> requires = new ArrayList<>(groupRequires);
        factKeys(check, "requires").stream().filter(k -> !requires.contains(k)).forEach(requires::add);
        Optional<Expectation> test = check.node("test").map(expectation(check));
        Optional<Expectation> warnUnless = check.node("warn-unless").map(expectation(check));
        if (warnUnless.isPresent() && test.isEmpty()) {
            throw check.error(check.required("warn-unless"), "'warn-unless' needs a 'test' to warn after");
        }
        Optional<String> evidence = check.optionalText("evidence");
        if (evidence.isPresent()) {
            factKey(check, check.required("evidence"), evidence.get());
            if (test.isPresent()) {
                throw check.error(check.required("evidence"), "'evidence' is only for manual checks without a test");
            }
        }
        if (test.isEmpty() && !manual) {
            throw check.error(check.required("id"),
                    "a check without 'test' must be 'manual: true'");
        }
        return new Check(id, check.text("title"), severity, scored, manual, requires, test, warnUnless, evidence,
                check.text("remediation"), check.origin());
    }

    /** The check's {@code severity} field, one of {@link Severity}'s labels. */
    static Severity severity(YamlFields check) {
        String severityText = check.text("severity");
        return Arrays.stream(Severity.values()).filter(s -> s.label().equals(severityText)).findFirst()
                .orElseThrow(bad(check, "severity", "unknown severity '" + severityText + "' (allowed: "
                        + Arrays.stream(Severity.values()).map(Severity::label).collect(Collectors.joining(", ")) + ")"));
    }

    private static java.util.function.Supplier<BenchmarkException> bad(YamlFields fields, String field, String problem) {
        return () -> fields.error(fields.required(field), problem);
    }

    private java.util.function.Function<Node, Expectation> expectation(YamlFields check) {
        return node -> expectation(check, node);
    }

    /**
     * A test is either compact text {@code <fact> <op> [<value>]}, a mapping
     * {@code {fact, op, value, if-absent}}, or {@code {all: [...]}} / {@code {any: [...]}} of those.
     */
    Expectation expectation(YamlFields check, Node node) {
        if (node instanceof ScalarNode scalar) {
            String[] words = scalar.getValue().strip().split("\\s+", 3);
            if (words.length < 2) {
                throw check.error(node, "test '" + scalar.getValue() + "' must read '<fact> <op> [<value>]'");
            }
            return test(check, node, node, words[0], words[1], words.length == 3 ? words[2] : null, Optional.empty());
        }
        if (!(node instanceof MappingNode)) {
            throw check.error(node, "a test must be text '<fact> <op> [<value>]' or a mapping, found " + YamlFields.kind(node));
        }
        YamlFields fields = new YamlFields(check.file(), node, check.subject());
        if (fields.has("all") || fields.has("any")) {
            boolean all = fields.has("all");
            String word = all ? "all" : "any";
            fields.allowOnly(Set.of(word));
            List<Node> parts = fields.list(word);
            if (parts.size() < 2) {
                throw fields.error(fields.required(word), "'" + word + "' needs at least two tests");
            }
            List<Expectation> expectations = parts.stream().map(p -> expectation(check, p)).toList();
            return all ? new Expectation.AllOf(expectations) : new Expectation.AnyOf(expectations);
        }
        fields.allowOnly(TEST_FIELDS);
        Optional<Node> value = fields.node("value");
        String valueText = value.map(v -> v instanceof SequenceNode s
                ? s.getValue().stream().map(e -> fields.scalar(e, "value")).collect(Collectors.joining(","))
                : fields.scalar(v, "value")).orElse(null);
        Optional<IfAbsent> ifAbsent = fields.optionalText("if-absent").map(text -> IfAbsent.byLabel(text)
                .orElseThrow(() -> fields.error(fields.required("if-absent"), "unknown if-absent '" + text
                        + "' (allowed: fail, pass, not-applicable)")));
        if (ifAbsent.isPresent() && fields.has("op") && Operator.byLabel(fields.text("op")).map(Operator::presenceOnly).orElse(false)) {
            throw fields.error(fields.required("if-absent"), "'if-absent' has no effect with " + fields.text("op"));
        }
        return test(check, fields.required("fact"), fields.required("op"), fields.text("fact"), fields.text("op"),
                valueText, ifAbsent);
    }

    private Expectation.Test test(YamlFields check, Node factNode, Node opNode, String fact, String op,
                                         String value, Optional<IfAbsent> ifAbsent) {
        factKey(check, factNode, fact);
        Operator operator = Operator.byLabel(op).orElseThrow(() -> check.error(opNode, "unknown operator '" + op
                + "' (allowed: " + Operator.labels() + ")"));
        Operand operand;
        try {
            operand = operator.compile(value);
        } catch (IllegalArgumentException e) {
            throw check.error(opNode, e.getMessage());
        }
        return new Expectation.Test(fact, operator, operand, ifAbsent.orElse(IfAbsent.FAIL));
    }

    List<String> factKeys(YamlFields fields, String field) {
        List<Node> nodes = fields.list(field);
        List<String> keys = new ArrayList<>();
        for (Node node : nodes) {
            String key = fields.scalar(node, field);
            factKey(fields, node, key);
            keys.add(key);
        }
        return keys;
    }

    void factKey(YamlFields fields, Node at, String key) {
        if (key.length() > KeySpace.MAX_KEY_LENGTH) {
            throw fields.error(at, "fact key '" + key.substring(0, 40) + "...' is " + key.length()
                    + " characters long; no fact key is longer than " + KeySpace.MAX_KEY_LENGTH);
        }
        if (!keys.contains(key)) {
            throw fields.error(at, "unknown fact key '" + key + "'"
                    + keys.nearest(key).map(k -> " (did you mean '" + k + "'?)").orElse(""));
        }
    }

    private static void unique(YamlFields fields, Node at, String what, String id, Map<String, Origin> seen) {
        Origin earlier = seen.putIfAbsent(id, fields.origin(at));
        if (earlier != null) {
            throw fields.subject(what).error(at, "duplicate id, already defined at " + earlier);
        }
    }

}
