package io.nodeward.host.kubelet;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code kubelet.*} keys a benchmark may name: the KubeletConfiguration schema's paths and the flag-only settings. */
class KubeletKeysTest {

    @Test
    void aNestedFieldOfTheSchemaIsAKey() {
        assertTrue(KubeletReader.KEYS.contains("kubelet.authentication.anonymous.enabled"));
        assertTrue(KubeletReader.KEYS.contains("kubelet.authentication.x509.clientCAFile"));
    }

    @Test
    void aMisspeltNestedFieldIsNotAndTheRightOneIsSuggested() {
        assertFalse(KubeletReader.KEYS.contains("kubelet.authentication.anonymous.enable"));
        assertEquals(Optional.of("kubelet.authentication.anonymous.enabled"),
                KubeletReader.KEYS.nearest("kubelet.authentication.anonymous.enable"));
    }

    @Test
    void anyKeyOfAMapIsAKeyEvenWithADotInIt() {
        assertTrue(KubeletReader.KEYS.contains("kubelet.evictionHard.memory.available"));
        assertTrue(KubeletReader.KEYS.contains("kubelet.featureGates.RotateKubeletServerCertificate"));
    }

    @Test
    void nothingLiesBelowAScalarOrAFlagOnlySetting() {
        assertFalse(KubeletReader.KEYS.contains("kubelet.readOnlyPort.value"));
        assertFalse(KubeletReader.KEYS.contains("kubelet.kubeconfig.path"));
        assertTrue(KubeletReader.KEYS.contains("kubelet.kubeconfig"));
    }
}
