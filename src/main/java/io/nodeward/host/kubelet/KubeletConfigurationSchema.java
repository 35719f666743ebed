package io.nodeward.host.kubelet;

import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.DURATION;
import static io.nodeward.host.componentconfig.FieldType.DURATION_POINTER;
import static io.nodeward.host.componentconfig.FieldType.FLOAT64;
import static io.nodeward.host.componentconfig.FieldType.INT32;
import static io.nodeward.host.componentconfig.FieldType.INT64;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.STRING_MAP;
import static io.nodeward.host.componentconfig.FieldType.UNCHECKED;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.listOf;
import static io.nodeward.host.componentconfig.FieldType.mapOf;
import static io.nodeward.host.componentconfig.FieldType.namedString;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * The field types of {@code KubeletConfiguration} v1beta1 as data, transcribed from
 * {@code staging/src/k8s.io/kubelet/config/v1beta1/types.go} (kubernetes master, 2025): each field's
 * JSON name and Go type. A pointer field ({@code *bool}, {@code *int32}) takes the same JSON as its
 * element; only {@code metav1.Duration} tells them apart (see {@link FieldType.Duration}).
 * {@code logging} ({@code logsapi.LoggingConfiguration}, whose {@code flushFrequency} takes a number or a
 * duration and whose buffer sizes are quantities), {@code tracing}, {@code registerWithTaints}
 * ({@code []v1.Taint}) and the {@code limits} of {@code reservedMemory} ({@code v1.ResourceList}) are not
 * checked: nodeward reports nothing from them, and a wrong type there is left to the kubelet.
 */
public final class KubeletConfigurationSchema {

    public static final String API_VERSION = "kubelet.config.k8s.io/v1beta1";
    public static final String KIND = "KubeletConfiguration";

    private static final FieldType.Struct AUTHENTICATION = struct("v1beta1.KubeletAuthentication",
            field("x509", struct("v1beta1.KubeletX509Authentication", field("clientCAFile", STRING))),
            field("webhook", struct("v1beta1.KubeletWebhookAuthentication",
                    field("enabled", BOOL), field("cacheTTL", DURATION))),
            field("anonymous", struct("v1beta1.KubeletAnonymousAuthentication", field("enabled", BOOL))));

    private static final FieldType.Struct AUTHORIZATION = struct("v1beta1.KubeletAuthorization",
            field("mode", namedString("v1beta1.KubeletAuthorizationMode")),
            field("webhook", struct("v1beta1.KubeletWebhookAuthorization",
                    field("cacheAuthorizedTTL", DURATION), field("cacheUnauthorizedTTL", DURATION))));

