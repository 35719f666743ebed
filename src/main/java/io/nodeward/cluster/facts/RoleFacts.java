package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.nodeward.cluster.rbac.PolicyRules;
import io.nodeward.host.Fact;

import java.util.List;

/** The {@code role.*} facts of one Role or ClusterRole: whether a rule has a wildcard. */
final class RoleFacts {

    private RoleFacts() {
    }

    /** @param where how the role is named, e.g. {@code ClusterRole cluster-admin} */
    static List<Fact> of(String where, List<PolicyRule> rules) {
        List<PolicyRule> all = rules == null ? List.of() : rules;
        List<PolicyRules.Match> wildcards = PolicyRules.wildcards(where, all);
        return List.of(PolicyRules.evidence(wildcards)
                .map(evidence -> Fact.present(ClusterFactKeys.ROLE_WILDCARD, "true", evidence))
                .orElseGet(() -> Fact.present(ClusterFactKeys.ROLE_WILDCARD, "false",
                        where + ": no wildcard in " + all.size() + " rule" + (all.size() == 1 ? "" : "s"))));
    }
}
