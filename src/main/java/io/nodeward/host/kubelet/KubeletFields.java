package io.nodeward.host.kubelet;

import java.util.Set;

/**
 * The first segment a {@code kubelet.*} fact key may have: the KubeletConfiguration (v1beta1) fields
 * and the flag-only settings, by camel-case flag name. Without this list every
 * {@code kubelet.<word>} would be "known" and a typo such as {@code kubelet.readOnlyPrt} would load
 * fine and silently never match. Deeper segments are not listed: see {@link KubeletReader#KEYS}.
 */
public final class KubeletFields {

    public static final Set<String> NAMES = Set.of(
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

    private KubeletFields() {
    }
}
