package io.nodeward.publish.kube;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Used until a real {@link PublishOutcomes} bean (the metrics feature's) is present. */
@DefaultBean
@ApplicationScoped
public class NoPublishOutcomes implements PublishOutcomes {

    @Override
    public void request(String target, String outcome) {
    }

    @Override
    public void error(String target) {
    }
}
