package io.nodeward;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Serve mode's one {@link Deployment}: the agent or the cluster auditor ({@code nodeward.mode}), read once, at start. */
public class DeploymentProducer {

    @Produces
    @Singleton
    Deployment deployment(NodewardConfig config) {
        return config.mode() == NodewardConfig.ServeMode.CLUSTER
                ? Deployment.cluster(System.getenv()) : Deployment.agent(System.getenv());
    }
}
