package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.nodeward.cluster.ObjectKind;
import io.nodeward.cluster.rbac.PolicyRules;
import io.nodeward.cluster.rbac.Subjects;
import io.nodeward.host.Fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code binding.*} facts of one RoleBinding or ClusterRoleBinding: what the role it references
 * allows, and who its subjects are. The role is looked up as the authorizer's
 * {@code GetRoleReferenceRules} does (pkg/registry/rbac/validation/rule.go): a {@code Role} in the
 * binding's own namespace, or a {@code ClusterRole}; a role that does not exist grants nothing (yet),
 * so its facts are {@code false} and say so. The role's stored rules are read, aggregated ClusterRoles
 * included: the clusterrole-aggregation controller writes their rules into them, and the authorizer
 * reads nothing else.
 */
final class BindingFacts {

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private BindingFacts() {
    }

    /** A role's rules and how it is named in evidence, or why there are none. */
    private record ResolvedRole(String where, List<PolicyRule> rules, Optional<String> missing) {
    }

    /**
     * @param namespace the binding's namespace, {@code ""} for a ClusterRoleBinding
     * @param binding   how the binding is named, e.g. {@code RoleBinding development/MyDevUser}
     */
    static List<Fact> of(String binding, String namespace, RoleRef roleRef, List<Subject> subjects, ClusterIndex index) {
        List<Fact> facts = new ArrayList<>();
        String refKind = roleRef == null || roleRef.getKind() == null ? "" : roleRef.getKind();
        String refName = roleRef == null || roleRef.getName() == null ? "" : roleRef.getName();
        facts.add(Fact.present(ClusterFactKeys.BINDING_ROLE_REF, refKind + "/" + refName, "roleRef of " + binding));
        ObjectKind roleKind = refKind.equals("Role") ? ObjectKind.ROLE : ObjectKind.CLUSTER_ROLE;
        Optional<String> unreadable = index.unreadable(roleKind);
        if (unreadable.isPresent()) {
            String reason = "the API's " + roleKind.resource() + " could not be read: " + unreadable.get();
            for (String key : List.of(ClusterFactKeys.BINDING_ROLE_WILDCARD, ClusterFactKeys.BINDING_ROLE_READS_SECRETS,
                    ClusterFactKeys.BINDING_ROLE_CREATES_PODS, ClusterFactKeys.BINDING_ROLE_ESCALATES)) {
                facts.add(Fact.error(key, reason));
            }
        } else {
            ResolvedRole role = resolve(refKind, refName, namespace, index);
            String scope = namespace.isEmpty() ? "" : " (granted in namespace " + namespace + ")";
            facts.add(grant(ClusterFactKeys.BINDING_ROLE_WILDCARD, role, PolicyRules.wildcards(role.where(), role.rules()),
                    scope, "no wildcard"));
            facts.add(grant(ClusterFactKeys.BINDING_ROLE_READS_SECRETS, role,
                    PolicyRules.allowing(role.where(), role.rules(), READ, "", "secrets"), scope, "no get, list or watch of secrets"));
            facts.add(grant(ClusterFactKeys.BINDING_ROLE_CREATES_PODS, role,
                    PolicyRules.allowing(role.where(), role.rules(), List.of("create"), "", "pods"), scope, "no create of pods"));
            facts.add(grant(ClusterFactKeys.BINDING_ROLE_ESCALATES, role, escalations(role), scope,
                    "no bind, escalate or impersonate"));
        }
        List<Subjects.Named> named = index.subjects().effective(subjects, namespace);
        String source = "subjects of " + binding;
        Subjects classes = index.subjects();
        facts.add(subjects(ClusterFactKeys.BINDING_OUTSIDE_SYSTEM, named, classes::outsideSystem, source,
                "every subject is a system identity"));
        facts.add(subjects(ClusterFactKeys.BINDING_EVERYONE, named, Subjects::everyone, source,
                "no subject is system:authenticated, system:unauthenticated or system:anonymous"));
        facts.add(subjects(ClusterFactKeys.BINDING_ANONYMOUS, named, Subjects::anonymous, source,
                "no subject is system:anonymous or system:unauthenticated"));
        facts.add(subjects(ClusterFactKeys.BINDING_SYSTEM_MASTERS, named, Subjects::systemMasters, source,
                "no subject is system:masters"));
        return facts;
    }

    private static ResolvedRole resolve(String kind, String name, String namespace, ClusterIndex index) {
        if (kind.equals("Role")) {
            String where = "Role " + namespace + "/" + name;
            return index.role(namespace, name)
                    .map(r -> new ResolvedRole(where, rules(r.getRules()), Optional.empty()))
                    .orElseGet(() -> new ResolvedRole(where, List.of(),
                            Optional.of(where + " does not exist: the binding grants nothing until it does")));
        }
        if (kind.equals("ClusterRole")) {
            String where = "ClusterRole " + name;
            return index.clusterRole(name)
                    .map(r -> new ResolvedRole(where, rules(r.getRules()), Optional.empty()))
                    .orElseGet(() -> new ResolvedRole(where, List.of(),
                            Optional.of(where + " does not exist: the binding grants nothing until it does")));
        }
        return new ResolvedRole(kind + " " + name, List.of(),
                Optional.of("roleRef kind '" + kind + "' is neither Role nor ClusterRole: the authorizer grants nothing"));
    }

    /** bind and escalate on roles and clusterroles (rbac/escalation_check.go), impersonate on users, groups and service accounts (filters/impersonation.go). */
    private static List<PolicyRules.Match> escalations(ResolvedRole role) {
        List<PolicyRules.Match> found = new ArrayList<>();
        for (String resource : List.of("roles", "clusterroles")) {
            found.addAll(PolicyRules.allowing(role.where(), role.rules(), List.of("bind", "escalate"), RBAC_GROUP, resource));
        }
        for (String resource : List.of("users", "groups", "serviceaccounts")) {
            found.addAll(PolicyRules.allowing(role.where(), role.rules(), List.of("impersonate"), "", resource));
        }
        return found.stream().collect(Collectors.collectingAndThen(
                Collectors.toMap(PolicyRules.Match::where, m -> m, (a, b) -> a, java.util.LinkedHashMap::new),
                m -> List.copyOf(m.values())));
    }

    private static Fact grant(String key, ResolvedRole role, List<PolicyRules.Match> matches, String scope, String none) {
        if (role.missing().isPresent()) {
            return Fact.present(key, "false", role.missing().get());
        }
        return PolicyRules.evidence(matches)
                .map(evidence -> Fact.present(key, "true", evidence + scope))
                .orElseGet(() -> Fact.present(key, "false", role.where() + ": " + none + " in "
                        + role.rules().size() + " rule" + (role.rules().size() == 1 ? "" : "s")));
    }

    /** The matching subjects, comma-separated; absent, with {@code none}, when there are none. */
    private static Fact subjects(String key, List<Subjects.Named> named, Predicate<Subjects.Named> which, String source,
                                 String none) {
        List<String> matching = named.stream().filter(which).map(Subjects.Named::toString).distinct().toList();
        return matching.isEmpty() ? Fact.absent(key, none + " (" + source + ")")
                : Fact.present(key, String.join(", ", matching), source);
    }

    private static List<PolicyRule> rules(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules;
    }
}
