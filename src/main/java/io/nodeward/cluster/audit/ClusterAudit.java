package io.nodeward.cluster.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Evaluator;
import io.nodeward.benchmark.Exemptions;
import io.nodeward.benchmark.Expectation;
import io.nodeward.benchmark.Group;
import io.nodeward.benchmark.Verdict;
import io.nodeward.cluster.ClusterObjects;
import io.nodeward.cluster.ObjectKind;
import io.nodeward.cluster.ObjectRef;
import io.nodeward.cluster.facts.ClusterIndex;
import io.nodeward.cluster.facts.FactSubject;
import io.nodeward.cluster.facts.ObjectFacts;
import io.nodeward.cluster.rbac.Subjects;
import io.nodeward.host.HostFacts;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.OutcomePolicy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges one view of the cluster's objects against the cluster benchmark: each check once per object of
 * its kind outside the exemptions, with that object's facts and the node scanner's {@link Evaluator}; the
 * check's result then sums up its objects. An object that fails makes the check fail (or warn, if the check
 * is unscored) and is listed as a finding; an object whose facts could not be read makes the check ERROR
 * unless another object already fails it; a check with no object to judge is SKIP; a kind that could not
 * be read makes every check on it ERROR, never PASS.
 */
public final class ClusterAudit {

    /** The check's {@code actual} names at most this many characters of findings; the report's findings have all. */
    static final int ACTUAL_MAX_LENGTH = 2048;

    private final ClusterBenchmark benchmark;
    private final String cluster;
    private final Clock clock;

    public ClusterAudit(ClusterBenchmark benchmark, String cluster, Clock clock) {
        this.benchmark = benchmark;
        this.cluster = cluster;
        this.clock = clock;
    }

    public ClusterBenchmark benchmark() {
        return benchmark;
    }

