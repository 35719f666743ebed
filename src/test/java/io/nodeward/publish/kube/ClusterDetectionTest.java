package io.nodeward.publish.kube;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterDetectionTest {

    @Test
    void theClientsFallbackUrlWithoutAServiceHostMeansNoCluster() {
        assertFalse(ClusterDetection.configured("https://kubernetes.default.svc/", null));
        assertFalse(ClusterDetection.configured("https://kubernetes.default.svc", ""));
    }

    @Test
    void inClusterTheServiceHostIsSet() {
        assertTrue(ClusterDetection.configured("https://10.96.0.1:443/", "10.96.0.1"));
        assertTrue(ClusterDetection.configured("https://kubernetes.default.svc/", "10.96.0.1"));
    }

    @Test
    void aKubeconfigOrAnExplicitUrlNamesAnotherServer() {
        assertTrue(ClusterDetection.configured("https://127.0.0.1:6443/", null));
    }
}
