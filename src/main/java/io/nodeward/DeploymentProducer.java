package io.nodeward;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Serve mode's one {@link Deployment}: read from the process environment once, at start. */
public class DeploymentProducer {

    @Produces
    @Singleton
    Deployment deployment() {
        return Deployment.agent(System.getenv());
    }
}
