package io.nodeward.host.controlplane;

import io.nodeward.host.HostScan;
import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.nodeward.host.componentconfig.FieldType.DURATION_POINTER;
import static io.nodeward.host.componentconfig.FieldType.INT32;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.listOf;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * kube-apiserver's {@code --encryption-provider-config}, an {@code EncryptionConfiguration}
 * ({@code staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types_encryption.go}), loaded as
 * {@code pkg/server/options/encryptionconfig/config.go} loadConfig does: an empty file is refused, the
 * rest is decoded strictly ({@code serializer.EnableStrict}) and validated
 * ({@code pkg/apis/apiserver/validation/validation_encryption.go}; the key checks are modelled, the KMS
 * endpoint and resource-name rules are left to the API server). What it tells is how Secrets are
 * written: the first entry whose {@code resources} take in secrets ({@code secrets}, {@code *.} or
 * {@code *.*}) decides, and its first provider encrypts; {@code identity} writes them in clear. No
 * entry for secrets is also clear text.
 */
final class EncryptionConfigFile {

    private static final FieldType.Struct KEYS = struct("v1.AESConfiguration",
            field("keys", listOf(struct("v1.Key", field("name", STRING), field("secret", STRING)))));

    static final FieldType.Struct SCHEMA = struct("v1.EncryptionConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("resources", listOf(struct("v1.ResourceConfiguration",
                    field("resources", STRING_LIST),
                    field("providers", listOf(struct("v1.ProviderConfiguration",
                            field("aesgcm", KEYS), field("aescbc", KEYS), field("secretbox", KEYS),
                            field("identity", struct("v1.IdentityConfiguration")),
                            field("kms", struct("v1.KMSConfiguration", field("apiVersion", STRING),
                                    field("name", STRING), field("cachesize", INT32), field("endpoint", STRING),
                                    field("timeout", DURATION_POINTER))))))))));

    static final ConfigRules RULES = new ConfigRules("kube-apiserver", List.of("apiserver.config.k8s.io/v1"),
            "EncryptionConfiguration", SCHEMA, "encryption provider configuration file \"%s\" is empty",
            ConfigRules.Strictness.STRICT, false);

    private static final List<String> PROVIDERS = List.of("kms", "aesgcm", "aescbc", "secretbox", "identity");

    /**
     * How Secrets are written.
     *
     * @param provider the provider that encrypts them ({@code aescbc}, {@code kms}...), {@code identity}
     *                 when they are stored in clear
     * @param where    which entry decided, e.g. {@code resources[0].providers[0]}
     */
    record SecretsEncryption(String provider, String where) {
    }

    private EncryptionConfigFile() {
    }

    static SecretsEncryption secrets(HostScan host, String hostPath) throws RefusedConfig {
        return secrets(hostPath, ControlPlaneConfigFiles.load(host, hostPath, RULES));
    }

    /** The decision for secrets of a decoded document, validated first; pure. */
    static SecretsEncryption secrets(String name, Map<String, Object> document) throws RefusedConfig {
        List<?> entries = list(document.get("resources"));
        List<String> errors = new ArrayList<>();
        if (entries.isEmpty()) {
            errors.add("resources: Required value: at least one resources is required");
        }
        SecretsEncryption decided = null;
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> entry = map(entries.get(i));
            String at = "resources[" + i + "]";
            List<?> resources = list(entry.get("resources"));
            List<?> providers = list(entry.get("providers"));
            if (resources.isEmpty()) {
                errors.add(at + ".resources: Required value: at least one " + at + ".resources is required");
            }
            if (providers.isEmpty()) {
                errors.add(at + ".providers: Required value: at least one " + at + ".providers is required");
            }
            List<String> types = new ArrayList<>();
            for (int j = 0; j < providers.size(); j++) {
                types.add(provider(map(providers.get(j)), at + ".providers[" + j + "]", errors));
            }
            if (decided == null && !types.isEmpty() && resources.stream().anyMatch(EncryptionConfigFile::coversSecrets)) {
                decided = new SecretsEncryption(types.get(0), at + ".providers[0]");
            }
        }
        if (!errors.isEmpty()) {
            // field.ErrorList.ToAggregate(): one error alone, several in brackets
            throw new RefusedConfig(name + ": kube-apiserver refuses it: "
                    + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]"));
        }
        return decided != null ? decided : new SecretsEncryption("identity", "no entry for secrets");
    }

    /** {@code schema.ParseGroupResource}: secrets are core-group {@code secrets}, {@code *.} or {@code *.*}. */
    private static boolean coversSecrets(Object resource) {
        return resource instanceof String r && (r.equals("secrets") || r.equals("secrets.") || r.equals("*.")
                || r.equals("*.*"));
    }

    /** validateSingleProvider, then the keys of the one given; returns its type. */
    private static String provider(Map<?, ?> provider, String at, List<String> errors) {
        List<String> given = PROVIDERS.stream().filter(p -> provider.get(p) != null).toList(); // null: a nil pointer
        if (given.size() != 1) {
            errors.add(at + ": Invalid value: " + (given.isEmpty()
                    ? "provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity"
                    : "more than one provider specified in a single element, should split into different list elements"));
            return given.isEmpty() ? "none" : given.get(0);
        }
        String type = given.get(0);
        switch (type) {
            case "aesgcm", "aescbc" -> keys(map(provider.get(type)), at + "." + type + ".keys", List.of(16, 24, 32), errors);
            case "secretbox" -> keys(map(provider.get(type)), at + ".secretbox.keys", List.of(32), errors);
            case "kms" -> {
                Map<?, ?> kms = map(provider.get("kms"));
                if (!(kms.get("name") instanceof String n) || n.isEmpty()) {
                    errors.add(at + ".kms.name: Required value: name is a mandatory field for a provider");
                }
                if (!(kms.get("endpoint") instanceof String e) || e.isEmpty()) {
                    errors.add(at + ".kms.endpoint: Invalid value: \"\": endpoint is a mandatory field for a kms");
                }
            }
            default -> {
            }
        }
        return type;
    }

    /** validateKeys and validateKey; the secret is never quoted ("REDACTED", as the API server prints it). */
    private static void keys(Map<?, ?> config, String at, List<Integer> sizes, List<String> errors) {
        List<?> keys = list(config.get("keys"));
        if (keys.isEmpty()) {
            errors.add(at + ": Required value: at least one keys is required");
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            Map<?, ?> key = map(keys.get(i));
            String k = at + "[" + i + "]";
            if (!(key.get("name") instanceof String n) || n.isEmpty()) {
                errors.add(k + ".name: Required value: name is a mandatory field for a key");
            }
            if (!(key.get("secret") instanceof String secret) || secret.isEmpty()) {
                errors.add(k + ".secret: Required value: secret is a mandatory field for a key");
                continue;
            }
            byte[] bytes;
            try {
                if (secret.length() % 4 != 0) {
                    throw new IllegalArgumentException("unpadded"); // Go's StdEncoding requires the padding
                }
                bytes = Base64.getDecoder().decode(secret);
            } catch (IllegalArgumentException e) {
                errors.add(k + ".secret: Invalid value: \"REDACTED\": secrets must be base64 encoded");
                continue;
            }
            if (!sizes.contains(bytes.length)) {
                errors.add(k + ".secret: Invalid value: \"REDACTED\": secret is not of the expected length, got "
                        + bytes.length + ", expected one of " + sizes.toString().replace(",", ""));
            }
        }
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
