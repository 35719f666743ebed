package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the API server writes Secrets, from its {@code --encryption-provider-config} as
 * {@code encryptionconfig/config.go} loads it (strict decoding, then validation), on a kubeadm
 * control plane whose API server is down and audited from its manifest. The file sits in
 * {@code /etc/kubernetes/pki}, which kubeadm mounts into the API server's pod.
 */
class EncryptionConfigTest {

    private static final String APISERVER = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    private static final String FILE = "/etc/kubernetes/pki/encryption.yaml";
    private static final String KEY_32_BYTES = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String KEY = ComponentSettings.SECRETS_ENCRYPTION;

    @TempDir
    Path dir;

    @Test
    void theFirstProviderOfTheEntryForSecretsEncryptsThem() {
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    providers:
                      - aescbc:
                          keys: [{name: key1, secret: %s}]
                      - identity: {}
                """.formatted(KEY_32_BYTES));

        assertEquals(Fact.present(KEY, "aescbc", "--encryption-provider-config " + FILE + ": resources[0].providers[0]"), fact);
    }

    @Test
    void identityFirstWritesSecretsInClearEvenWithAKeyAfterIt() {
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    providers:
                      - identity: {}
                      - aescbc:
                          keys: [{name: key1, secret: %s}]
                """.formatted(KEY_32_BYTES));

        assertEquals("identity", fact.value());
    }

    @Test
    void anEarlierWildcardEntryDecidesForSecrets() {
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: ["*.*"]
                    providers: [{identity: {}}]
                  - resources: [configmaps]
                    providers: [{secretbox: {keys: [{name: k, secret: %s}]}}]
                """.formatted(KEY_32_BYTES));

        assertEquals(Fact.present(KEY, "identity", "--encryption-provider-config " + FILE + ": resources[0].providers[0]"), fact);
    }

    @Test
    void withoutTheFlagSecretsAreStoredInClear() {
        Fact fact = ControlPlaneReaderTest.read(NodeTree.kubeadmControlPlane(dir, "kube-apiserver")).get(KEY);

        assertEquals(Fact.present(KEY, "identity", "no --encryption-provider-config: Secrets are stored in clear"), fact);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutQuotingTheSecret() {
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    providers: [{aescbc: {keys: [{name: key1, secret: c2hvcnQ=}]}}]
                """);

        assertEquals(Fact.error(KEY, "--encryption-provider-config: " + FILE + ": kube-apiserver refuses it:"
                + " resources[0].providers[0].aescbc.keys[0].secret: Invalid value: \"REDACTED\": secret is not of the"
                + " expected length, got 5, expected one of [16 24 32]"), fact);
    }

    @Test
    void anIdentityWithoutAValueIsNoProviderAtAll() {
        // "- identity:" is null: a nil *IdentityConfiguration, so validateSingleProvider finds none
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    providers:
                      - identity:
                """);

        assertEquals(Fact.error(KEY, "--encryption-provider-config: " + FILE + ": kube-apiserver refuses it:"
                + " resources[0].providers[0]: Invalid value: provider does not contain any of the expected providers:"
                + " KMS, AESGCM, AESCBC, Secretbox, Identity"), fact);
    }

    @Test
    void anUnknownFieldIsRefusedByTheStrictDecoder() {
        Fact fact = secretsWith("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets]
                    provider: [{identity: {}}]
                """);

        assertEquals(Fact.error(KEY, "--encryption-provider-config: " + FILE + ": kube-apiserver refuses it: strict"
                + " decoding error: unknown field \"resources[0].provider\""), fact);
    }

    private Fact secretsWith(String content) {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .edit(APISERVER, "--authorization-mode=Node,RBAC",
                        "--authorization-mode=Node,RBAC\n    - --encryption-provider-config=" + FILE)
                .write(FILE, content);
        return ControlPlaneReaderTest.read(tree).get(KEY);
    }
}
