package io.nodeward.host.kubeproxy;

import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.DURATION;
import static io.nodeward.host.componentconfig.FieldType.INT32;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.mapOf;
import static io.nodeward.host.componentconfig.FieldType.namedString;
import static io.nodeward.host.componentconfig.FieldType.partialStruct;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * Part of {@code KubeProxyConfiguration} v1alpha1 ({@code staging/src/k8s.io/kube-proxy/config/v1alpha1/types.go}):
 * the top-level fields whose types are simple, enough to refuse a file kube-proxy refuses for a
 * wrong type there. The per-mode structs ({@code iptables}, {@code ipvs}, {@code nftables},
 * {@code conntrack}, {@code winkernel}) and {@code logging} are not modelled: their fields are dropped
 * like unknown ones and not type-checked.
 */
public final class KubeProxyConfigurationSchema {

    public static final FieldType.Struct SCHEMA = partialStruct("v1alpha1.KubeProxyConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("featureGates", mapOf(BOOL)),
            field("clientConnection", struct("v1alpha1.ClientConnectionConfiguration",
                    field("kubeconfig", STRING), field("acceptContentTypes", STRING), field("contentType", STRING),
                    field("burst", INT32))),
            field("hostnameOverride", STRING),
            field("bindAddress", STRING),
            field("healthzBindAddress", STRING),
            field("metricsBindAddress", STRING),
            field("bindAddressHardFail", BOOL),
            field("enableProfiling", BOOL),
            field("showHiddenMetricsForVersion", STRING),
            field("mode", namedString("v1alpha1.ProxyMode")),
            field("detectLocalMode", namedString("v1alpha1.LocalMode")),
            field("clusterCIDR", STRING),
            field("nodePortAddresses", STRING_LIST),
            field("oomScoreAdj", INT32),
            field("configSyncPeriod", DURATION),
            field("portRange", STRING));

    /** {@code cmd/kube-proxy/app/options.go} {@code loadConfig}: no empty-file check; strict, then lenient. */
    public static final ConfigRules CONFIG_FILE = ConfigRules.strictThenLenient("kube-proxy",
            "kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration", SCHEMA, null);

    private KubeProxyConfigurationSchema() {
    }
}
