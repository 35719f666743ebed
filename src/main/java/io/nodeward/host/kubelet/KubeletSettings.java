package io.nodeward.host.kubelet;

import io.nodeward.host.kubelet.KubeletSetting.Kind;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.nodeward.host.kubelet.KubeletSetting.config;
import static io.nodeward.host.kubelet.KubeletSetting.flagOnly;
import static io.nodeward.host.kubelet.KubeletSetting.zeroDefaulted;

/**
 * The kubelet settings we model, with their defaults. Config-file defaults follow
 * {@code SetDefaults_KubeletConfiguration} in {@code pkg/kubelet/apis/config/v1beta1/defaults.go};
 * flags-only defaults add {@code applyLegacyDefaults()} from {@code cmd/kubelet/app/options/options.go}.
 * A setting not listed here still becomes a fact when a config file or flag sets it, but has no
 * default, so unset it is simply not reported.
 */
public final class KubeletSettings {

    public static final List<KubeletSetting> ALL = List.of(
            // 4.2.1: legacy defaults turn anonymous access on
            config("authentication.anonymous.enabled", "anonymous-auth", Kind.BOOLEAN, "false", "true"),
            config("authentication.webhook.enabled", "authentication-token-webhook", Kind.BOOLEAN, "true", "false"),
            zeroDefaulted("authentication.webhook.cacheTTL", "authentication-token-webhook-cache-ttl", Kind.DURATION, "2m0s", "2m0s"),
            // 4.2.3
            config("authentication.x509.clientCAFile", "client-ca-file", Kind.STRING, null),
            // 4.2.2: legacy defaults authorise everything
            zeroDefaulted("authorization.mode", "authorization-mode", Kind.STRING, "Webhook", "AlwaysAllow"),
            zeroDefaulted("authorization.webhook.cacheAuthorizedTTL", "authorization-webhook-cache-authorized-ttl", Kind.DURATION, "5m0s", "5m0s"),
            zeroDefaulted("authorization.webhook.cacheUnauthorizedTTL", "authorization-webhook-cache-unauthorized-ttl", Kind.DURATION, "30s", "30s"),
            zeroDefaulted("address", "address", Kind.STRING, "0.0.0.0", "0.0.0.0"),
            zeroDefaulted("port", "port", Kind.INTEGER, "10250", "10250"),
            // 4.2.4: unauthenticated port, open by default on flags alone
            config("readOnlyPort", "read-only-port", Kind.INTEGER, "0", "10255"),
            config("healthzPort", "healthz-port", Kind.INTEGER, "10248"),
            zeroDefaulted("healthzBindAddress", "healthz-bind-address", Kind.STRING, "127.0.0.1", "127.0.0.1"),
            zeroDefaulted("streamingConnectionIdleTimeout", "streaming-connection-idle-timeout", Kind.DURATION, "4h0m0s", "4h0m0s"),
            config("makeIPTablesUtilChains", "make-iptables-util-chains", Kind.BOOLEAN, "true"),
            config("eventRecordQPS", "event-qps", Kind.INTEGER, "50"),
            zeroDefaulted("eventBurst", "event-burst", Kind.INTEGER, "100", "100"),
            // 4.2.9: unset means the kubelet signs its own serving certificate into --cert-dir
            config("tlsCertFile", "tls-cert-file", Kind.STRING, null),
            config("tlsPrivateKeyFile", "tls-private-key-file", Kind.STRING, null),
            config("tlsCipherSuites", "tls-cipher-suites", Kind.LIST, null),
            config("tlsMinVersion", "tls-min-version", Kind.STRING, null),
            config("serverTLSBootstrap", "rotate-server-certificates", Kind.BOOLEAN, "false"),
            config("rotateCertificates", "rotate-certificates", Kind.BOOLEAN, "false"),
            // 4.2.11: beta since 1.12, on by default
            config("featureGates.RotateKubeletServerCertificate", "feature-gates", Kind.BOOLEAN, "true"),
            config("podPidsLimit", "pod-max-pids", Kind.INTEGER, "-1"),
            config("seccompDefault", "seccomp-default", Kind.BOOLEAN, "false"),
            config("protectKernelDefaults", "protect-kernel-defaults", Kind.BOOLEAN, "false"),
            config("staticPodPath", "pod-manifest-path", Kind.STRING, null),
            zeroDefaulted("maxPods", "max-pods", Kind.INTEGER, "110", "110"),
            zeroDefaulted("cgroupDriver", "cgroup-driver", Kind.STRING, "cgroupfs", "cgroupfs"),
            config("failSwapOn", "fail-swap-on", Kind.BOOLEAN, "true"),
            config("enableServer", "enable-server", Kind.BOOLEAN, "true"),
            config("enableDebuggingHandlers", "enable-debugging-handlers", Kind.BOOLEAN, "true"),
            config("clusterDomain", "cluster-domain", Kind.STRING, null),
            config("clusterDNS", "cluster-dns", Kind.LIST, null),
            // 4.2.7: there is no config field for it
            flagOnly("hostname-override", Kind.STRING, null),
            flagOnly("kubeconfig", Kind.STRING, null),
            flagOnly("bootstrap-kubeconfig", Kind.STRING, null),
            flagOnly("config", Kind.STRING, null),
            flagOnly("config-dir", Kind.STRING, null),
            flagOnly("cert-dir", Kind.STRING, "/var/lib/kubelet/pki"),
            flagOnly("node-ip", Kind.STRING, null));

    /**
     * Flags that never take a separate value ({@code --anonymous-auth false} is "true" plus a stray
     * word to pflag): the boolean settings above plus common boolean flags we do not model.
     */
    public static final Set<String> BOOLEAN_FLAGS = booleanFlags();

    /**
     * Flags whose repeated occurrences add up: {@code --feature-gates} (merged gate by gate) and the
     * list settings, which pflag's {@code StringSlice} appends to after the first occurrence
     * ({@code --tls-cipher-suites=A --tls-cipher-suites=B} is {@code A,B}).
     */
    public static final Set<String> ACCUMULATING_FLAGS = accumulatingFlags();

    private KubeletSettings() {
    }

    private static Set<String> accumulatingFlags() {
        Set<String> flags = new HashSet<>(CommandLineFlags.ACCUMULATING);
        ALL.stream().filter(s -> s.kind() == Kind.LIST).forEach(s -> flags.add(s.flag()));
        return Set.copyOf(flags);
    }

    private static Set<String> booleanFlags() {
        Set<String> flags = new HashSet<>(Set.of("register-node", "cgroups-per-qos", "serialize-image-pulls",
                "kernel-memcg-notification", "local-storage-capacity-isolation", "exit-on-lock-contention",
                "enable-controller-attach-detach", "keep-terminated-pod-volumes", "fail-cgroupv1",
                "register-schedulable", "logtostderr", "alsologtostderr", "add-dir-header", "skip-headers",
                "skip-log-headers", "one-output", "enable-load-reader", "version", "help", "h"));
        ALL.stream().filter(s -> s.kind() == Kind.BOOLEAN && !s.isFeatureGate()).forEach(s -> flags.add(s.flag()));
        return Set.copyOf(flags);
    }
}
