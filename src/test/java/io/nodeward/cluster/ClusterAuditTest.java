package io.nodeward.cluster;

import static io.nodeward.cluster.ClusterFixtures.KUBEADM;
import static io.nodeward.cluster.ClusterFixtures.SEED;
import static io.nodeward.cluster.ClusterFixtures.TENANTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Finding;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check of nodeward-cluster-1.0 on a kubeadm control plane's bootstrap objects, the seed's
 * MyDevUser example and two tenant namespaces: each verdict, and the objects behind it, exactly.
 */
class ClusterAuditTest {

    private static final ClusterReport REPORT = ClusterFixtures.audit().run(ClusterFixtures.objects(KUBEADM, SEED, TENANTS));

    private static CheckResult result(String id) {
        return REPORT.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> offenders(String id) {
        return REPORT.findings(id).stream().map(f -> f.object().toString()).toList();
    }

    @Test
    void everyCheckHasItsVerdict() {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        REPORT.results().forEach(r -> outcomes.put(r.id(), r.status()));
        Map<String, Outcome> expected = new LinkedHashMap<>();
        expected.put("rbac-wildcard-binding", Outcome.FAIL);
        expected.put("rbac-anonymous", Outcome.PASS);
        expected.put("5.1.1", Outcome.PASS);
        expected.put("5.1.2", Outcome.PASS);
        expected.put("5.1.3", Outcome.WARN);
        expected.put("5.1.4", Outcome.PASS);
        expected.put("5.1.5", Outcome.WARN);
        expected.put("5.1.6", Outcome.WARN);
        expected.put("5.1.7", Outcome.PASS);
        expected.put("5.1.8", Outcome.FAIL);
        expected.put("pod-default-sa-token", Outcome.FAIL);
        expected.put("ns-network-policy", Outcome.FAIL);
        expected.put("ns-default-deny", Outcome.WARN);
        expected.put("ns-resource-limits", Outcome.FAIL);
        assertEquals(expected, outcomes);
        assertEquals(Map.of(Outcome.PASS, 5, Outcome.FAIL, 5, Outcome.WARN, 4, Outcome.SKIP, 0, Outcome.ERROR, 0),
                REPORT.summary());
    }

    @Test
    void theSeedsWildcardRoleBoundToItsServiceAccountFails() {
        CheckResult result = result("rbac-wildcard-binding");
        assertEquals("every RoleBinding and ClusterRoleBinding outside the exemptions: 'binding.role.wildcard' is equal"
                + " to 'false' or 'binding.subjects.outsideSystem' is not set", result.expected());
        assertEquals("1 of 13 RoleBindings and ClusterRoleBindings: RoleBinding development/MyDevUser"
                + " (binding.role.wildcard: true; binding.subjects.outsideSystem: ServiceAccount development/mydevuser)",
                result.actual());
        assertEquals("RoleBinding development/MyDevUser: Role development/MyDevUser rules[0]: apiGroups [\"\", \"extensions\", \"apps\"]"
                + " resources [\"*\"] verbs [\"*\"] (granted in namespace development); subjects of RoleBinding development/MyDevUser",
                result.source());
        Finding finding = REPORT.findings("rbac-wildcard-binding").get(0);
        assertEquals(new ObjectRef(ObjectKind.ROLE_BINDING, "development", "MyDevUser", "rb-mydevuser"), finding.object());
        assertEquals(Outcome.FAIL, finding.outcome());
    }

    @Test
    void theControllersWildcardRolesBoundToKubeSystemAccountsPass() {
        // generic-garbage-collector, namespace-controller (apiGroups/resources "*"), horizontal-pod-autoscaler
        // ("*/scale") and kube-controller-manager are bound to system subjects only
        assertEquals(List.of("RoleBinding development/MyDevUser"), offenders("rbac-wildcard-binding"));
    }

    @Test
    void theSeedsRoleCanImpersonateServiceAccounts() {
        assertEquals(List.of("RoleBinding development/MyDevUser"), offenders("5.1.8"));
        assertEquals("RoleBinding development/MyDevUser (binding.role.escalates: true;"
                + " binding.subjects.outsideSystem: ServiceAccount development/mydevuser)",
                result("5.1.8").actual().substring("1 of 13 RoleBindings and ClusterRoleBindings: ".length()));
    }

    @Test
    void wildcardRolesOutsideTheBootstrapPolicyWarn() {
        CheckResult result = result("5.1.3");
        assertEquals("1 of 4 Roles and ClusterRoles: Role development/MyDevUser (role.wildcard: true)", result.actual());
        assertEquals("unscored check: review against your site policy", result.reason());
    }

    @Test
    void onlyTheApiServersDefaultsNameAnonymous() {
        CheckResult result = result("rbac-anonymous");
        assertEquals("13 of 13 RoleBindings and ClusterRoleBindings pass", result.actual());
    }

    @Test
    void defaultServiceAccountsThatMountTheirTokenWarn() {
        assertEquals(List.of("ServiceAccount default/default", "ServiceAccount development/default",
                "ServiceAccount team-b/default"), offenders("5.1.5"));
        assertEquals("3 of 6 ServiceAccounts: ServiceAccount default/default (serviceaccount.name: default;"
                + " serviceaccount.automountToken: true); ServiceAccount development/default (serviceaccount.name: default;"
                + " serviceaccount.automountToken: true); ServiceAccount team-b/default (serviceaccount.name: default;"
                + " serviceaccount.automountToken: true)", result("5.1.5").actual());
    }

    @Test
    void aPodOnTheDefaultAccountWithItsTokenFails() {
        assertEquals(List.of("Pod default/web-5f8d7c9b6-qv7mn"), offenders("pod-default-sa-token"));
        assertEquals("Pod default/web-5f8d7c9b6-qv7mn: spec.serviceAccountName; volume kube-api-access-l8k2w"
                + " (projected serviceAccountToken) mounted in container web", result("pod-default-sa-token").source());
    }

    @Test
    void podsWithATokenWarnUnder516() {
        assertEquals(List.of("Pod default/web-5f8d7c9b6-qv7mn", "Pod team-a/api-7d9c6b5f4-x2x9z"), offenders("5.1.6"));
    }

    @Test
    void namespacesWithoutPoliciesOrLimitsFail() {
        assertEquals(List.of("Namespace default", "Namespace development", "Namespace team-b"), offenders("ns-network-policy"));
        assertEquals(List.of("Namespace default", "Namespace development", "Namespace team-b"), offenders("ns-default-deny"));
        assertEquals(List.of("Namespace default", "Namespace development", "Namespace team-b"), offenders("ns-resource-limits"));
        assertEquals("Namespace default: no NetworkPolicy in namespace default; Namespace development: no NetworkPolicy in"
                + " namespace development; Namespace team-b: no NetworkPolicy in namespace team-b", result("ns-network-policy").source());
    }

    @Test
    void findingsAreWhatMetricsCountPerNamespace() {
        assertEquals(Map.of("development", 1), io.nodeward.cluster.audit.ClusterAudit.perNamespace(REPORT.findings("5.1.8")));
        assertEquals(Map.of("", 3), io.nodeward.cluster.audit.ClusterAudit.perNamespace(REPORT.findings("ns-network-policy")));
    }
}
