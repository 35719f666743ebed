package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.nodeward.cluster.ObjectRef;
import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;

import java.util.List;

/**
 * One object's facts, the cluster's counterpart of a node scan's fact snapshot: the same {@link HostFacts}
 * type, so the same evaluator judges it. Every fact carries its source (the rule, the subjects, the
 * policies it was read from).
 */
public final class ObjectFacts {

    private ObjectFacts() {
    }

    public static HostFacts of(ObjectRef ref, HasMetadata object, ClusterIndex index) {
        List<Fact> facts = switch (object) {
            case Namespace namespace -> NamespaceFacts.of(namespace, index);
            case RoleBinding binding -> BindingFacts.of(ref.toString(), ref.namespace(), binding.getRoleRef(),
                    binding.getSubjects(), index);
            case ClusterRoleBinding binding -> BindingFacts.of(ref.toString(), "", binding.getRoleRef(),
                    binding.getSubjects(), index);
            case Role role -> RoleFacts.of(ref.toString(), role.getRules());
            case ClusterRole role -> RoleFacts.of(ref.toString(), role.getRules());
            case ServiceAccount account -> ServiceAccountFacts.of(account);
            case Pod pod -> PodFacts.of(pod);
            default -> throw new IllegalArgumentException("no facts for " + ref);
        };
        return HostFacts.builder().addAll(facts).build();
    }
}
