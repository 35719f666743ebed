package io.nodeward.publish.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.util.Map;

/**
 * The four API calls the publisher makes, one request each; no list, no watch. Every call
 * reports its outcome and turns client exceptions into {@link ApiFailure}.
 */
class NodeApi {

    static final String NODE = "node";
    static final String ANNOTATIONS = "annotations";
    static final String CONDITION = "condition";
    static final String EVENTS = "events";

    /** Where the kubelet writes a Node's events; {@code kubectl describe node} looks there. */
    static final String EVENT_NAMESPACE = "default";

    private final KubernetesClient client;
    private final PublishOutcomes outcomes;

    NodeApi(KubernetesClient client, PublishOutcomes outcomes) {
        this.client = client;
        this.outcomes = outcomes;
    }

    /** GET /api/v1/nodes/{name}. */
    Node get(String node) {
        return call(NODE, () -> {
            Node found = client.nodes().withName(node).get();
            if (found == null) {
                throw new ApiFailure(NODE, "not_found", "node " + node + " does not exist", null);
            }
            return found;
        });
    }

    /** PATCH /api/v1/nodes/{name} as a JSON merge patch of {@code metadata.annotations} only; null removes a key. */
    void patchAnnotations(String node, Map<String, String> delta) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
        delta.forEach(annotations::put);
        call(ANNOTATIONS, () -> client.nodes().resource(named(node))
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString()));
    }

    /**
     * PATCH /api/v1/nodes/{name}/status as a strategic merge patch: {@code status.conditions}
     * merges by {@code type}, so the kubelet's conditions and anyone else's stay as they are.
     */
    void patchCondition(String node, HardenedCondition condition, Instant transition, Instant heartbeat) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode entry = patch.putObject("status").putArray("conditions").addObject();
        entry.put("type", HardenedCondition.TYPE);
        entry.put("status", condition.status());
        entry.put("reason", condition.reason());
        entry.put("message", condition.message());
        entry.put("lastTransitionTime", KubeTime.format(transition));
        entry.put("lastHeartbeatTime", KubeTime.format(heartbeat));
        call(CONDITION, () -> client.nodes().resource(named(node)).subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString()));
    }

    /** POST /api/v1/namespaces/default/events. */
    void createEvent(Event event) {
        call(EVENTS, () -> client.v1().events().inNamespace(EVENT_NAMESPACE).resource(event).create());
    }

    /**
     * A bare Node naming the target: patching through {@code resource(...)} rather than
     * {@code withName(...)} keeps the client from GETting the Node before every patch.
     */
    private static Node named(String node) {
        return new NodeBuilder().withNewMetadata().withName(node).endMetadata().build();
    }

    private <T> T call(String target, java.util.function.Supplier<T> request) {
        try {
            T result = request.get();
            outcomes.request(target, PublishOutcomes.SUCCESS);
            return result;
        } catch (ApiFailure e) {
            outcomes.request(target, e.outcome());
            throw e;
        } catch (RuntimeException e) {
            ApiFailure failure = ApiFailure.of(target, e);
            outcomes.request(target, failure.outcome());
            throw failure;
        }
    }
}
