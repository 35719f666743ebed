package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import io.nodeward.host.Fact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code pod.*} facts of one Pod, as the API server stored it: after admission. The ServiceAccount
 * admission plugin (plugin/pkg/admission/serviceaccount/admission.go) sets {@code serviceAccountName} to
 * {@code default} when the pod names none, and, when the token is to be mounted, adds the projected
 * volume {@code kube-api-access-<random>} with a {@code serviceAccountToken} source and mounts it in every
 * container at /var/run/secrets/kubernetes.io/serviceaccount. So the stored pod itself says whether a
 * token is mounted: a projected {@code serviceAccountToken} volume that a container mounts. (Pods from
 * before 1.22 could carry the token as a Secret volume; telling those apart needs the Secret's type, which
 * the auditor does not read.)
 */
final class PodFacts {

    static final String DEFAULT_ACCOUNT = "default";

    private PodFacts() {
    }

    static List<Fact> of(Pod pod) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        String account = spec.getServiceAccountName();
        Fact accountFact = account == null || account.isEmpty()
                ? Fact.present(ClusterFactKeys.POD_SERVICE_ACCOUNT, DEFAULT_ACCOUNT,
                        "default: spec.serviceAccountName is not set (admission sets default)")
                : Fact.present(ClusterFactKeys.POD_SERVICE_ACCOUNT, account, "spec.serviceAccountName");
        return List.of(accountFact, tokenMounted(spec));
    }

    private static Fact tokenMounted(PodSpec spec) {
        Set<String> tokenVolumes = new LinkedHashSet<>();
        for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (volume.getProjected() != null && volume.getProjected().getSources() != null
                    && volume.getProjected().getSources().stream().anyMatch(s -> s.getServiceAccountToken() != null)) {
                tokenVolumes.add(volume.getName());
            }
        }
        List<String> mountedBy = new ArrayList<>();
        Set<String> mounted = new LinkedHashSet<>();
        collect(spec.getInitContainers(), tokenVolumes, mounted, mountedBy);
        collect(spec.getContainers(), tokenVolumes, mounted, mountedBy);
        if (spec.getEphemeralContainers() != null) {
            for (EphemeralContainer container : spec.getEphemeralContainers()) {
                mounts(container.getName(), container.getVolumeMounts(), tokenVolumes, mounted, mountedBy);
            }
        }
        if (mounted.isEmpty()) {
            String why = Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())
                    ? " (spec.automountServiceAccountToken: false)" : "";
            return Fact.present(ClusterFactKeys.POD_TOKEN_MOUNTED, "false",
                    "no container mounts a projected serviceAccountToken volume" + why);
        }
        return Fact.present(ClusterFactKeys.POD_TOKEN_MOUNTED, "true", "volume " + String.join(", ", mounted)
                + " (projected serviceAccountToken) mounted in " + String.join(", ", mountedBy));
    }

    private static void collect(List<Container> containers, Set<String> tokenVolumes, Set<String> mounted, List<String> mountedBy) {
        for (Container container : containers == null ? List.<Container>of() : containers) {
            mounts(container.getName(), container.getVolumeMounts(), tokenVolumes, mounted, mountedBy);
        }
    }

    private static void mounts(String container, List<VolumeMount> mounts, Set<String> tokenVolumes, Set<String> mounted,
                               List<String> mountedBy) {
        boolean any = false;
        for (VolumeMount mount : mounts == null ? List.<VolumeMount>of() : mounts) {
            if (tokenVolumes.contains(mount.getName())) {
                mounted.add(mount.getName());
                any = true;
            }
        }
        if (any) {
            mountedBy.add("container " + container);
        }
    }
}
