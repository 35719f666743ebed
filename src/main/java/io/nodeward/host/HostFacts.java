package io.nodeward.host;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One immutable snapshot of everything the readers found on the node. */
public final class HostFacts {

    private final Map<String, Fact> facts;

    private HostFacts(Map<String, Fact> facts) {
        this.facts = Map.copyOf(facts);
    }

    /** The fact for {@code key}; a key no reader produced is absent, with that as its reason. */
    public Fact get(String key) {
        Fact fact = facts.get(key);
        return fact != null ? fact : Fact.absent(key, "not observed on this node");
    }

    public Collection<Fact> all() {
        return facts.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Fact> facts = new LinkedHashMap<>();

        public Builder add(Fact fact) {
            facts.put(fact.key(), fact);
            return this;
        }

        public Builder addAll(Collection<Fact> more) {
            more.forEach(this::add);
            return this;
        }

        public HostFacts build() {
            return new HostFacts(facts);
        }
    }
}
