package io.nodeward.publish.kube;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the publisher counted, as "target outcome" and "target ERROR" lines. */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingPublishOutcomes implements PublishOutcomes {

    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void request(String target, String outcome) {
        recorded.add(target + " " + outcome);
    }

    @Override
    public void error(String target) {
        recorded.add(target + " ERROR");
    }

    List<String> recorded() {
        return List.copyOf(recorded);
    }

    void clear() {
        recorded.clear();
    }
}
