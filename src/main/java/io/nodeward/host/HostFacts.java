package io.nodeward.host;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One immutable snapshot of everything the readers found on the node. */
public final class HostFacts {

    private final Map<String, Fact> facts;
    private final Map<String, String> failedPrefixes;

    private HostFacts(Map<String, Fact> facts, Map<String, String> failedPrefixes) {
        this.facts = Map.copyOf(facts);
        this.failedPrefixes = Map.copyOf(failedPrefixes);
    }

    /**
     * The fact for {@code key}. A key no reader produced is absent, unless the reader responsible
     * for its prefix failed: then it is an error, since a crashed reader proves nothing is absent.
     */
    public Fact get(String key) {
        Fact fact = facts.get(key);
        if (fact != null) {
            return fact;
        }
        for (Map.Entry<String, String> failed : failedPrefixes.entrySet()) {
            if (key.startsWith(failed.getKey())) {
                return Fact.error(key, failed.getValue());
            }
        }
        return Fact.absent(key, "not observed on this node");
    }

    public Collection<Fact> all() {
        return facts.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Fact> facts = new LinkedHashMap<>();
        private final Map<String, String> failedPrefixes = new LinkedHashMap<>();

        public Builder add(Fact fact) {
            facts.put(fact.key(), fact);
            return this;
        }

        public Builder addAll(Collection<Fact> more) {
            more.forEach(this::add);
            return this;
        }

        /** Marks every key under {@code prefix} that no reader produced as an error with {@code reason}. */
        public Builder failPrefix(String prefix, String reason) {
            failedPrefixes.put(prefix, reason);
            return this;
        }

        public HostFacts build() {
            return new HostFacts(facts, failedPrefixes);
        }
    }
}
