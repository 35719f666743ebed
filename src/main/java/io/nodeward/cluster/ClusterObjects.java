package io.nodeward.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent view of the objects the auditor judges: for each kind, the objects as the informers'
 * caches hold them (or as a test builds them), and for each kind that could not be read, why. A kind
 * that is neither listed nor unreadable is unreadable too ("not read"): an empty cache is not proof that
 * there are no such objects.
 */
public final class ClusterObjects {

    private final Map<ObjectKind, List<? extends HasMetadata>> objects;
    private final Map<ObjectKind, String> unreadable;

    private ClusterObjects(Map<ObjectKind, List<? extends HasMetadata>> objects, Map<ObjectKind, String> unreadable) {
        this.objects = Collections.unmodifiableMap(new EnumMap<>(objects));
        this.unreadable = Collections.unmodifiableMap(unreadable.isEmpty() ? Map.of() : new EnumMap<>(unreadable));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The objects of {@code kind} as {@code type}, empty when the kind could not be read (ask {@link #unreadable}). */
    public <T extends HasMetadata> List<T> all(ObjectKind kind, Class<T> type) {
        return objects.getOrDefault(kind, List.of()).stream().map(type::cast).toList();
    }

    /** Why {@code kind} could not be read, or empty when it was. */
    public Optional<String> unreadable(ObjectKind kind) {
        if (unreadable.containsKey(kind)) {
            return Optional.of(unreadable.get(kind));
        }
        return objects.containsKey(kind) ? Optional.empty() : Optional.of("not read");
    }

    /** How many objects of each kind were read. */
    public Map<ObjectKind, Integer> counts() {
        Map<ObjectKind, Integer> counts = new EnumMap<>(ObjectKind.class);
        objects.forEach((kind, list) -> counts.put(kind, list.size()));
        return counts;
    }

    public static final class Builder {
        private final Map<ObjectKind, List<? extends HasMetadata>> objects = new EnumMap<>(ObjectKind.class);
        private final Map<ObjectKind, String> unreadable = new EnumMap<>(ObjectKind.class);

        /** The objects of {@code kind}, all of them (an empty collection means there are none). */
        public Builder put(ObjectKind kind, Collection<? extends HasMetadata> list) {
            objects.put(kind, List.copyOf(list));
            unreadable.remove(kind);
            return this;
        }

        /** {@code kind} could not be read, for {@code reason}: checks that need it are ERROR. */
        public Builder unreadable(ObjectKind kind, String reason) {
            objects.remove(kind);
            unreadable.put(kind, reason);
            return this;
        }

        public ClusterObjects build() {
            return new ClusterObjects(objects, unreadable);
        }
    }
}
