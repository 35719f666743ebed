package io.nodeward.cluster.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a role's rules allow, matched as the RBAC authorizer matches them: kubernetes
 * {@code pkg/apis/rbac/v1/evaluation_helpers.go} ({@code VerbMatches}, {@code APIGroupMatches},
 * {@code ResourceMatches}: {@code *}, an exact name, or {@code *}/subresource for a subresource) and
 * {@code plugin/pkg/auth/authorizer/rbac/rbac.go} ({@code RuleAllows}). A rule with
 * {@code resourceNames} allows the request for those names only: it still counts here (some Secrets are
 * readable), and the evidence names them.
 */
public final class PolicyRules {

    /** RBAC's one wildcard, {@code rbacv1.VerbAll}, {@code APIGroupAll} and {@code ResourceAll}. */
    static final String ALL = "*";

    private PolicyRules() {
    }

    /** A rule of a role that allows something, with where it is written, e.g. {@code Role development/MyDevUser rules[0]}. */
    public record Match(String where, PolicyRule rule) {

        /** The rule as written, in {@code kubectl}'s short form, e.g. {@code apiGroups ["", "apps"] resources ["*"] verbs ["*"]}. */
        public String describe() {
            StringBuilder out = new StringBuilder(where).append(": ");
            if (!list(rule.getApiGroups()).isEmpty()) {
                out.append("apiGroups ").append(quoted(rule.getApiGroups())).append(' ');
            }
            if (!list(rule.getResources()).isEmpty()) {
                out.append("resources ").append(quoted(rule.getResources())).append(' ');
            }
            if (!list(rule.getResourceNames()).isEmpty()) {
                out.append("resourceNames ").append(quoted(rule.getResourceNames())).append(' ');
            }
            if (!list(rule.getNonResourceURLs()).isEmpty()) {
                out.append("nonResourceURLs ").append(quoted(rule.getNonResourceURLs())).append(' ');
            }
            return out.append("verbs ").append(quoted(rule.getVerbs())).toString();
        }
    }

    /**
     * Whether the rule allows {@code verb} on {@code resource} (with {@code /subresource} when there is one)
     * in API group {@code group}, for some object name: {@code RuleAllows} of a resource request, with
     * {@code ResourceNameMatches} left out.
     */
    public static boolean allows(PolicyRule rule, String verb, String group, String resource) {
        return matches(rule.getVerbs(), verb) && matches(rule.getApiGroups(), group) && resourceMatches(rule, resource);
    }

    /** The rules among {@code rules} (written at {@code where}) that allow any of {@code verbs} on {@code group}/{@code resource}. */
    public static List<Match> allowing(String where, List<PolicyRule> rules, List<String> verbs, String group, String resource) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            if (verbs.stream().anyMatch(verb -> allows(rule, verb, group, resource))) {
                found.add(new Match(where + " rules[" + i + "]", rule));
            }
        }
        return found;
    }

    /**
     * The rules with a wildcard in their verbs, API groups or resources: {@code *}, or {@code *}/subresource,
     * which {@code ResourceMatches} reads as that subresource of every resource. A {@code *} among the verbs
     * of a {@code nonResourceURLs} rule counts as well: it is a wildcard in verbs, as CIS 5.1.3 reads it.
     */
    public static List<Match> wildcards(String where, List<PolicyRule> rules) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            boolean wildcard = list(rule.getVerbs()).contains(ALL) || list(rule.getApiGroups()).contains(ALL)
                    || list(rule.getResources()).stream().anyMatch(r -> r.equals(ALL) || r.startsWith(ALL + "/"));
            if (wildcard) {
                found.add(new Match(where + " rules[" + i + "]", rule));
            }
        }
        return found;
    }

    /** The first match's rule, with how many more there are, e.g. {@code ... (and 2 more rules)}. */
    public static Optional<String> evidence(List<Match> matches) {
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        String first = matches.get(0).describe();
        return Optional.of(matches.size() == 1 ? first
                : first + " (and " + (matches.size() - 1) + " more rule" + (matches.size() == 2 ? "" : "s") + ")");
    }

    private static boolean matches(List<String> allowed, String requested) {
        for (String value : list(allowed)) {
            if (value.equals(ALL) || value.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ResourceMatches}: {@code *}, the combined name ({@code pods/exec}), or {@code *}/subresource. */
    private static boolean resourceMatches(PolicyRule rule, String combined) {
        int slash = combined.indexOf('/');
        String subresource = slash < 0 ? "" : combined.substring(slash + 1);
        for (String value : list(rule.getResources())) {
            if (value.equals(ALL) || value.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && value.equals(ALL + "/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
