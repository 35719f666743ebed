package io.nodeward.cluster;

import static io.nodeward.cluster.ClusterFixtures.KUBEADM;
import static io.nodeward.cluster.ClusterFixtures.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The seed's MyDevUser Role is flagged for its wildcards, and the rule its remediation shows instead
 * passes: applied to the same Role, the wildcard, escalation and role checks pass for it.
 */
class LeastPrivilegeRemediationTest {

    /** The second {@code rules:} block of the remediation text: the least-privilege rule it recommends. */
    static List<PolicyRule> recommendedRules(String remediation) {
        String[] blocks = remediation.split("\n\\s*rules:\n");
        assertEquals(3, blocks.length, "the remediation shows the seed's rule, then the replacement");
        List<String> lines = new ArrayList<>();
        for (String line : blocks[2].split("\n")) {
            if (line.isBlank()) {
                break;
            }
            lines.add(line);
        }
        String yaml = "rules:\n" + String.join("\n", lines) + "\n";
        Role parsed = new KubernetesSerialization().unmarshal("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
                + "metadata: {name: x}\n" + yaml, Role.class);
        return parsed.getRules();
    }

    private static Map<String, Outcome> outcomes(ClusterReport report, String... ids) {
        return Arrays.stream(ids).collect(java.util.stream.Collectors.toMap(id -> id,
                id -> report.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status()));
    }

    @Test
    void theSeedsRoleIsFlaggedAndTheRecommendedRuleIsNot() {
        ClusterReport flagged = ClusterFixtures.audit().run(ClusterFixtures.objects(KUBEADM, SEED));
        assertEquals(Map.of("rbac-wildcard-binding", Outcome.FAIL, "5.1.8", Outcome.FAIL, "5.1.3", Outcome.WARN),
                outcomes(flagged, "rbac-wildcard-binding", "5.1.8", "5.1.3"));
        CheckResult wildcard = flagged.results().get(0);
        List<PolicyRule> recommended = recommendedRules(wildcard.remediation());
        assertEquals(2, recommended.size());
        assertTrue(recommended.stream().noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*")
                || r.getApiGroups().contains("*")), "no wildcard in " + recommended);
        assertFalse(recommended.stream().anyMatch(r -> r.getResources().contains("secrets")), "no secrets");

        List<HasMetadata> fixed = new ArrayList<>();
        for (HasMetadata object : ClusterFixtures.manifests(KUBEADM, SEED)) {
            fixed.add(object instanceof Role role && role.getMetadata().getName().equals("MyDevUser")
                    ? new RoleBuilder(role).withRules(recommended).build() : object);
        }
        ClusterReport remedied = ClusterFixtures.audit().run(ClusterFixtures.objects(fixed));
        assertEquals(Map.of("rbac-wildcard-binding", Outcome.PASS, "5.1.8", Outcome.PASS, "5.1.3", Outcome.PASS),
                outcomes(remedied, "rbac-wildcard-binding", "5.1.8", "5.1.3"));
    }
}
