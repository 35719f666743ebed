package io.nodeward.host;

import java.util.List;
import java.util.Objects;

/**
 * One thing known about the node, keyed by a catalogue name such as {@code kubelet.readOnlyPort}.
 * A fact is present with one or more observations, absent (the thing does not exist or is unset
 * with no default), or an error (its input could not be read or parsed). Checks that depend on an
 * error fact report ERROR, never PASS.
 *
 * @param key      the catalogue key
 * @param state    present, absent or error
 * @param observed what was seen, each with where it was seen; empty unless present
 * @param reason   why the fact is absent or an error; null when present
 */
public record Fact(String key, State state, List<Observed> observed, String reason) {

    public enum State { PRESENT, ABSENT, ERROR }

    public Fact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        observed = List.copyOf(observed);
        if (state == State.PRESENT && observed.isEmpty()) {
            throw new IllegalArgumentException("present fact " + key + " needs an observation");
        }
    }

    public static Fact present(String key, String value, String source) {
        return new Fact(key, State.PRESENT, List.of(new Observed(value, source)), null);
    }

    public static Fact present(String key, List<Observed> observed) {
        return new Fact(key, State.PRESENT, observed, null);
    }

    public static Fact absent(String key, String reason) {
        return new Fact(key, State.ABSENT, List.of(), reason);
    }

    public static Fact error(String key, String reason) {
        return new Fact(key, State.ERROR, List.of(), reason);
    }

    public boolean isPresent() {
        return state == State.PRESENT;
    }

    /** The first observation's value, for single-valued facts. */
    public String value() {
        return observed.isEmpty() ? null : observed.get(0).value();
    }

    /** Where the first observation came from, e.g. {@code flag --read-only-port}. */
    public String source() {
        return observed.isEmpty() ? null : observed.get(0).source();
    }
}
