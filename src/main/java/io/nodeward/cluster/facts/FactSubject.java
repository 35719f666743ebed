package io.nodeward.cluster.facts;

import io.nodeward.cluster.ObjectKind;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a cluster check is about, told by the first segment of its fact keys: a check on
 * {@code binding.*} facts is judged once per RoleBinding and ClusterRoleBinding, one on
 * {@code namespace.*} once per Namespace, and so on. A check mixing two subjects has no object to be
 * judged on, so the cluster benchmark refuses it at load.
 */
public enum FactSubject {
    NAMESPACE("namespace", EnumSet.of(ObjectKind.NAMESPACE)),
    BINDING("binding", EnumSet.of(ObjectKind.ROLE_BINDING, ObjectKind.CLUSTER_ROLE_BINDING)),
    ROLE("role", EnumSet.of(ObjectKind.ROLE, ObjectKind.CLUSTER_ROLE)),
    SERVICE_ACCOUNT("serviceaccount", EnumSet.of(ObjectKind.SERVICE_ACCOUNT)),
    POD("pod", EnumSet.of(ObjectKind.POD));

    private final String prefix;
    private final Set<ObjectKind> kinds;

    FactSubject(String prefix, Set<ObjectKind> kinds) {
        this.prefix = prefix;
        this.kinds = kinds;
    }

    /** The first segment of its keys, e.g. {@code binding}. */
    public String prefix() {
        return prefix;
    }

    /** The kinds of object judged, e.g. RoleBinding and ClusterRoleBinding. */
    public Set<ObjectKind> kinds() {
        return kinds;
    }

    /** The subject whose keys {@code key} belongs to, by its first segment. */
    public static Optional<FactSubject> of(String key) {
        int dot = key.indexOf('.');
        String first = dot < 0 ? key : key.substring(0, dot);
        for (FactSubject subject : values()) {
            if (subject.prefix.equals(first)) {
                return Optional.of(subject);
            }
        }
        return Optional.empty();
    }

    /** How a report names one of them, e.g. {@code RoleBinding and ClusterRoleBinding} (as in "every ..."). */
    public String singular() {
        return String.join(" and ", kinds.stream().map(ObjectKind::kind).toList());
    }

    /** How a report names the kinds, e.g. {@code RoleBindings and ClusterRoleBindings}. */
    public String plural() {
        return String.join(" and ", kinds.stream().map(k -> k.kind() + "s").toList());
    }
}
