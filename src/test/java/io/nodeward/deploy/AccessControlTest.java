package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Namespace admission level, RBAC and the admission policy that narrows RBAC to the agent's own Node. */
class AccessControlTest {

    private static final String AGENT_USER = "system:serviceaccount:nodeward:nodeward";

    @Test
    void namespaceAdmitsPrivilegedPodsBecauseHostPidAndHostPathNeedIt() {
        Namespace namespace = RenderedBase.one(Namespace.class);
        assertEquals("nodeward", namespace.getMetadata().getName());
        assertEquals("privileged", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void grantsExactlyNodesGetPatchNodeStatusPatchAndEventsCreatePatch() {
        ClusterRole role = RenderedBase.one(ClusterRole.class);
        // (apiGroup, resource) -> verbs, flattened so that how rules are grouped does not matter.
        Map<String, Set<String>> grants = role.getRules().stream()
                .flatMap(rule -> rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
                        .map(resource -> Map.entry(group + "/" + resource, rule))))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.flatMapping(e -> e.getValue().getVerbs().stream(), Collectors.toSet())));
        assertEquals(Map.of(
                "/nodes", Set.of("get", "patch"),
                "/nodes/status", Set.of("patch"),
                "/events", Set.of("create", "patch")), grants);
        for (PolicyRule rule : role.getRules()) {
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), "resourceNames");
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(), "nonResourceURLs");
        }
        assertTrue(role.getAggregationRule() == null, "no aggregation that could add rules");
    }

    @Test
    void bindsTheRoleToTheAgentServiceAccountAlone() {
        ClusterRoleBinding binding = RenderedBase.one(ClusterRoleBinding.class);
        assertEquals("nodeward", binding.getRoleRef().getName());
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals(1, binding.getSubjects().size(), "subjects");
        var subject = binding.getSubjects().get(0);
        assertEquals(List.of("ServiceAccount", "nodeward", "nodeward"),
                List.of(subject.getKind(), subject.getNamespace(), subject.getName()));
        assertTrue(RenderedBase.resources().stream().noneMatch(r -> r instanceof Role || r instanceof RoleBinding),
                "no other roles or bindings");
    }

    @Test
    void agentRunsAsTheServiceAccountThePolicyNames() {
        ServiceAccount account = RenderedBase.one(ServiceAccount.class);
        DaemonSet daemonSet = RenderedBase.one(DaemonSet.class);
        String user = "system:serviceaccount:" + account.getMetadata().getNamespace() + ":" + account.getMetadata().getName();
        assertEquals(AGENT_USER, user);
        assertEquals(account.getMetadata().getName(), daemonSet.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(account.getMetadata().getNamespace(), daemonSet.getMetadata().getNamespace());
    }

    @Test
    void policyAppliesToUpdatesOfNodesAndNodeStatusByTheAgentOnly() {
        var spec = RenderedBase.one(ValidatingAdmissionPolicy.class).getSpec();
        assertEquals("Fail", spec.getFailurePolicy());
        var rules = spec.getMatchConstraints().getResourceRules();
        assertEquals(1, rules.size(), "resource rules");
        assertEquals(List.of(""), rules.get(0).getApiGroups());
        assertEquals(List.of("UPDATE"), rules.get(0).getOperations());
        assertEquals(List.of("nodes", "nodes/status"), rules.get(0).getResources());
        assertEquals(1, spec.getMatchConditions().size(), "match conditions");
        assertEquals("request.userInfo.username == \"" + AGENT_USER + "\"", spec.getMatchConditions().get(0).getExpression());
    }

    @Test
    void policyComparesTheNodeWithTheTokensNodeNameClaim() {
        var spec = RenderedBase.one(ValidatingAdmissionPolicy.class).getSpec();
        var userNodeName = spec.getVariables().stream().filter(v -> v.getName().equals("userNodeName")).findFirst().orElseThrow();
        assertTrue(userNodeName.getExpression().contains("request.userInfo.extra[?'authentication.kubernetes.io/node-name']"),
                userNodeName.getExpression());
        List<String> expressions = spec.getValidations().stream().map(Validation::getExpression).toList();
        assertTrue(expressions.contains("variables.userNodeName != ''"), "an agent without the claim is denied");
        assertTrue(expressions.contains("object.metadata.name == variables.userNodeName"), "only its own Node");
        assertTrue(expressions.stream().anyMatch(e -> e.contains("k.startsWith('nodeward.io/')")), "only nodeward.io/ annotations");
        assertTrue(expressions.stream().anyMatch(e -> e.contains("c.type != 'NodeHardened'")), "only its own condition");
        assertTrue(expressions.contains("object.?spec == oldObject.?spec"), "spec (taints) unchanged");
    }

    @Test
    void policyIsBoundToDeny() {
        var binding = RenderedBase.one(ValidatingAdmissionPolicyBinding.class);
        assertEquals(RenderedBase.one(ValidatingAdmissionPolicy.class).getMetadata().getName(), binding.getSpec().getPolicyName());
        assertEquals(List.of("Deny"), binding.getSpec().getValidationActions());
        assertTrue(binding.getSpec().getMatchResources() == null, "no narrowing of what the policy matches");
    }
}
