package io.nodeward.host.componentconfig;

import java.util.List;

/**
 * How one component loads one kind of configuration file.
 *
 * @param component        how messages name it: {@code the kubelet}, {@code kube-proxy}, {@code kube-apiserver}
 * @param apiVersions      the versions its scheme registers for {@code kind}, the preferred one first
 *                         (e.g. {@code kubelet.config.k8s.io/v1beta1})
 * @param kind             the only kind it accepts here, e.g. {@code KubeletConfiguration}
 * @param schema           the versioned type's fields
 * @param emptyRefusedAs   the message for a 0-byte file (the kubelet's {@code fsLoader.Load}:
 *                         {@code kubelet config file "%s" was empty}, {@code %s} the path), or null when
 *                         an empty file goes to the decoder like any other (kube-proxy)
 * @param strictness       what the component does with duplicate and unknown fields
 * @param dropIn           whether this is a kubelet {@code --config-dir} drop-in: decoded into a map
 *                         (so kind is required, apiVersion is not checked by 1.31 and earlier, and a
 *                         duplicate is fatal: there is no lenient retry), then type-checked when merged
 */
public record ConfigRules(String component, List<String> apiVersions, String kind, FieldType.Struct schema,
                          String emptyRefusedAs, Strictness strictness, boolean dropIn) {

    /** What a component's decoder does with a duplicate or unknown field (a wrong type is always fatal). */
    public enum Strictness {
        /**
         * A codec factory without {@code serializer.EnableStrict}: the last duplicate wins, unknown fields
         * are dropped (the kubelet's static pod manifests, {@code pkg/kubelet/config/common.go}).
         */
        LENIENT,
        /**
         * {@code serializer.EnableStrict} and no retry: a duplicate or unknown field refuses the file
         * ({@code k8s.io/apiserver/pkg/apis/apiserver/load}, kube-scheduler's {@code loadConfig}).
         */
        STRICT,
        /**
         * Strict first and, when only duplicates or unknown fields failed it, lenient, with a warning in
         * the log (the kubelet's and kube-proxy's configuration, the audit policy).
         */
        STRICT_THEN_LENIENT
    }

    public ConfigRules {
        apiVersions = List.copyOf(apiVersions);
        if (apiVersions.isEmpty()) {
            throw new IllegalArgumentException(kind + ": no API version");
        }
    }

    /** A file of one version only, decoded strictly then leniently. */
    public static ConfigRules strictThenLenient(String component, String apiVersion, String kind, FieldType.Struct schema,
                                                String emptyRefusedAs) {
        return new ConfigRules(component, List.of(apiVersion), kind, schema, emptyRefusedAs,
                Strictness.STRICT_THEN_LENIENT, false);
    }

    public ConfigRules asDropIn() {
        return new ConfigRules(component, apiVersions, kind, schema, emptyRefusedAs, strictness, true);
    }

    /** The version a file should name, for messages. */
    public String preferredApiVersion() {
        return apiVersions.get(0);
    }
}
