package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.nodeward.cluster.ClusterFixtures;
import io.nodeward.cluster.ObjectKind;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.scan.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cluster auditor's deployment as {@code kubectl kustomize daemonset/cluster/} renders it: a ClusterRole
 * granting read verbs only, on exactly the kinds the auditor reads; writes only for the leader election's
 * Lease (in its own namespace) and its events; everything bound to its own service account alone; two
 * restricted replicas of {@code nodeward cluster}; and its own namespace passing its own checks.
 */
class ClusterAuditorAccessTest {

    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final String ACCOUNT = "system:serviceaccount:nodeward-cluster:nodeward-cluster";

    /** {@code group/resource -> verbs} (with {@code [name]} when limited to names), flattened over the rules. */
    private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (PolicyRule rule : rules) {
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(), "nonResourceURLs");
            String names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? ""
                    : rule.getResourceNames().toString();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    grants.computeIfAbsent(group + "/" + resource + names, k -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return grants;
    }

    @Test
    void theClusterRoleReadsExactlyWhatTheAuditorWatches() {
        ClusterRole read = RenderedClusterAuditor.named(ClusterRole.class, "nodeward-cluster-read");
        Map<String, Set<String>> expected = new TreeMap<>();
        for (ObjectKind kind : ObjectKind.values()) {
            expected.put(kind.group() + "/" + kind.resource(), READ);
        }
        assertEquals(Map.of(
                "/namespaces", READ, "/pods", READ, "/serviceaccounts", READ, "/resourcequotas", READ, "/limitranges", READ,
                "networking.k8s.io/networkpolicies", READ,
                "rbac.authorization.k8s.io/roles", READ, "rbac.authorization.k8s.io/rolebindings", READ,
                "rbac.authorization.k8s.io/clusterroles", READ, "rbac.authorization.k8s.io/clusterrolebindings", READ),
                expected, "the kinds the informers watch");
        assertEquals(expected, grants(read.getRules()));
        assertNull(read.getAggregationRule(), "no aggregation that could add rules");
    }

    @Test
    void theOnlyWritesAreTheLeaseAndTheEvents() {
        Map<String, Set<String>> writes = new TreeMap<>();
        for (Role role : RenderedClusterAuditor.all(Role.class)) {
            grants(role.getRules()).forEach((resource, verbs) -> writes.put("Role " + role.getMetadata().getNamespace() + "/"
                    + role.getMetadata().getName() + " " + resource, verbs));
        }
        for (ClusterRole role : RenderedClusterAuditor.all(ClusterRole.class)) {
            grants(role.getRules()).forEach((resource, verbs) -> {
                Set<String> notRead = verbs.stream().filter(v -> !READ.contains(v)).collect(Collectors.toCollection(TreeSet::new));
                if (!notRead.isEmpty()) {
                    writes.put("ClusterRole " + role.getMetadata().getName() + " " + resource, notRead);
                }
            });
        }
        assertEquals(Map.of(
                "Role nodeward-cluster/nodeward-cluster-leader-election coordination.k8s.io/leases", Set.of("create"),
                "Role nodeward-cluster/nodeward-cluster-leader-election coordination.k8s.io/leases[nodeward-cluster]",
                Set.of("get", "update", "patch"),
                "ClusterRole nodeward-cluster-events /events", Set.of("create")), writes);
    }

    @Test
    void theLeaseTheRoleNamesIsTheOneTheAuditorTakes() {
        Role role = RenderedClusterAuditor.named(Role.class, "nodeward-cluster-leader-election");
        assertEquals(List.of(leaseNameDefault()), role.getRules().get(1).getResourceNames());
    }

    /** {@code nodeward.cluster.lease-name}'s default, the Lease the auditor creates and renews. */
    private static String leaseNameDefault() {
        try {
            return io.nodeward.NodewardConfig.Cluster.class.getMethod("leaseName")
                    .getAnnotation(io.smallrye.config.WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everythingIsBoundToTheAuditorsServiceAccountAlone() {
        List<List<Subject>> subjects = new ArrayList<>();
        RenderedClusterAuditor.all(ClusterRoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));
        RenderedClusterAuditor.all(RoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));
        assertEquals(3, subjects.size(), "read, events, leader election");
        for (List<Subject> list : subjects) {
            assertEquals(1, list.size());
            Subject s = list.get(0);
            assertEquals(ACCOUNT, "system:serviceaccount:" + s.getNamespace() + ":" + s.getName());
            assertEquals("ServiceAccount", s.getKind());
        }
        assertTrue(RenderedBase.resources().stream().noneMatch(r -> r.getMetadata().getName().startsWith("nodeward-cluster")),
                "the node agents' base is unchanged: none of the auditor's objects in it");
    }

    @Test
    void twoRestrictedReplicasRunTheClusterCommand() {
        Deployment deployment = RenderedClusterAuditor.named(Deployment.class, "nodeward-cluster");
        assertEquals(2, deployment.getSpec().getReplicas());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals("nodeward-cluster", pod.getServiceAccountName());
        var container = pod.getContainers().get(0);
        assertEquals(List.of("cluster"), container.getArgs());
        assertNull(pod.getHostPID());
        assertNull(pod.getHostNetwork());
        assertTrue(pod.getVolumes().stream().allMatch(v -> v.getHostPath() == null), "no host path");
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        var added = container.getSecurityContext().getCapabilities().getAdd();
        assertTrue(added == null || added.isEmpty(), "no capability added");
        Namespace namespace = RenderedClusterAuditor.named(Namespace.class, "nodeward-cluster");
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void itPassesItsOwnChecks() {
        List<HasMetadata> judged = RenderedClusterAuditor.resources().stream()
                .filter(r -> Arrays.stream(ObjectKind.values()).anyMatch(k -> k.kind().equals(r.getKind())))
                .toList();
        ClusterReport report = ClusterFixtures.audit().run(ClusterFixtures.objects(judged));
        Map<String, Outcome> notPassing = new TreeMap<>();
        report.results().stream().filter(r -> r.status() != Outcome.PASS && r.status() != Outcome.SKIP)
                .forEach(r -> notPassing.put(r.id(), r.status()));
        assertEquals(Map.of(), notPassing);
    }
}