    public ClusterReport run(ClusterObjects objects) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        Exemptions exemptions = benchmark.exemptions();
        ClusterIndex index = new ClusterIndex(objects, exemptions);
        ExemptionLedger ledger = new ExemptionLedger(exemptions);
        Map<FactSubject, List<Judged>> candidates = new LinkedHashMap<>();
        for (FactSubject subject : FactSubject.values()) {
            candidates.put(subject, candidates(subject, objects, ledger));
        }
        recordSystemSubjects(candidates.get(FactSubject.BINDING), index, ledger);
        Map<ObjectRef, HostFacts> facts = new HashMap<>();
        LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
        Benchmark bench = benchmark.benchmark();
        List<CheckResult> results = new ArrayList<>();
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Group group : bench.groups()) {
            for (Check check : group.checks()) {
                FactSubject subject = benchmark.subject(check.id());
                List<Finding> found = new ArrayList<>();
                Verdict verdict = judge(bench, group, check, subject, objects, candidates.get(subject), index, facts, found,
                        today);
                results.add(OutcomePolicy.result(bench, group, check, verdict, Optional.empty(), today));
                if (!found.isEmpty()) {
                    findings.put(check.id(), found);
                }
            }
        }
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        return new ClusterReport(cluster, bench.id(), startedAt, millis, results, findings, ledger.list(), objects.counts());
    }

    /** An object to judge, with its place in reports. */
    private record Judged(ObjectRef ref, HasMetadata object) {
    }

    private static List<Judged> candidates(FactSubject subject, ClusterObjects objects, ExemptionLedger ledger) {
        List<Judged> judged = new ArrayList<>();
        for (ObjectKind kind : subject.kinds()) {
            for (HasMetadata object : objects.all(kind, HasMetadata.class)) {
                ObjectRef ref = ObjectRef.of(kind, object);
                if (!ledger.exempt(ref, object)) {
                    judged.add(new Judged(ref, object));
                }
            }
        }
        judged.sort((a, b) -> ObjectRef.ORDER.compare(a.ref(), b.ref()));
        return judged;
    }

    /** The subjects of the judged bindings that counted as system identities, by the rule that made them so. */
    private static void recordSystemSubjects(List<Judged> bindings, ClusterIndex index, ExemptionLedger ledger) {
        Subjects subjects = index.subjects();
        for (Judged binding : bindings) {
            List<Subject> listed = binding.object() instanceof RoleBinding rb ? rb.getSubjects()
                    : ((ClusterRoleBinding) binding.object()).getSubjects();
            for (Subjects.Named named : subjects.effective(listed, binding.ref().namespace())) {
                subjects.systemRule(named).ifPresent(rule -> ledger.subject(rule, named.toString()));
            }
        }
    }

    private Verdict judge(Benchmark bench, Group group, Check check, FactSubject subject, ClusterObjects objects,
                          List<Judged> judged, ClusterIndex index, Map<ObjectRef, HostFacts> facts, List<Finding> found,
                          LocalDate today) {
        String expected = "every " + subject.singular() + " outside the exemptions: " + check.test().map(Expectation::describe).orElse("manual review");
        List<String> unreadable = subject.kinds().stream()
                .flatMap(kind -> objects.unreadable(kind).map(why -> "the API's " + kind.resource() + " could not be read: " + why).stream())
                .toList();
        if (!unreadable.isEmpty()) {
            return new Verdict(Verdict.Kind.ERROR, expected, null, null, String.join("; ", unreadable));
        }
        int passed = 0;
        List<Finding> errors = new ArrayList<>();
        for (Judged object : judged) {
            HostFacts objectFacts = facts.computeIfAbsent(object.ref(), ref -> ObjectFacts.of(ref, object.object(), index));
            Verdict verdict = Evaluator.evaluate(check, objectFacts);
            CheckResult result = OutcomePolicy.result(bench, group, check, verdict, Optional.empty(), today);
            switch (result.status()) {
                case PASS -> passed++;
                case FAIL, WARN -> found.add(new Finding(bench.id(), check.id(), object.ref(), result.status(),
                        named(check, verdict.actual()), verdict.source(), null));
                case ERROR -> errors.add(new Finding(bench.id(), check.id(), object.ref(), Outcome.ERROR, null, null,
                        verdict.reason()));
                case SKIP -> {
                }
            }
        }
        int total = judged.size();
        String plural = subject.plural();
        if (!found.isEmpty()) {
            String actual = found.size() + " of " + total + " " + plural + ": " + bounded(found.stream()
                    .map(f -> f.object() + " (" + f.actual() + ")").toList());
            String source = bounded(found.stream().map(f -> f.object() + ": " + f.source()).toList());
            String reason = errors.isEmpty() ? null : errors.size() + " more could not be judged: " + errors.get(0).reason();
            boolean anyFail = found.stream().anyMatch(f -> f.outcome() == Outcome.FAIL);
            found.addAll(errors);
            found.sort((a, b) -> ObjectRef.ORDER.compare(a.object(), b.object()));
            return new Verdict(anyFail || !check.scored() ? Verdict.Kind.FAIL : Verdict.Kind.WARN, expected, actual, source, reason);
        }
        if (!errors.isEmpty()) {
            found.addAll(errors);
            return new Verdict(Verdict.Kind.ERROR, expected, null, null, errors.size() + " of " + total + " " + plural
                    + " could not be judged: " + errors.get(0).object() + ": " + errors.get(0).reason());
        }
        if (passed == 0) {
            return new Verdict(Verdict.Kind.NOT_APPLICABLE, expected, null, null,
                    "no " + plural + " to judge outside the exemptions");
        }
        return new Verdict(Verdict.Kind.PASS, expected, passed + " of " + total + " " + plural + " pass", "the API's "
                + subject.kinds().stream().map(ObjectKind::resource).collect(Collectors.joining(", ")), null);
    }

    /** A single test's actual value is just the value; among many objects it needs its key too. */
    private static String named(Check check, String actual) {
        return check.test().orElse(null) instanceof Expectation.Test test ? test.fact() + ": " + actual : actual;
    }

    /** Room kept for {@code ; … and N more (see findings)}. */
    private static final int SUFFIX_RESERVE = 48;

    /** Items joined with {@code "; "}, cut before {@link #ACTUAL_MAX_LENGTH} with how many were left out. */
    static String bounded(List<String> items) {
        String all = String.join("; ", items);
        if (all.length() <= ACTUAL_MAX_LENGTH) {
            return all;
        }
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (String item : items) {
            String next = (kept == 0 ? "" : "; ") + item;
            if (out.length() + next.length() + SUFFIX_RESERVE > ACTUAL_MAX_LENGTH) {
                break;
            }
            out.append(next);
            kept++;
        }
        if (kept == 0) {
            out.append(items.get(0), 0, ACTUAL_MAX_LENGTH - SUFFIX_RESERVE - 1).append('…');
            kept = 1;
        }
        int left = items.size() - kept;
        if (left > 0) {
            out.append("; … and ").append(left).append(" more (see findings)");
        }
        return out.toString();
    }

    /** What each exemption took out of this audit, for the report. */
    private static final class ExemptionLedger {
        private final Exemptions exemptions;
        private final Map<String, TreeSet<String>> matched = new LinkedHashMap<>();
        private final Map<String, String[]> described = new LinkedHashMap<>();

        ExemptionLedger(Exemptions exemptions) {
            this.exemptions = exemptions;
            exemptions.namespaces().forEach(n -> declare("namespace:" + n.name(), n.name(), "namespace", n.reason()));
            exemptions.objects().forEach(o -> declare("object:" + o.id(), o.id(), "object", o.reason()));
            exemptions.systemSubjects().forEach(s -> declare(subjectKey(s), "system-subjects:" + s.kind(), "system-subjects",
                    s.reason()));
        }

        private void declare(String key, String id, String type, String reason) {
            described.put(key, new String[] {id, type, reason});
            matched.put(key, new TreeSet<>());
        }

        private static String subjectKey(Exemptions.SubjectRule rule) {
            return "subjects:" + rule.kind() + ":" + rule.origin();
        }

        /** Whether {@code object} is left out; if so, records it under its exemption. */
        boolean exempt(ObjectRef ref, HasMetadata object) {
            String namespace = ref.kind() == ObjectKind.NAMESPACE ? ref.name() : ref.namespace();
            if (!namespace.isEmpty()) {
                Optional<Exemptions.NamespaceExemption> exempt = exemptions.namespace(namespace);
                if (exempt.isPresent()) {
                    matched.get("namespace:" + exempt.get().name()).add(ref.toString());
                    return true;
                }
            }
            if (!ref.kind().namespaced()) {
                Optional<Exemptions.ObjectExemption> exempt = exemptions.object(ref.kind().kind(), ref.name(),
                        object.getMetadata().getLabels());
                if (exempt.isPresent()) {
                    matched.get("object:" + exempt.get().id()).add(ref.toString());
                    return true;
                }
            }
            return false;
        }

        void subject(Exemptions.SubjectRule rule, String subject) {
            matched.get(subjectKey(rule)).add(subject);
        }

        List<Exempted> list() {
            List<Exempted> list = new ArrayList<>();
            described.forEach((key, d) -> {
                TreeSet<String> all = matched.get(key);
                list.add(new Exempted(d[0], d[1], d[2], all.stream().limit(Exempted.MAX_LISTED).toList(), all.size()));
            });
            return list;
        }
    }

    /** Findings per namespace ({@code ""} for cluster-scoped objects), for the metrics. */
    public static Map<String, Integer> perNamespace(List<Finding> findings) {
        Map<String, Integer> counts = new TreeMap<>();
        findings.stream().filter(f -> f.outcome() != Outcome.ERROR)
                .forEach(f -> counts.merge(f.object().namespace(), 1, Integer::sum));
        return counts;
    }
}
