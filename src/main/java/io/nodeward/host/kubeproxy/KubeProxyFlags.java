package io.nodeward.host.kubeproxy;

import io.nodeward.host.proc.CommandLineFlags;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The flags kube-proxy has on Linux: {@code Options.AddFlags} in {@code cmd/kube-proxy/app/options.go}
 * (Kubernetes 1.33/1.34; {@code addOSFlags} adds none on Linux), the logging flags
 * {@code logsapi.AddFlags} adds there, the Go flags {@code NewProxyCommand} imports
 * ({@code --boot-id-file}, {@code --machine-id-file}), and cobra's {@code --help} / {@code --version}.
 * pflag refuses any other flag, so a kube-proxy that runs has none; a benchmark naming another is a typo.
 */
final class KubeProxyFlags {

    static final List<String> NAMES = List.of(
            "config", "write-config-to", "cleanup", "feature-gates", "kubeconfig", "master",
            "kube-api-content-type", "kube-api-burst", "kube-api-qps", "hostname-override", "bind-address",
            "healthz-bind-address", "metrics-bind-address", "bind-address-hard-fail", "profiling",
            "show-hidden-metrics-for-version", "init-only", "proxy-mode", "iptables-masquerade-bit",
            "masquerade-all", "iptables-localhost-nodeports", "iptables-sync-period", "iptables-min-sync-period",
            "ipvs-sync-period", "ipvs-min-sync-period", "ipvs-scheduler", "ipvs-exclude-cidrs", "ipvs-strict-arp",
            "ipvs-tcp-timeout", "ipvs-tcpfin-timeout", "ipvs-udp-timeout", "detect-local-mode",
            "pod-bridge-interface", "pod-interface-name-prefix", "cluster-cidr", "nodeport-addresses",
            "oom-score-adj", "conntrack-max-per-core", "conntrack-min", "conntrack-tcp-timeout-established",
            "conntrack-tcp-timeout-close-wait", "conntrack-tcp-be-liberal", "conntrack-udp-timeout",
            "conntrack-udp-timeout-stream", "config-sync-period", "healthz-port", "metrics-port",
            // logsapi.AddFlags
            "logging-format", "log-flush-frequency", "v", "vmodule", "log-json-split-stream",
            "log-json-info-buffer-size", "log-text-split-stream", "log-text-info-buffer-size",
            // goflag.CommandLine, cobra, verflag
            "boot-id-file", "machine-id-file", "help", "version");

    /** {@link #NAMES} as fact-key segments, e.g. {@code metricsBindAddress}. */
    static final Set<String> CAMEL_CASE = NAMES.stream().map(CommandLineFlags::camelCase).collect(Collectors.toSet());

    private KubeProxyFlags() {
    }
}
