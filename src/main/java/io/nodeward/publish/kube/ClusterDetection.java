package io.nodeward.publish.kube;

/**
 * Whether the client has a cluster to talk to. The fabric8 client never fails to build: with no
 * in-cluster service account and no kubeconfig it falls back to {@code https://kubernetes.default.svc},
 * which only resolves inside a cluster, that is in a pod ({@link io.nodeward.Deployment#inPod()}).
 */
final class ClusterDetection {

    static final String FALLBACK_MASTER_URL = "https://kubernetes.default.svc";

    private ClusterDetection() {
    }

    static boolean configured(String masterUrl, boolean inPod) {
        if (inPod) {
            return true;
        }
        if (masterUrl == null || masterUrl.isBlank()) {
            return false;
        }
        String url = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
        return !url.equals(FALLBACK_MASTER_URL) && !url.equals(FALLBACK_MASTER_URL + ":443");
    }
}
