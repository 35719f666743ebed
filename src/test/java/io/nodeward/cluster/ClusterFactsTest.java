package io.nodeward.cluster;

import static io.nodeward.cluster.ClusterFixtures.KUBEADM;
import static io.nodeward.cluster.ClusterFixtures.SEED;
import static io.nodeward.cluster.ClusterFixtures.TENANTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.rbac.PolicyRules;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The rules and facts behind the verdicts, where the API's semantics are subtle. */
class ClusterFactsTest {

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }

    @Test
    void aSubresourceWildcardMatchesThatSubresourceOfEveryResource() {
        PolicyRule scale = rule(List.of("*"), List.of("*/scale"), List.of("get", "update"));
        assertTrue(PolicyRules.allows(scale, "update", "apps", "deployments/scale"));
        assertFalse(PolicyRules.allows(scale, "update", "apps", "deployments"));
        assertEquals(1, PolicyRules.wildcards("ClusterRole hpa", List.of(scale)).size());
    }

    @Test
    void aRuleLimitedToNamesStillGrantsAndSaysWhich() {
        PolicyRule named = new PolicyRuleBuilder(rule(List.of(""), List.of("secrets"), List.of("get")))
                .withResourceNames("db-password").build();
        List<PolicyRules.Match> matches = PolicyRules.allowing("Role team-a/reader", List.of(named),
                List.of("get", "list", "watch"), "", "secrets");
        assertEquals("Role team-a/reader rules[0]: apiGroups [\"\"] resources [\"secrets\"] resourceNames [\"db-password\"]"
                + " verbs [\"get\"]", matches.get(0).describe());
    }

    @Test
    void aPolicyThatAllowsAllIngressIsNoDefaultDeny() {
        List<HasMetadata> objects = new ArrayList<>(ClusterFixtures.manifests(KUBEADM, TENANTS));
        objects.removeIf(o -> o.getMetadata().getName().equals("default-deny-ingress"));
        objects.addAll(ClusterFixtures.parse("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-all, namespace: team-a}
                spec:
                  podSelector: {}
                  policyTypes: ["Ingress"]
                  ingress: [{}]
                """));
        ClusterReport report = ClusterFixtures.audit().run(ClusterFixtures.objects(objects));
        assertEquals(List.of("Namespace default", "Namespace team-a", "Namespace team-b"),
                report.findings("ns-default-deny").stream().map(f -> f.object().toString()).toList());
    }

    @Test
    void aKindThatCouldNotBeReadIsAnErrorNeverAPass() {
        ClusterObjects.Builder builder = ClusterObjects.builder();
        List<HasMetadata> all = ClusterFixtures.manifests(KUBEADM, SEED, TENANTS);
        for (ObjectKind kind : ObjectKind.values()) {
            builder.put(kind, all.stream().filter(o -> ClusterFixtures.kindOf(o) == kind).toList());
        }
        builder.unreadable(ObjectKind.NETWORK_POLICY, "HTTP 403: networkpolicies.networking.k8s.io is forbidden");
        builder.unreadable(ObjectKind.POD, "not listed yet");
        ClusterReport report = ClusterFixtures.audit().run(builder.build());
        CheckResult pods = report.results().stream().filter(r -> r.id().equals("pod-default-sa-token")).findFirst().orElseThrow();
        assertEquals(Outcome.ERROR, pods.status());
        assertEquals("the API's pods could not be read: not listed yet", pods.reason());
        CheckResult policies = report.results().stream().filter(r -> r.id().equals("ns-network-policy")).findFirst().orElseThrow();
        assertEquals(Outcome.ERROR, policies.status());
        assertEquals("4 of 4 Namespaces could not be judged: Namespace default: namespace.networkPolicies: the API's"
                + " networkpolicies could not be read: HTTP 403: networkpolicies.networking.k8s.io is forbidden", policies.reason());
        CheckResult limits = report.results().stream().filter(r -> r.id().equals("ns-resource-limits")).findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, limits.status(), "quotas and limit ranges were read");
    }
}
