package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rendered admission policy's CEL, evaluated against the updates the agent makes and the
 * ones a stolen agent token could attempt.
 */
class AdmissionPolicyBehaviourTest {

    private static final String AGENT = "system:serviceaccount:nodeward:nodeward";
    private static final String NODE_JSON = """
            {"apiVersion": "v1", "kind": "Node",
             "metadata": {"name": "worker-1", "uid": "5d4c",
               "labels": {"kubernetes.io/hostname": "worker-1", "node-role.kubernetes.io/worker": ""},
               "annotations": {"node.alpha.kubernetes.io/ttl": "0", "nodeward.io/status": "pass"}},
             "spec": {"podCIDR": "10.244.1.0/24", "taints": []},
             "status": {
               "capacity": {"cpu": "4", "memory": "16Gi", "pods": "110"},
               "allocatable": {"cpu": "4", "memory": "15Gi", "pods": "110"},
               "addresses": [{"type": "InternalIP", "address": "10.0.0.11"}],
               "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
               "nodeInfo": {"kubeletVersion": "v1.31.4"},
               "conditions": [
                 {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
                 {"type": "Ready", "status": "True", "reason": "KubeletReady"}]}}
            """;

    private final AdmissionPolicyEvaluator policy =
            new AdmissionPolicyEvaluator(RenderedBase.one(ValidatingAdmissionPolicy.class).getSpec());
    private final Map<String, Object> old = node();
    private final Map<String, Object> updated = node();

    @Test
    void admitsTheAgentChangingItsOwnNodesNodewardAnnotations() {
        annotations(updated).put("nodeward.io/status", "fail");
        annotations(updated).put("nodeward.io/failed", "4.2.4,port-10255");
        annotations(updated).remove("nodeward.io/status");
        assertEquals(List.of(), denials(AGENT, "worker-1"));
    }

    @Test
    void admitsTheAgentAddingAndChangingItsNodeHardenedCondition() {
        conditions(updated).add(new LinkedHashMap<>(Map.of("type", "NodeHardened", "status", "False", "reason", "ChecksFailing")));
        assertEquals(List.of(), denials(AGENT, "worker-1"));
    }

    @Test
    void deniesTheAgentChangingAnotherNode() {
        annotations(updated).put("nodeward.io/status", "fail");
        assertEquals(List.of("the nodeward agent on node 'worker-2' may not modify Node 'worker-1'"), denials(AGENT, "worker-2"));
    }

    @Test
    void deniesATokenWithoutANodeClaim() {
        annotations(updated).put("nodeward.io/status", "fail");
        List<String> denials = denials(AGENT, null);
        assertEquals(2, denials.size(), denials.toString());
        assertEquals(true, denials.get(0).startsWith("no node-name claim in the request"), denials.get(0));
    }

    @Test
    void deniesTheAgentChangingLabels() {
        labels(updated).put("node-role.kubernetes.io/control-plane", "");
        assertEquals(List.of("the nodeward agent may not change a Node's labels, finalizers or owner references"),
                denials(AGENT, "worker-1"));
    }

    @Test
    void deniesTheAgentChangingOrRemovingAnnotationsOutsideItsPrefix() {
        annotations(updated).put("node.alpha.kubernetes.io/ttl", "30");
        assertEquals(List.of("the nodeward agent may add, change or remove only nodeward.io/ annotations"), denials(AGENT, "worker-1"));
        annotations(updated).remove("node.alpha.kubernetes.io/ttl");
        assertEquals(List.of("the nodeward agent may add, change or remove only nodeward.io/ annotations"), denials(AGENT, "worker-1"));
        annotations(updated).put("nodeward.io.evil.example/x", "1");
        assertEquals(1, denials(AGENT, "worker-1").size());
    }

    @Test
    void deniesTheAgentTaintingTheNode() {
        spec(updated).put("taints", List.of(Map.of("key", "evict", "effect", "NoExecute")));
        assertEquals(List.of("the nodeward agent may not change a Node's spec (taints, unschedulable, podCIDR, ...)"),
                denials(AGENT, "worker-1"));
    }

    @Test
    void deniesTheAgentChangingAnotherCondition() {
        conditions(updated).get(1).put("status", "False");
        assertEquals(List.of("the nodeward agent may change only the NodeHardened condition"), denials(AGENT, "worker-1"));
    }

    @Test
    void deniesTheAgentChangingCapacity() {
        status(updated).put("allocatable", Map.of("cpu", "400", "memory", "15Gi", "pods", "110"));
        assertEquals(List.of("the nodeward agent may not change a Node's status other than its NodeHardened condition"),
                denials(AGENT, "worker-1"));
    }

    @Test
    void leavesEveryoneElseToRbac() {
        labels(updated).put("team", "payments");
        assertEquals(List.of(), denials("system:node:worker-1", "worker-1"));
        assertEquals(List.of(), denials("system:serviceaccount:other:nodeward", "worker-2"));
    }

    private List<String> denials(String user, String tokenNode) {
        return policy.denials(AdmissionPolicyEvaluator.request(user, tokenNode), old, updated);
    }

    private static Map<String, Object> node() {
        try {
            return new ObjectMapper().readValue(NODE_JSON, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static Map<String, Object> annotations(Map<String, Object> node) {
        return child(child(node, "metadata"), "annotations");
    }

    private static Map<String, Object> labels(Map<String, Object> node) {
        return child(child(node, "metadata"), "labels");
    }

    private static Map<String, Object> spec(Map<String, Object> node) {
        return child(node, "spec");
    }

    private static Map<String, Object> status(Map<String, Object> node) {
        return child(node, "status");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(Map<String, Object> node) {
        return (List<Map<String, Object>>) (List<?>) status(node).get("conditions");
    }
}