    public static final FieldType.Struct SCHEMA = struct("v1beta1.KubeletConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("enableServer", BOOL),
            field("staticPodPath", STRING),
            field("podLogsDir", STRING),
            field("syncFrequency", DURATION),
            field("fileCheckFrequency", DURATION),
            field("httpCheckFrequency", DURATION),
            field("staticPodURL", STRING),
            field("staticPodURLHeader", mapOf(STRING_LIST)),
            field("address", STRING),
            field("port", INT32),
            field("readOnlyPort", INT32),
            field("tlsCertFile", STRING),
            field("tlsPrivateKeyFile", STRING),
            field("tlsCipherSuites", STRING_LIST),
            field("tlsCurvePreferences", listOf(INT32)),
            field("tlsMinVersion", STRING),
            field("rotateCertificates", BOOL),
            field("serverTLSBootstrap", BOOL),
            field("authentication", AUTHENTICATION),
            field("authorization", AUTHORIZATION),
            field("registryPullQPS", INT32),
            field("registryBurst", INT32),
            field("imagePullCredentialsVerificationPolicy", namedString("v1beta1.ImagePullCredentialsVerificationPolicy")),
            field("preloadedImagesVerificationAllowlist", STRING_LIST),
            field("eventRecordQPS", INT32),
            field("eventBurst", INT32),
            field("enableDebuggingHandlers", BOOL),
            field("enableContentionProfiling", BOOL),
            field("healthzPort", INT32),
            field("healthzBindAddress", STRING),
            field("oomScoreAdj", INT32),
            field("clusterDomain", STRING),
            field("clusterDNS", STRING_LIST),
            field("streamingConnectionIdleTimeout", DURATION),
            field("nodeStatusUpdateFrequency", DURATION),
            field("nodeStatusReportFrequency", DURATION),
            field("nodeLeaseDurationSeconds", INT32),
            field("imageMinimumGCAge", DURATION),
            field("imageMaximumGCAge", DURATION),
            field("imageGCHighThresholdPercent", INT32),
            field("imageGCLowThresholdPercent", INT32),
            field("volumeStatsAggPeriod", DURATION),
            field("kubeletCgroups", STRING),
            field("systemCgroups", STRING),
            field("cgroupRoot", STRING),
            field("cgroupsPerQOS", BOOL),
            field("cgroupDriver", STRING),
            field("cpuManagerPolicy", STRING),
            field("singleProcessOOMKill", BOOL),
            field("cpuManagerPolicyOptions", STRING_MAP),
            field("cpuManagerReconcilePeriod", DURATION),
            field("draManagerReconcilePeriod", DURATION),
            field("memoryManagerPolicy", STRING),
            field("topologyManagerPolicy", STRING),
            field("topologyManagerScope", STRING),
            field("topologyManagerPolicyOptions", STRING_MAP),
            field("qosReserved", STRING_MAP),
            field("runtimeRequestTimeout", DURATION),
            field("hairpinMode", STRING),
            field("maxPods", INT32),
            field("podCIDR", STRING),
            field("podPidsLimit", INT64),
            field("resolvConf", STRING),
            field("runOnce", BOOL),
            field("cpuCFSQuota", BOOL),
            field("cpuCFSQuotaPeriod", DURATION_POINTER),
            field("nodeStatusMaxImages", INT32),
            field("maxOpenFiles", INT64),
            field("contentType", STRING),
            field("kubeAPIQPS", INT32),
            field("kubeAPIBurst", INT32),
            field("serializeImagePulls", BOOL),
            field("maxParallelImagePulls", INT32),
            field("evictionHard", STRING_MAP),
            field("evictionSoft", STRING_MAP),
            field("evictionSoftGracePeriod", STRING_MAP),
            field("evictionPressureTransitionPeriod", DURATION),
            field("evictionMaxPodGracePeriod", INT32),
            field("evictionMinimumReclaim", STRING_MAP),
            field("mergeDefaultEvictionSettings", BOOL),
            field("podsPerCore", INT32),
            field("enableControllerAttachDetach", BOOL),
            field("protectKernelDefaults", BOOL),
            field("makeIPTablesUtilChains", BOOL),
            field("iptablesMasqueradeBit", INT32),
            field("iptablesDropBit", INT32),
            field("featureGates", mapOf(BOOL)),
            field("failSwapOn", BOOL),
            field("memorySwap", struct("v1beta1.MemorySwapConfiguration", field("swapBehavior", STRING))),
            field("containerLogMaxSize", STRING),
            field("containerLogMaxFiles", INT32),
            field("containerLogMaxWorkers", INT32),
            field("containerLogMonitorInterval", DURATION_POINTER),
            field("configMapAndSecretChangeDetectionStrategy", namedString("v1beta1.ResourceChangeDetectionStrategy")),
            field("systemReserved", STRING_MAP),
            field("kubeReserved", STRING_MAP),
            field("reservedSystemCPUs", STRING),
            field("showHiddenMetricsForVersion", STRING),
            field("systemReservedCgroup", STRING),
            field("kubeReservedCgroup", STRING),
            field("enforceNodeAllocatable", STRING_LIST),
            field("allowedUnsafeSysctls", STRING_LIST),
            field("volumePluginDir", STRING),
            field("providerID", STRING),
            field("kernelMemcgNotification", BOOL),
            field("logging", UNCHECKED),
            field("enableSystemLogHandler", BOOL),
            field("enableSystemLogQuery", BOOL),
            field("shutdownGracePeriod", DURATION),
            field("shutdownGracePeriodCriticalPods", DURATION),
            field("shutdownGracePeriodByPodPriority", listOf(struct("v1beta1.ShutdownGracePeriodByPodPriority",
                    field("priority", INT32), field("shutdownGracePeriodSeconds", INT64)))),
            field("crashLoopBackOff", struct("v1beta1.CrashLoopBackOffConfig",
                    field("maxContainerRestartPeriod", DURATION_POINTER))),
            field("reservedMemory", listOf(struct("v1beta1.MemoryReservation",
                    field("numaNode", INT32), field("limits", UNCHECKED)))),
            field("enableProfilingHandler", BOOL),
            field("enableDebugFlagsHandler", BOOL),
            field("seccompDefault", BOOL),
            field("memoryThrottlingFactor", FLOAT64),
            field("memoryReservationPolicy", namedString("v1beta1.MemoryReservationPolicy")),
            field("registerWithTaints", UNCHECKED),
            field("registerNode", BOOL),
            field("tracing", UNCHECKED),
            field("localStorageCapacityIsolation", BOOL),
            field("containerRuntimeEndpoint", STRING),
            field("imageServiceEndpoint", STRING),
            field("failCgroupV1", BOOL),
            field("userNamespaces", struct("v1beta1.UserNamespaces", field("idsPerPod", INT64))));

    /** The {@code --config} file: {@code fsLoader.Load} refuses an empty one; strict, then lenient. */
    public static final ConfigRules CONFIG_FILE = ConfigRules.strictThenLenient("the kubelet", API_VERSION, KIND, SCHEMA,
            "kubelet config file \"%s\" was empty");

    /** A {@code --config-dir} drop-in: same loader, decoded into a map with no lenient retry. */
    public static final ConfigRules DROP_IN = CONFIG_FILE.asDropIn();

    private KubeletConfigurationSchema() {
    }
}
