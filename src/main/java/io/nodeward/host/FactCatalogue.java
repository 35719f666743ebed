package io.nodeward.host;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every fact key a reader may produce and a benchmark may name. The benchmark loader rejects any
 * other key, so a typo in a benchmark file fails at start instead of silently never matching.
 * Keys are documented, with examples, in {@code benchmarks/README.md}.
 */
public final class FactCatalogue {

    /** Each entry is a regular expression over keys; {@code <placeholders>} in the docs. */
    private static final List<Pattern> KEYS = List.of(
            // processes: value is the pid, source the cmdline file; absent when not running
            Pattern.compile("process\\.(kubelet|kube-proxy|sshd|kube-apiserver|etcd|kube-controller-manager|kube-scheduler)"),
            // the kubelet's effective setting, by KubeletConfiguration field path (or a flag-only name)
            Pattern.compile("kubelet\\.[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*"),
            // kube-proxy settings from its argv (and config file when readable)
            Pattern.compile("kube-proxy\\.[A-Za-z][A-Za-z0-9]*"),
            // a file a check names, by role: mode (octal), owner (user:group), path
            Pattern.compile("file\\.[a-z][a-z0-9-]*\\.(mode|owner|path)"),
            // the live socket table: listening, wildcard (0.0.0.0 or ::), exposed (any address but loopback)
            Pattern.compile("port\\.[0-9]{1,5}\\.(listening|wildcard|exposed)"),
            // sshd's effective global setting, keyword in lower case
            Pattern.compile("sshd\\.[a-z0-9]+"));

    /**
     * The first segment a {@code kubelet.*} key may have: the KubeletConfiguration (v1beta1) fields
     * and the flag-only settings, by camel-case flag name. Without this list every
     * {@code kubelet.<word>} would be "known" and a typo such as {@code kubelet.readOnlyPrt} would
     * load fine and silently never match.
     */
    private static final Set<String> KUBELET_FIELDS = Set.of(
            // KubeletConfiguration fields
            "enableServer", "staticPodPath", "podLogsDir", "syncFrequency", "fileCheckFrequency",
            "httpCheckFrequency", "staticPodURL", "staticPodURLHeader", "address", "port", "readOnlyPort",
            "tlsCertFile", "tlsPrivateKeyFile", "tlsCipherSuites", "tlsMinVersion", "rotateCertificates",
            "serverTLSBootstrap", "authentication", "authorization", "registryPullQPS", "registryBurst",
            "imagePullCredentialsVerificationPolicy", "preloadedImagesVerificationAllowlist",
            "eventRecordQPS", "eventBurst", "enableDebuggingHandlers", "enableContentionProfiling",
            "healthzPort", "healthzBindAddress", "oomScoreAdj", "clusterDomain", "clusterDNS",
            "streamingConnectionIdleTimeout", "nodeStatusUpdateFrequency", "nodeStatusReportFrequency",
            "nodeLeaseDurationSeconds", "imageMinimumGCAge", "imageMaximumGCAge", "imageGCHighThresholdPercent",
            "imageGCLowThresholdPercent", "volumeStatsAggPeriod", "kubeletCgroups", "systemCgroups",
            "cgroupRoot", "cgroupsPerQOS", "cgroupDriver", "cpuManagerPolicy", "singleProcessOOMKill",
            "cpuManagerPolicyOptions", "cpuManagerReconcilePeriod", "memoryManagerPolicy",
            "topologyManagerPolicy", "topologyManagerScope", "topologyManagerPolicyOptions", "qosReserved",
            "runtimeRequestTimeout", "hairpinMode", "maxPods", "podCIDR", "podPidsLimit", "resolvConf",
            "runOnce", "cpuCFSQuota", "cpuCFSQuotaPeriod", "nodeStatusMaxImages", "maxOpenFiles",
            "contentType", "kubeAPIQPS", "kubeAPIBurst", "serializeImagePulls", "maxParallelImagePulls",
            "evictionHard", "evictionSoft", "evictionSoftGracePeriod", "evictionPressureTransitionPeriod",
            "evictionMaxPodGracePeriod", "evictionMinimumReclaim", "mergeDefaultEvictionSettings",
            "podsPerCore", "enableControllerAttachDetach", "protectKernelDefaults", "makeIPTablesUtilChains",
            "iptablesMasqueradeBit", "iptablesDropBit", "featureGates", "failSwapOn", "memorySwap",
            "containerLogMaxSize", "containerLogMaxFiles", "containerLogMaxWorkers",
            "containerLogMonitorInterval", "configMapAndSecretChangeDetectionStrategy", "systemReserved",
            "kubeReserved", "reservedSystemCPUs", "showHiddenMetricsForVersion", "systemReservedCgroup",
            "kubeReservedCgroup", "enforceNodeAllocatable", "allowedUnsafeSysctls", "volumePluginDir",
            "providerID", "kernelMemcgNotification", "logging", "enableSystemLogHandler",
            "enableSystemLogQuery", "shutdownGracePeriod", "shutdownGracePeriodCriticalPods",
            "shutdownGracePeriodByPodPriority", "crashLoopBackOff", "reservedMemory",
            "enableProfilingHandler", "enableDebugFlagsHandler", "seccompDefault", "memoryThrottlingFactor",
            "registerWithTaints", "registerNode", "tracing", "localStorageCapacityIsolation",
            "containerRuntimeEndpoint", "imageServiceEndpoint", "failCgroupV1", "userNamespaces",
            // flag-only settings
            "hostnameOverride", "kubeconfig", "bootstrapKubeconfig", "config", "configDir", "certDir",
            "rootDir", "nodeIp", "nodeLabels", "cloudProvider", "runtimeCgroups", "lockFile",
            "exitOnLockContention", "seccompProfileRoot", "kubeletCgroupsRoot");

    private FactCatalogue() {
    }

    public static boolean isKnown(String key) {
        if (key == null || KEYS.stream().noneMatch(p -> p.matcher(key).matches())) {
            return false;
        }
        return !key.startsWith("kubelet.") || KUBELET_FIELDS.contains(key.split("\\.")[1]);
    }
}
