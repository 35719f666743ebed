package io.nodeward.host.controlplane;

import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import java.util.List;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.DURATION;
import static io.nodeward.host.componentconfig.FieldType.FLOAT64;
import static io.nodeward.host.componentconfig.FieldType.INT32;
import static io.nodeward.host.componentconfig.FieldType.INT64;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.UNCHECKED;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * kube-scheduler's {@code --config} file, a {@code KubeSchedulerConfiguration} v1
 * ({@code staging/src/k8s.io/kube-scheduler/config/v1/types.go}, with component-base's
 * {@code LeaderElectionConfiguration}, {@code ClientConnectionConfiguration} and the inlined
 * {@code DebuggingConfiguration}). {@code cmd/kube-scheduler/app/options/configfile.go} loadConfig
 * decodes it with {@code scheme.Codecs}, made with {@code serializer.EnableStrict}, and no lenient
 * retry: a duplicate or unknown top-level field refuses the file. {@code profiles} and
 * {@code extenders} gain fields from release to release (plugin extension points), so they are not
 * checked here: a field there that this scheduler does not know is left to it.
 */
final class SchedulerConfigSchema {

    static final FieldType.Struct SCHEMA = struct("v1.KubeSchedulerConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("parallelism", INT32),
            field("leaderElection", struct("v1alpha1.LeaderElectionConfiguration",
                    field("leaderElect", BOOL), field("leaseDuration", DURATION), field("renewDeadline", DURATION),
                    field("retryPeriod", DURATION), field("resourceLock", STRING), field("resourceName", STRING),
                    field("resourceNamespace", STRING))),
            field("clientConnection", struct("v1alpha1.ClientConnectionConfiguration",
                    field("kubeconfig", STRING), field("acceptContentTypes", STRING), field("contentType", STRING),
                    field("qps", FLOAT64), field("burst", INT32))),
            field("enableProfiling", BOOL), field("enableContentionProfiling", BOOL),
            field("percentageOfNodesToScore", INT32),
            field("podInitialBackoffSeconds", INT64), field("podMaxBackoffSeconds", INT64),
            field("profiles", UNCHECKED), field("extenders", UNCHECKED),
            field("delayCacheUntilActive", BOOL));

    /** Only {@code kubescheduler.config.k8s.io/v1} is registered since 1.29 (v1beta3 was removed). */
    static final ConfigRules CONFIG_FILE = new ConfigRules("kube-scheduler", List.of("kubescheduler.config.k8s.io/v1"),
            "KubeSchedulerConfiguration", SCHEMA, null, ConfigRules.Strictness.STRICT, false);

    private SchedulerConfigSchema() {
    }
}
