package io.nodeward.publish.kube;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The Quarkus Kubernetes test server ({@code @WithKubernetesTestServer(crud = true)}) with one
 * change: its dispatcher is wrapped in {@link ApiServerDispatcher}, which the stock resource
 * offers no way to do. Expectations ({@code server.expect()}) answer first, then the CRUD store.
 * Inject it with {@code @KubernetesTestServer KubernetesMockServer server}.
 */
public class ApiTestServer extends AbstractKubernetesTestResource<KubernetesMockServer, NamespacedKubernetesClient> {

    private NamespacedKubernetesClient client;

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
