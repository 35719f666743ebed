package io.nodeward.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.function.Consumer;

/** Fills the test server before the application starts: a kubeadm control plane, the seed's example, two tenants. */
public class ClusterSeed implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        KubernetesClient client = server.getClient();
        ClusterFixtures.manifests(ClusterFixtures.KUBEADM, ClusterFixtures.SEED, ClusterFixtures.TENANTS)
                .forEach(object -> client.resource(object).create());
    }
}
