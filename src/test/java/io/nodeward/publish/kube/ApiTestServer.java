package io.nodeward.publish.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.kubernetes.client.AbstractKubernetesTestResource;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The Quarkus Kubernetes test server ({@code @WithKubernetesTestServer(crud = true)}) with one
 * change: its dispatcher is wrapped in {@link ApiServerDispatcher}, which the stock resource
 * offers no way to do. Expectations ({@code server.expect()}) answer first, then the CRUD store.
 * Inject it with {@code @KubernetesTestServer KubernetesMockServer server}. The init argument
 * {@value #NODES} (comma-separated names) registers those Nodes before the application starts, so
 * an agent's GET of its own Node at start finds it.
 */
public class ApiTestServer extends AbstractKubernetesTestResource<KubernetesMockServer, NamespacedKubernetesClient> {

    /** Init argument: the Nodes registered before the application starts, e.g. {@code worker-7}. */
    public static final String NODES = "nodes";

    private NamespacedKubernetesClient client;
    private List<String> nodes = List.of();

    /**
     * A Node as the kubelet registered it, with what others put there that we must leave alone:
     * someone else's annotation ({@code example.com/owner}), a label, the kubelet's Ready condition.
     */
    public static Node registeredNode(String name, Map<String, String> annotations) {
        Map<String, String> all = new HashMap<>(annotations);
        all.put("example.com/owner", "team-a");
        return new NodeBuilder()
                .withNewMetadata().withName(name).withAnnotations(all).withLabels(Map.of("role", "worker")).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastTransitionTime("2025-01-01T00:00:00Z")
                .withLastHeartbeatTime("2025-01-01T00:00:00Z").endCondition().endStatus()
                .build();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault(NODES, "");
        nodes = Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    @Override
    protected KubernetesMockServer createServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        return new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), responses,
                new ApiServerDispatcher(new KubernetesMixedDispatcher(responses), responses), false);
    }

    @Override
    protected void initServer() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @Override
    protected void configureServer() {
        nodes.forEach(name -> client.nodes().resource(registeredNode(name, Map.of())).create());
    }

    @Override
    protected NamespacedKubernetesClient getClient() {
        return client;
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        server.destroy();
    }

    @Override
    protected Class<?> getInjectedClass() {
        return KubernetesMockServer.class;
    }

    @Override
    protected Class<? extends Annotation> getInjectionAnnotation() {
        return KubernetesTestServer.class;
    }
}
