package io.nodeward.publish.kube;

/** Lets tests in other packages wait for the Node publisher without widening its API. */
public final class NodePublisherProbe {

    private NodePublisherProbe() {
    }

    /** Returns once every report handed to {@code publisher} so far has been published or given up. */
    public static void awaitIdle(NodePublisher publisher) throws Exception {
        publisher.awaitIdle();
    }
}
