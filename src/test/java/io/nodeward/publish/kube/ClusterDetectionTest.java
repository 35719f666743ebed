package io.nodeward.publish.kube;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterDetectionTest {

    @Test
    void theClientsFallbackUrlWithoutAServiceHostMeansNoCluster() {
        assertFalse(ClusterDetection.configured("https://kubernetes.default.svc/", false));
        assertFalse(ClusterDetection.configured("https://kubernetes.default.svc", false));
        assertFalse(ClusterDetection.configured("https://kubernetes.default.svc:443", false));
        assertFalse(ClusterDetection.configured(null, false));
    }

    @Test
    void inAPodTheClusterIsThere() {
        assertTrue(ClusterDetection.configured("https://10.96.0.1:443/", true));
        assertTrue(ClusterDetection.configured("https://kubernetes.default.svc/", true));
    }

    @Test
    void aKubeconfigOrAnExplicitUrlNamesAnotherServer() {
        assertTrue(ClusterDetection.configured("https://127.0.0.1:6443/", false));
    }
}
