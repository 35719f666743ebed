package io.nodeward.cluster;

/**
 * The kinds of API object the cluster auditor reads, each with its API group, version and resource
 * (as a ClusterRole names them): exactly what {@code daemonset/cluster/} lets it get, list and watch.
 */
public enum ObjectKind {
    NAMESPACE("Namespace", "", "v1", "namespaces", false),
    ROLE("Role", "rbac.authorization.k8s.io", "v1", "roles", true),
    CLUSTER_ROLE("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", false),
    ROLE_BINDING("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", true),
    CLUSTER_ROLE_BINDING("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", false),
    NETWORK_POLICY("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", true),
    RESOURCE_QUOTA("ResourceQuota", "", "v1", "resourcequotas", true),
    LIMIT_RANGE("LimitRange", "", "v1", "limitranges", true),
    SERVICE_ACCOUNT("ServiceAccount", "", "v1", "serviceaccounts", true),
    POD("Pod", "", "v1", "pods", true);

    private final String kind;
    private final String group;
    private final String version;
    private final String resource;
    private final boolean namespaced;

    ObjectKind(String kind, String group, String version, String resource, boolean namespaced) {
        this.kind = kind;
        this.group = group;
        this.version = version;
        this.resource = resource;
        this.namespaced = namespaced;
    }

    /** The API's kind, e.g. {@code RoleBinding}. */
    public String kind() {
        return kind;
    }

    /** The API group, {@code ""} for the core group. */
    public String group() {
        return group;
    }

    /** {@code rbac.authorization.k8s.io/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource as RBAC names it, e.g. {@code rolebindings}. */
    public String resource() {
        return resource;
    }

    public boolean namespaced() {
        return namespaced;
    }
}
