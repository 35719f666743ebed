package io.nodeward.host.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which level an audit policy gives a request, decided as kube-apiserver decides it: the rules in
 * order, the first that matches wins, no match is level None. {@link #matches} is a line-by-line port
 * of {@code ruleMatches} and {@code ruleMatchesResource} in {@code k8s.io/apiserver/pkg/audit/policy/checker.go}
 * (kubernetes-1.36), for resource requests.
 *
 * <p>On top of that, two questions a benchmark asks about a resource:
 * <ul>
 *   <li>{@link #ordinary}: the lowest level an ordinary user's requests get (a user and namespace no
 *       rule names, in {@code system:authenticated}, every standard verb): what the policy does for
 *       requests it does not single out;</li>
 *   <li>{@link #highest}: the highest level ANY request gets. Exact, not sampled: a rule matches on
 *       equality with the names it lists (users, groups, verbs, namespaces, resource names) or on
 *       anything, so trying every name the policy mentions plus one it does not covers every case;
 *       and since one more group can only make more rules match, earlier ones included, a user with
 *       one named group besides {@code system:authenticated} or {@code system:unauthenticated} is
 *       as bad as it gets.</li>
 * </ul>
 */
public final class AuditPolicyEvaluator {

    /** The API's verbs for a resource (deletecollection included): every request has one of them. */
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    /** More combinations than this is no real policy; the reader reports an error rather than spend the time. */
    static final long MAX_COMBINATIONS = 2_000_000;

    private AuditPolicyEvaluator() {
    }

    /**
     * The level for a request, with the rule that decided it (empty when none matched).
     *
     * @param rule the deciding rule, or empty for the default level None
     */
    public record Decision(AuditRequest request, AuditPolicy.Level level, Optional<AuditPolicy.Rule> rule) {

        /** e.g. {@code rule 3 (RequestResponse) matches update secrets ...}, or the default. */
        public String explain() {
            return rule.map(r -> "rule " + r.number() + " (level " + level + ") matches " + request.describe())
                    .orElse("no rule matches " + request.describe() + ", so the default level None");
        }
    }

    public static Decision evaluate(AuditPolicy policy, AuditRequest request) {
        for (AuditPolicy.Rule rule : policy.rules()) {
            if (matches(rule, request)) {
                return new Decision(request, rule.level(), Optional.of(rule));
            }
        }
        return new Decision(request, AuditPolicy.Level.None, Optional.empty());
    }

    /** {@code ruleMatches} for a resource request. */
    static boolean matches(AuditPolicy.Rule rule, AuditRequest request) {
        if (!rule.users().isEmpty() && !rule.users().contains(request.user())) {
            return false;
        }
        if (!rule.userGroups().isEmpty() && request.groups().stream().noneMatch(rule.userGroups()::contains)) {
            return false;
        }
        if (!rule.verbs().isEmpty() && !rule.verbs().contains(request.verb())) {
            return false;
        }
        if (!rule.namespaces().isEmpty() || !rule.resources().isEmpty()) {
            return matchesResource(rule, request);
        }
        // a rule with nonResourceURLs never matches a resource request; one with no matchers matches all
        return rule.nonResourceURLs().isEmpty();
    }

    /** {@code ruleMatchesResource}. */
    private static boolean matchesResource(AuditPolicy.Rule rule, AuditRequest request) {
        if (!rule.namespaces().isEmpty() && !rule.namespaces().contains(request.namespace())) {
            return false; // non-namespaced resources use the empty string
        }
        if (rule.resources().isEmpty()) {
            return true;
        }
        String subresource = request.subresource();
        String combined = subresource.isEmpty() ? request.resource() : request.resource() + "/" + subresource;
        for (AuditPolicy.GroupResources gr : rule.resources()) {
            if (!gr.group().equals(request.apiGroup()) && !gr.group().equals("*")) {
                continue;
            }
            if (gr.resources().isEmpty()) {
                return true;
            }
            for (String res : gr.resources()) {
                if (!gr.resourceNames().isEmpty() && !gr.resourceNames().contains(request.name())) {
                    continue;
                }
                if (res.equals(combined) || res.equals("*")) {
                    return true;
                }
                if (!subresource.isEmpty() && res.startsWith("*/") && subresource.equals(res.substring(2))) {
                    return true;
                }
                if (res.endsWith("/*") && request.resource().equals(res.substring(0, res.length() - 2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The lowest level among an ordinary user's requests for {@code resource} with {@code verbs}: in a
     * namespace no rule names (and across all namespaces for list and watch), or cluster-wide when
     * the resource is not namespaced.
     */
    public static Decision ordinary(AuditPolicy policy, String apiGroup, String resource, boolean namespaced,
                                    List<String> verbs) {
        Mentioned named = Mentioned.in(policy);
        String user = fresh("nodeward-ordinary-user", named.users);
        String namespace = fresh("nodeward-ordinary-namespace", named.namespaces);
        String name = fresh("nodeward-ordinary-name", named.names);
        Decision lowest = null;
        for (String verb : verbs) {
            List<String> namespaces = !namespaced ? List.of("")
                    : verb.equals("list") || verb.equals("watch") ? List.of(namespace, "") : List.of(namespace);
            String object = Set.of("get", "update", "patch", "delete").contains(verb) ? name : "";
            for (String ns : namespaces) {
                Decision decision = evaluate(policy, new AuditRequest(user, List.of("system:authenticated"), verb,
                        apiGroup, resource, "", ns, object));
                if (lowest == null || decision.level().ordinal() < lowest.level().ordinal()) {
                    lowest = decision;
                }
            }
        }
        return lowest;
    }

    /**
     * The highest level any request for {@code resource} gets, with the first request found at it.
     *
     * @throws IllegalArgumentException when the policy names so many users, groups, verbs, namespaces
     *                                  and names that trying them all is more than {@link #MAX_COMBINATIONS}
     */
    public static Decision highest(AuditPolicy policy, String apiGroup, String resource, boolean namespaced) {
        Mentioned named = Mentioned.in(policy);
        List<String> users = withFresh(named.users, "nodeward-any-user");
        List<String> verbs = new ArrayList<>(new LinkedHashSet<>(concat(VERBS, named.verbs)));
        List<String> namespaces = namespaced ? withFresh(named.namespaces, "nodeward-any-namespace") : List.of("");
        if (namespaced && !namespaces.contains("")) {
            namespaces.add("");
        }
        List<String> names = withFresh(named.names, "nodeward-any-name");
        if (!names.contains("")) {
            names.add("");
        }
        List<List<String>> groupSets = new ArrayList<>();
        for (String base : List.of("system:authenticated", "system:unauthenticated")) {
            groupSets.add(List.of(base));
            for (String group : named.groups) {
                if (!group.equals(base)) {
                    groupSets.add(List.of(base, group));
                }
            }
        }
        long combinations = (long) users.size() * groupSets.size() * verbs.size() * namespaces.size() * names.size();
        if (combinations > MAX_COMBINATIONS) {
            throw new IllegalArgumentException("the policy names too many users, groups, verbs, namespaces and "
                    + "resource names to try every request (" + combinations + " combinations, at most "
                    + MAX_COMBINATIONS + ")");
        }
        Decision highest = null;
        for (String user : users) {
            for (List<String> groups : groupSets) {
                for (String verb : verbs) {
                    for (String namespace : namespaces) {
                        for (String name : names) {
                            Decision decision = evaluate(policy, new AuditRequest(user, groups, verb, apiGroup,
                                    resource, "", namespace, name));
                            if (highest == null || decision.level().ordinal() > highest.level().ordinal()) {
                                highest = decision;
                                if (decision.level() == AuditPolicy.Level.RequestResponse) {
                                    return highest; // nothing is higher
                                }
                            }
                        }
                    }
                }
            }
        }
        return highest;
    }

    /** The values a policy's rules compare requests with. */
    private record Mentioned(Set<String> users, Set<String> groups, Set<String> verbs, Set<String> namespaces,
                             Set<String> names) {

        static Mentioned in(AuditPolicy policy) {
            Mentioned m = new Mentioned(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
                    new LinkedHashSet<>(), new LinkedHashSet<>());
            for (AuditPolicy.Rule rule : policy.rules()) {
                m.users.addAll(rule.users());
                m.groups.addAll(rule.userGroups());
                m.verbs.addAll(rule.verbs());
                m.namespaces.addAll(rule.namespaces());
                rule.resources().forEach(gr -> m.names.addAll(gr.resourceNames()));
            }
            return m;
        }
    }

    private static List<String> withFresh(Set<String> named, String stem) {
        List<String> values = new ArrayList<>(named);
        values.add(fresh(stem, named));
        return values;
    }

    /** {@code stem}, or {@code stem-2}, ...: a value the policy does not name. */
    private static String fresh(String stem, Set<String> named) {
        String value = stem;
        for (int i = 2; named.contains(value); i++) {
            value = stem + "-" + i;
        }
        return value;
    }

    private static List<String> concat(List<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
