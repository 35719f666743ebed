package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nodeward.cluster.ObjectKind;
import io.nodeward.host.Fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code namespace.*} facts of one Namespace: how many NetworkPolicies, ResourceQuotas and LimitRanges
 * it holds, and whether one of its policies denies all ingress. A count whose kind could not be read is
 * an ERROR, never 0.
 */
final class NamespaceFacts {

    private NamespaceFacts() {
    }

    static List<Fact> of(Namespace namespace, ClusterIndex index) {
        String name = namespace.getMetadata().getName();
        List<Fact> facts = new ArrayList<>();
        facts.add(count(ClusterFactKeys.NS_NETWORK_POLICIES, ObjectKind.NETWORK_POLICY, index.networkPolicies(name), name, index));
        facts.add(defaultDeny(name, index));
        facts.add(count(ClusterFactKeys.NS_RESOURCE_QUOTAS, ObjectKind.RESOURCE_QUOTA, index.quotas(name), name, index));
        facts.add(count(ClusterFactKeys.NS_LIMIT_RANGES, ObjectKind.LIMIT_RANGE, index.limitRanges(name), name, index));
        return facts;
    }

    private static Fact count(String key, ObjectKind kind, List<? extends HasMetadata> found, String namespace, ClusterIndex index) {
        Optional<String> unreadable = index.unreadable(kind);
        if (unreadable.isPresent()) {
            return Fact.error(key, "the API's " + kind.resource() + " could not be read: " + unreadable.get());
        }
        String source = found.isEmpty() ? "no " + kind.kind() + " in namespace " + namespace
                : kind.kind() + "s in namespace " + namespace + ": "
                        + found.stream().map(o -> o.getMetadata().getName()).collect(Collectors.joining(", "));
        return Fact.present(key, Integer.toString(found.size()), source);
    }

    private static Fact defaultDeny(String namespace, ClusterIndex index) {
        String key = ClusterFactKeys.NS_DEFAULT_DENY_INGRESS;
        Optional<String> unreadable = index.unreadable(ObjectKind.NETWORK_POLICY);
        if (unreadable.isPresent()) {
            return Fact.error(key, "the API's networkpolicies could not be read: " + unreadable.get());
        }
        for (NetworkPolicy policy : index.networkPolicies(namespace)) {
            if (deniesAllIngress(policy)) {
                return Fact.present(key, "true", "NetworkPolicy " + namespace + "/" + policy.getMetadata().getName()
                        + " selects every pod, applies to Ingress and allows none");
            }
        }
        return Fact.present(key, "false", "no NetworkPolicy in namespace " + namespace
                + " selects every pod and allows no ingress");
    }

    /**
     * A policy that selects every pod of its namespace ({@code podSelector: {}}), applies to ingress and
     * has no ingress rule: it allows no ingress, so it isolates every pod (networking/v1 types.go). Its
     * policy types as the API server defaults them (pkg/apis/networking/v1/defaults.go
     * {@code SetDefaults_NetworkPolicy}: Ingress when none are given), for objects stored without them.
     */
    static boolean deniesAllIngress(NetworkPolicy policy) {
        var spec = policy.getSpec();
        if (spec == null) {
            return false;
        }
        List<String> types = spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()
                ? List.of("Ingress") : spec.getPolicyTypes();
        boolean noIngressRule = spec.getIngress() == null || spec.getIngress().isEmpty();
        return selectsEverything(spec.getPodSelector()) && types.contains("Ingress") && noIngressRule;
    }

    private static boolean selectsEverything(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }
}
