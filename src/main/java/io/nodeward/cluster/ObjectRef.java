package io.nodeward.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Comparator;
import java.util.Objects;

/**
 * One API object as reports, metrics and events name it.
 *
 * @param namespace the object's namespace, {@code ""} for a cluster-scoped object
 * @param uid       the object's uid (events name it as their involved object); may be empty in tests
 */
public record ObjectRef(ObjectKind kind, String namespace, String name, String uid) {

    /** Reports list objects by kind, then namespace, then name. */
    public static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
    }

    public static ObjectRef of(ObjectKind kind, HasMetadata object) {
        return new ObjectRef(kind, kind.namespaced() ? object.getMetadata().getNamespace() : "",
                object.getMetadata().getName(), object.getMetadata().getUid());
    }

    /** {@code RoleBinding development/MyDevUser}, {@code ClusterRole cluster-admin}. */
    @Override
    public String toString() {
        return kind.kind() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
