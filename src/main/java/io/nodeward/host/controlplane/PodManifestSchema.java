package io.nodeward.host.controlplane;

import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import java.util.List;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.UNCHECKED;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.listOf;
import static io.nodeward.host.componentconfig.FieldType.namedString;
import static io.nodeward.host.componentconfig.FieldType.partialStruct;

/**
 * A static pod manifest as the kubelet decodes it ({@code pkg/kubelet/config/common.go}
 * tryDecodeSinglePod): sigs.k8s.io/yaml's {@code YAMLToJSON} of the first document, then the legacy
 * scheme's universal decoder, which is not strict: the last of duplicate keys wins and unknown fields
 * are dropped, but a value of the wrong type ({@code command: [kube-apiserver, yes]}: a boolean where a
 * string is due) refuses the manifest, and the kubelet does not run the pod. Only the fields nodeward
 * reads are modelled ({@code core/v1/types.go} Pod, PodSpec, Container, Volume); the others are
 * dropped unchecked.
 */
public final class PodManifestSchema {

    private static final FieldType.Struct CONTAINER = partialStruct("v1.Container",
            field("name", STRING), field("image", STRING),
            field("command", STRING_LIST), field("args", STRING_LIST), field("workingDir", STRING),
            field("env", listOf(partialStruct("v1.EnvVar", field("name", STRING), field("value", STRING),
                    field("valueFrom", UNCHECKED)))),
            field("volumeMounts", listOf(partialStruct("v1.VolumeMount", field("name", STRING),
                    field("readOnly", BOOL), field("mountPath", STRING), field("subPath", STRING)))));

    static final FieldType.Struct POD = partialStruct("v1.Pod",
            field("apiVersion", STRING), field("kind", STRING), field("metadata", UNCHECKED),
            field("spec", partialStruct("v1.PodSpec",
                    field("volumes", listOf(partialStruct("v1.Volume", field("name", STRING),
                            field("hostPath", partialStruct("v1.HostPathVolumeSource", field("path", STRING),
                                    field("type", namedString("v1.HostPathType"))))))),
                    field("initContainers", listOf(CONTAINER)),
                    field("containers", listOf(CONTAINER)),
                    field("hostNetwork", BOOL))));

    /** The kubelet's reading of a file in its {@code staticPodPath}: a v1 Pod, decoded leniently. */
    public static final ConfigRules STATIC_POD = new ConfigRules("the kubelet", List.of("v1"), "Pod", POD, null,
            ConfigRules.Strictness.LENIENT, false);

    private PodManifestSchema() {
    }
}
