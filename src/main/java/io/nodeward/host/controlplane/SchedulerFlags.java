package io.nodeward.host.controlplane;

import java.util.List;
import java.util.Set;

/**
 * The flags kube-scheduler accepts: its reference page (kubernetes/website
 * {@code content/en/docs/reference/command-line-tools-reference/kube-scheduler.md}, 1.3x), i.e.
 * {@code cmd/kube-scheduler/app/options/options.go} {@code Flags()} (secure serving, authentication,
 * authorization, metrics, logs, leader election, feature gates) and the deprecated flags of
 * {@code deprecated.go}, which kube-scheduler ignores when {@code --config} is given.
 */
final class SchedulerFlags {

    static final List<String> NAMES = List.of(
            "allow-metric-labels", "allow-metric-labels-manifest", "authentication-kubeconfig",
            "authentication-skip-lookup", "authentication-token-webhook-cache-ttl",
            "authentication-tolerate-lookup-failure", "authorization-always-allow-paths", "authorization-kubeconfig",
            "authorization-webhook-cache-authorized-ttl", "authorization-webhook-cache-unauthorized-ttl",
            "bind-address", "cert-dir", "client-ca-file", "config", "contention-profiling", "disable-http2-serving",
            "disabled-metrics", "emulated-version", "feature-gates", "help", "http2-max-streams-per-connection",
            "kube-api-burst", "kube-api-content-type", "kube-api-qps", "kubeconfig", "leader-elect",
            "leader-elect-lease-duration", "leader-elect-renew-deadline", "leader-elect-resource-lock",
            "leader-elect-resource-name", "leader-elect-resource-namespace", "leader-elect-retry-period",
            "log-flush-frequency", "log-text-info-buffer-size", "log-text-split-stream", "logging-format", "master",
            "min-compatibility-version", "permit-address-sharing", "permit-port-sharing",
            "pod-max-in-unschedulable-pods-duration", "profiling", "requestheader-allowed-names",
            "requestheader-client-ca-file", "requestheader-extra-headers-prefix", "requestheader-group-headers",
            "requestheader-uid-headers", "requestheader-username-headers", "secure-port",
            "show-hidden-metrics-for-version", "tls-cert-file", "tls-cipher-suites", "tls-min-version",
            "tls-private-key-file", "tls-sni-cert-key", "v", "version", "vmodule", "write-config-to");

    static final Set<String> BOOLEAN = Set.of("authentication-skip-lookup", "authentication-tolerate-lookup-failure",
            "contention-profiling", "disable-http2-serving", "help", "leader-elect", "log-text-split-stream",
            "permit-address-sharing", "permit-port-sharing", "profiling", "version");

    private SchedulerFlags() {
    }
}
