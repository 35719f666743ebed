package io.nodeward.cluster;

import static io.nodeward.cluster.ClusterFixtures.KUBEADM;
import static io.nodeward.cluster.ClusterFixtures.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.benchmark.Exemptions;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Exempted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Exemptions are data, and the report lists everything each one took out. */
class ExemptionsTest {

    private static final ClusterReport REPORT = ClusterFixtures.audit().run(ClusterFixtures.objects(KUBEADM, SEED));

    private static Exempted exempted(String id) {
        return REPORT.exemptions().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyExemptionIsListedWithWhatItMatched() {
        Map<String, Integer> counts = REPORT.exemptions().stream()
                .collect(Collectors.toMap(Exempted::id, Exempted::count, (a, b) -> a, java.util.LinkedHashMap::new));
        // kube-system: the Namespace, 2 Roles, 1 RoleBinding, 4 ServiceAccounts, 2 Pods; the bootstrap
        // ClusterRoles named cluster-admin or system:* (edit carries the label too, but not the name)
        assertEquals(Map.of("kube-system", 10, "kube-public", 4, "kube-node-lease", 2, "bootstrap-cluster-roles", 11,
                "public-info-viewer", 1, "system-masters", 1, "kubeadm-cluster-admins", 1,
                "system-subjects:User", 2, "system-subjects:Group", 1), counts);
        assertEquals(List.of("Namespace kube-public", "Role kube-public/kubeadm:bootstrap-signer-clusterinfo",
                "RoleBinding kube-public/kubeadm:bootstrap-signer-clusterinfo", "ServiceAccount kube-public/default"),
                exempted("kube-public").matched());
        assertEquals(List.of("ClusterRoleBinding system:public-info-viewer"), exempted("public-info-viewer").matched());
        assertEquals(List.of("ClusterRoleBinding kubeadm:cluster-admins"), exempted("kubeadm-cluster-admins").matched());
        assertEquals(List.of("User system:kube-controller-manager", "User system:kube-proxy"),
                exempted("system-subjects:User").matched());
        // system:authenticated (system:basic-user, system:discovery) is excepted: it means every user
        assertEquals(List.of("Group system:bootstrappers:kubeadm:default-node-token"), exempted("system-subjects:Group").matched());
        assertEquals("the API server's one default binding of system:unauthenticated (since 1.14), to /healthz, /livez,"
                + " /readyz and /version only", exempted("public-info-viewer").reason());
    }

    @Test
    void anExemptionNeedsAReasonAndAStarOnlyAtTheEnd() {
        BenchmarkException noReason = assertThrows(BenchmarkException.class, () -> Exemptions.parse("exemptions.yaml",
                "namespaces:\n  - name: kube-system\n"));
        assertEquals("exemptions.yaml:2: namespace exemption: missing required field 'reason'", noReason.getMessage());
        BenchmarkException star = assertThrows(BenchmarkException.class, () -> Exemptions.parse("exemptions.yaml",
                "objects:\n  - id: x\n    kind: ClusterRole\n    names: ['sys*tem']\n    reason: r\n"));
        assertEquals("exemptions.yaml:4: exemption x: 'sys*tem': a * may only end a name (a prefix match)", star.getMessage());
        BenchmarkException kind = assertThrows(BenchmarkException.class, () -> Exemptions.parse("exemptions.yaml",
                "objects:\n  - id: x\n    kind: Role\n    names: [a]\n    reason: r\n"));
        assertEquals("exemptions.yaml:3: exemption x: unknown kind 'Role' (allowed: ClusterRole, ClusterRoleBinding)",
                kind.getMessage());
    }

    @Test
    void anObjectExemptionNeedsItsLabels() {
        Exemptions exemptions = Exemptions.parse("exemptions.yaml", "objects:\n  - id: bootstrap\n    kind: ClusterRole\n"
                + "    names: ['system:*']\n    labels: {kubernetes.io/bootstrapping: rbac-defaults}\n    reason: r\n");
        assertEquals("bootstrap", exemptions.object("ClusterRole", "system:node",
                Map.of("kubernetes.io/bootstrapping", "rbac-defaults")).orElseThrow().id());
        assertEquals(java.util.Optional.empty(), exemptions.object("ClusterRole", "system:node", Map.of()));
        assertEquals(java.util.Optional.empty(), exemptions.object("ClusterRole", "cluster-admin",
                Map.of("kubernetes.io/bootstrapping", "rbac-defaults")));
    }
}
