package io.nodeward.host;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** One immutable snapshot of everything the readers found on the node. */
public final class HostFacts {

    private final Map<String, Fact> facts;
    private final Map<Predicate<String>, String> failedKeys;

    private HostFacts(Map<String, Fact> facts, Map<Predicate<String>, String> failedKeys) {
        this.facts = facts;
        this.failedKeys = failedKeys;
    }

    /**
     * The fact for {@code key}. A key no reader produced is absent, unless the reader responsible
     * for it failed: then it is an error, since a crashed reader proves nothing is absent.
     */
    public Fact get(String key) {
        Fact fact = facts.get(key);
        if (fact != null) {
            return fact;
        }
        for (Map.Entry<Predicate<String>, String> failed : failedKeys.entrySet()) {
            if (failed.getKey().test(key)) {
                return Fact.error(key, failed.getValue());
            }
        }
        return Fact.absent(key, "not observed on this node");
    }

    public Collection<Fact> all() {
        return facts.values();
    }

    /** These facts with each replaced by {@code change}'s result (same key), failed readers' keys kept failed. */
    public HostFacts map(UnaryOperator<Fact> change) {
        Map<String, Fact> changed = new LinkedHashMap<>();
        facts.forEach((key, fact) -> changed.put(key, change.apply(fact)));
        return new HostFacts(Map.copyOf(changed), failedKeys);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Fact> facts = new LinkedHashMap<>();
        private final Map<Predicate<String>, String> failedKeys = new LinkedHashMap<>();

        public Builder add(Fact fact) {
            facts.put(fact.key(), fact);
            return this;
        }

        public Builder addAll(Collection<Fact> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Marks every key {@code keys} accepts (a failed reader's declared keys) as an error with
         * {@code reason}, whatever the reader produced before it failed.
         */
        public Builder fail(Predicate<String> keys, String reason) {
            failedKeys.put(keys, reason);
            return this;
        }

        public HostFacts build() {
            return new HostFacts(Map.copyOf(facts), Map.copyOf(failedKeys));
        }

        /**
         * The facts so far, without copying them: for a reader to consult while the scan that owns
         * this builder waits for it. Later additions show through, so it must not be kept.
         */
        public HostFacts view() {
            return new HostFacts(Collections.unmodifiableMap(facts), Collections.unmodifiableMap(failedKeys));
        }
    }
}
