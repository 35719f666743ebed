package io.nodeward.cluster.facts;

import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;

/**
 * Every fact key the cluster auditor produces about one object, and so every key a cluster benchmark
 * may name: the loader checks {@code nodeward-cluster-*} against this space as it checks a node
 * benchmark against the node readers' ({@code host/FactKeys}). Documented with examples in
 * {@code benchmarks/README.md} ("Cluster facts").
 */
public final class ClusterFactKeys {

    public static final String NS_NETWORK_POLICIES = "namespace.networkPolicies";
    public static final String NS_DEFAULT_DENY_INGRESS = "namespace.defaultDenyIngress";
    public static final String NS_RESOURCE_QUOTAS = "namespace.resourceQuotas";
    public static final String NS_LIMIT_RANGES = "namespace.limitRanges";

    public static final String BINDING_ROLE_REF = "binding.roleRef";
    public static final String BINDING_ROLE_WILDCARD = "binding.role.wildcard";
    public static final String BINDING_ROLE_READS_SECRETS = "binding.role.readsSecrets";
    public static final String BINDING_ROLE_CREATES_PODS = "binding.role.createsPods";
    public static final String BINDING_ROLE_ESCALATES = "binding.role.escalates";
    public static final String BINDING_OUTSIDE_SYSTEM = "binding.subjects.outsideSystem";
    public static final String BINDING_EVERYONE = "binding.subjects.everyone";
    public static final String BINDING_ANONYMOUS = "binding.subjects.anonymous";
    public static final String BINDING_SYSTEM_MASTERS = "binding.subjects.systemMasters";

    public static final String ROLE_WILDCARD = "role.wildcard";

    public static final String SA_NAME = "serviceaccount.name";
    public static final String SA_AUTOMOUNT = "serviceaccount.automountToken";

    public static final String POD_SERVICE_ACCOUNT = "pod.serviceAccount";
    public static final String POD_TOKEN_MOUNTED = "pod.tokenMounted";

    public static final KeySpace ALL = KeySpace.of(
            fixed(NS_NETWORK_POLICIES), fixed(NS_DEFAULT_DENY_INGRESS), fixed(NS_RESOURCE_QUOTAS), fixed(NS_LIMIT_RANGES),
            fixed(BINDING_ROLE_REF), fixed(BINDING_ROLE_WILDCARD), fixed(BINDING_ROLE_READS_SECRETS),
            fixed(BINDING_ROLE_CREATES_PODS), fixed(BINDING_ROLE_ESCALATES), fixed(BINDING_OUTSIDE_SYSTEM),
            fixed(BINDING_EVERYONE), fixed(BINDING_ANONYMOUS), fixed(BINDING_SYSTEM_MASTERS),
            fixed(ROLE_WILDCARD),
            fixed(SA_NAME), fixed(SA_AUTOMOUNT),
            fixed(POD_SERVICE_ACCOUNT), fixed(POD_TOKEN_MOUNTED));

    private ClusterFactKeys() {
    }

    private static KeyPattern fixed(String key) {
        return new KeyPattern.Fixed(key);
    }
}
