package io.nodeward.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's Kubernetes mock server in CRUD mode (the server behind the Quarkus Kubernetes test server),
 * on loopback, for tests that run several auditors against one API outside Quarkus: objects are stored,
 * listed, watched and updated with resource versions, so informers and leases behave as against an API
 * server.
 */
final class CrudApiServer implements AutoCloseable {

    private final KubernetesMockServer server;

    CrudApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** A client of its own: each replica has one, as each pod would. */
    KubernetesClient client() {
        return server.createClient();
    }

    void seed(List<HasMetadata> objects) {
        try (KubernetesClient client = client()) {
            objects.forEach(o -> client.resource(o).create());
        }
    }

    KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
