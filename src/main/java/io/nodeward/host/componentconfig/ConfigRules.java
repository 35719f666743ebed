package io.nodeward.host.componentconfig;

/**
 * How one component loads one kind of configuration file.
 *
 * @param component        how messages name it: {@code the kubelet}, {@code kube-proxy}
 * @param apiVersion       the only version it decodes, e.g. {@code kubelet.config.k8s.io/v1beta1}
 * @param kind             the only kind, e.g. {@code KubeletConfiguration}
 * @param schema           the versioned type's fields
 * @param emptyRefusedAs   the message for a 0-byte file (the kubelet's {@code fsLoader.Load}:
 *                         {@code kubelet config file "%s" was empty}, {@code %s} the path), or null when
 *                         an empty file goes to the decoder like any other (kube-proxy)
 * @param dropIn           whether this is a kubelet {@code --config-dir} drop-in: decoded into a map
 *                         (so kind is required, apiVersion is not checked by 1.31 and earlier, and a
 *                         strict error is fatal: there is no lenient retry), then type-checked when merged
 */
public record ConfigRules(String component, String apiVersion, String kind, FieldType.Struct schema,
                          String emptyRefusedAs, boolean dropIn) {

    public ConfigRules asDropIn() {
        return new ConfigRules(component, apiVersion, kind, schema, emptyRefusedAs, true);
    }
}
