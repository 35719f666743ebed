package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.nodeward.benchmark.Exemptions;
import io.nodeward.cluster.ClusterObjects;
import io.nodeward.cluster.ObjectKind;
import io.nodeward.cluster.rbac.Subjects;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The look-ups the fact builders need, made once per audit from one {@link ClusterObjects} view: the
 * namespaced objects by namespace, roles by namespace and name, ClusterRoles by name, and how subjects
 * are classified.
 */
public final class ClusterIndex {

    private final ClusterObjects objects;
    private final Subjects subjects;
    private final Map<String, List<NetworkPolicy>> networkPolicies;
    private final Map<String, List<ResourceQuota>> quotas;
    private final Map<String, List<LimitRange>> limitRanges;
    private final Map<String, Role> roles;
    private final Map<String, ClusterRole> clusterRoles;

    public ClusterIndex(ClusterObjects objects, Exemptions exemptions) {
        this.objects = objects;
        this.subjects = new Subjects(exemptions);
        this.networkPolicies = byNamespace(objects.all(ObjectKind.NETWORK_POLICY, NetworkPolicy.class));
        this.quotas = byNamespace(objects.all(ObjectKind.RESOURCE_QUOTA, ResourceQuota.class));
        this.limitRanges = byNamespace(objects.all(ObjectKind.LIMIT_RANGE, LimitRange.class));
        this.roles = new HashMap<>();
        objects.all(ObjectKind.ROLE, Role.class)
                .forEach(r -> roles.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), r));
        this.clusterRoles = new HashMap<>();
        objects.all(ObjectKind.CLUSTER_ROLE, ClusterRole.class).forEach(r -> clusterRoles.put(r.getMetadata().getName(), r));
    }

    public Subjects subjects() {
        return subjects;
    }

    /** Why {@code kind} could not be read, or empty. */
    public Optional<String> unreadable(ObjectKind kind) {
        return objects.unreadable(kind);
    }

    public List<NetworkPolicy> networkPolicies(String namespace) {
        return networkPolicies.getOrDefault(namespace, List.of());
    }

    public List<ResourceQuota> quotas(String namespace) {
        return quotas.getOrDefault(namespace, List.of());
    }

    public List<LimitRange> limitRanges(String namespace) {
        return limitRanges.getOrDefault(namespace, List.of());
    }

    public Optional<Role> role(String namespace, String name) {
        return Optional.ofNullable(roles.get(namespace + "/" + name));
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return Optional.ofNullable(clusterRoles.get(name));
    }

    /** Objects grouped by namespace, each group sorted by name so that evidence reads the same every time. */
    private static <T extends HasMetadata> Map<String, List<T>> byNamespace(List<T> list) {
        return list.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName()))
                .collect(Collectors.groupingBy(o -> o.getMetadata().getNamespace()));
    }
}
