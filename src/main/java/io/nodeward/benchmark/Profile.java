package io.nodeward.benchmark;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A distribution profile: a base benchmark (e.g. {@code cis-1.12}) with what a distribution's own
 * benchmark changes, written as overrides in the profile's {@code benchmark.yaml} rather than as a copy
 * of every check, the way kube-bench's {@code eks-*}, {@code k3s-cis-*} and {@code rke2-cis-*} folders
 * differ from its {@code cis-*} ones. A group or check that does not apply on the distribution is
 * {@code not-applicable} with the reason (the check is SKIP with it); a check whose expectation differs
 * (EKS accepts {@code 0644} where CIS wants {@code 0600}) overrides the fields that change. Everything
 * else is the base's, unchanged, under its own ID, so a fleet of mixed distributions reports each CIS
 * check under one ID. Validated like any benchmark: every override must name a group or check of the
 * base, once, and the resulting check must be valid.
 */
final class Profile {

    private static final Set<String> GROUP_FIELDS = Set.of("id", "not-applicable");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "not-applicable", "title", "severity", "scored",
            "manual", "test", "warn-unless", "evidence", "remediation");

    private final BenchmarkLoader loader;
    private final YamlFields profile;
    private final Benchmark base;

    Profile(BenchmarkLoader loader, YamlFields profile, Benchmark base) {
        this.loader = loader;
        this.profile = profile;
        this.base = base;
    }

    /** The base's groups and checks with this profile's overrides, as benchmark {@code id}. */
    Benchmark apply(String id, String title, String version) {
        Map<String, NotApplicable> groups = groupOverrides();
        Map<String, Check> checks = checkOverrides(groups);
        List<Group> merged = new ArrayList<>();
        for (Group group : base.groups()) {
            NotApplicable skipped = groups.get(group.id());
            List<Check> groupChecks = new ArrayList<>();
            for (Check check : group.checks()) {
                if (skipped != null) {
                    groupChecks.add(notApplicable(check, skipped.reason(), skipped.origin()));
                } else {
                    groupChecks.add(checks.getOrDefault(check.id(), check));
                }
            }
            merged.add(new Group(group.id(), group.title(), group.requires(), groupChecks));
        }
        return new Benchmark(id, title, version, merged);
    }

    private record NotApplicable(String reason, Origin origin) {
    }

    private Map<String, NotApplicable> groupOverrides() {
        Map<String, NotApplicable> groups = new LinkedHashMap<>();
        for (Node node : profile.list("groups")) {
            YamlFields group = new YamlFields(profile.file(), node, "");
            String id = group.text("id");
            group = group.subject("group " + id).allowOnly(GROUP_FIELDS);
            if (base.groups().stream().noneMatch(g -> g.id().equals(id))) {
                throw group.error(group.required("id"), "base benchmark " + base.id() + " has no group '" + id + "'");
            }
            NotApplicable skip = new NotApplicable(group.text("not-applicable"), group.origin());
            if (groups.putIfAbsent(id, skip) != null) {
                throw group.error(group.required("id"), "duplicate id, already overridden at " + groups.get(id).origin());
            }
        }
        return groups;
    }

    private Map<String, Check> checkOverrides(Map<String, NotApplicable> groups) {
        Map<String, Check> checks = new HashMap<>();
        for (Node node : profile.list("checks")) {
            YamlFields fields = new YamlFields(profile.file(), node, "");
            String id = fields.text("id");
            YamlFields check = fields.subject("check " + id).allowOnly(CHECK_FIELDS);
            Check original = base.check(id).orElseThrow(() -> check.error(check.required("id"),
                    "base benchmark " + base.id() + " has no check '" + id + "'"));
            String groupId = base.groupOf(id).orElseThrow().id();
            if (groups.containsKey(groupId)) {
                throw check.error(check.required("id"), "its group " + groupId + " is already not applicable ("
                        + groups.get(groupId).origin() + ")");
            }
            if (checks.containsKey(id)) {
                throw check.error(check.required("id"), "duplicate id, already overridden at " + checks.get(id).origin());
            }
            checks.put(id, override(check, original));
        }
        return checks;
    }

    private Check override(YamlFields check, Check original) {
        Set<String> changed = new TreeSet<>(CHECK_FIELDS);
        changed.removeIf(field -> field.equals("id") || !check.has(field));
        if (changed.isEmpty()) {
            throw check.error(check.required("id"), "the override changes nothing: give 'not-applicable' or the fields"
                    + " to replace (title, severity, scored, manual, test, warn-unless, evidence, remediation)");
        }
        if (check.has("not-applicable")) {
            changed.remove("not-applicable");
            if (!changed.isEmpty()) {
                String other = changed.iterator().next();
                throw check.error(check.required(other), "'" + other + "' has no effect on a check that is 'not-applicable'");
            }
            return notApplicable(original, check.text("not-applicable"), check.origin());
        }
        Severity severity = check.has("severity") ? BenchmarkLoader.severity(check) : original.severity();
        boolean scored = check.has("scored") ? check.bool("scored", Optional.empty()) : original.scored();
        boolean manual = check.has("manual") ? check.bool("manual", Optional.empty()) : original.manual();
        Optional<Expectation> test = replaced(check, "test", original.test());
        Optional<Expectation> warnUnless = replaced(check, "warn-unless", original.warnUnless());
        Optional<String> evidence = original.evidence();
        if (check.has("evidence")) {
            evidence = check.optionalText("evidence");
            loader.factKey(check, check.required("evidence"), evidence.get());
        }
        Node at = check.required(changed.iterator().next());
        if (warnUnless.isPresent() && test.isEmpty()) {
            throw check.error(at, "'warn-unless' needs a 'test' to warn after");
        }
        if (evidence.isPresent() && test.isPresent()) {
            throw check.error(at, "'evidence' is only for manual checks without a test");
        }
        if (test.isEmpty() && !manual) {
            throw check.error(at, "a check without 'test' must be 'manual: true'");
        }
        return new Check(original.id(), check.optionalText("title").orElse(original.title()), severity, scored, manual,
                original.requires(), test, warnUnless, evidence,
                check.optionalText("remediation").orElse(original.remediation()), check.origin(), Optional.empty());
    }

    private Optional<Expectation> replaced(YamlFields check, String field, Optional<Expectation> original) {
        return check.has(field) ? Optional.of(loader.expectation(check, check.required(field))) : original;
    }

    private static Check notApplicable(Check check, String reason, Origin origin) {
        return new Check(check.id(), check.title(), check.severity(), check.scored(), check.manual(), check.requires(),
                check.test(), check.warnUnless(), check.evidence(), check.remediation(), origin, Optional.of(reason));
    }
}
