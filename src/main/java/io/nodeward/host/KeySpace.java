package io.nodeward.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fact keys a reader produces, declared up front ({@link KeyPattern}s), so that the benchmark
 * loader can reject a key no reader will ever produce, with a suggestion, instead of loading a check
 * that then fails every scan as "not observed". Also used by readers to drop what they were handed
 * but cannot name (an unknown kubelet field, a flag kube-proxy does not have).
 *
 * <p>Everything here is bounded by {@link #MAX_KEY_LENGTH}: a longer key is simply unknown, and
 * {@link #nearest} looks at a few hundred candidates with a banded edit distance.
 */
public final class KeySpace {

    /** Longer keys are unknown: no declared key comes close, and a hostile one costs nothing. */
    public static final int MAX_KEY_LENGTH = 256;

    private final List<KeyPattern> patterns;
    private final Map<String, String> aliases;

    private KeySpace(List<KeyPattern> patterns, Map<String, String> aliases) {
        this.patterns = List.copyOf(patterns);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        aliases.forEach((alias, key) -> {
            if (!contains(key) || contains(alias)) {
                throw new IllegalArgumentException("alias " + alias + " must name a declared key, not be one: " + key);
            }
        });
    }

    public static KeySpace of(KeyPattern... patterns) {
        return new KeySpace(List.of(patterns), Map.of());
    }

    /** Every key of every space: the keys all readers together produce. */
    public static KeySpace union(List<KeySpace> spaces) {
        List<KeyPattern> patterns = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (KeySpace space : spaces) {
            patterns.addAll(space.patterns);
            aliases.putAll(space.aliases);
        }
        return new KeySpace(patterns, aliases);
    }

    /**
     * The same keys, plus old names that are not keys themselves but that {@link #nearest} answers
     * with the key they now go by (sshd's {@code challengeresponseauthentication} is read as
     * {@code kbdinteractiveauthentication}, so only the latter is ever a fact).
     */
    public KeySpace withAliases(Map<String, String> moreAliases) {
        Map<String, String> all = new LinkedHashMap<>(aliases);
        all.putAll(moreAliases);
        return new KeySpace(patterns, all);
    }

    public List<KeyPattern> patterns() {
        return patterns;
    }

    /** Whether a reader declares {@code key}; false for null, malformed and over-long keys. */
    public boolean contains(String key) {
        List<String> segments = split(key);
        if (segments.isEmpty()) {
            return false;
        }
        for (KeyPattern pattern : patterns) {
            if (pattern.matches(segments)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The declared key closest to {@code key} by edit distance, if one is close enough to be a
     * likely typo (at most a quarter of the key's length, and at least 2, edits away); ties go to the
     * earlier-declared key. An alias gives its key; a declared key gives itself.
     */
    public Optional<String> nearest(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        if (aliases.containsKey(key)) {
            return Optional.of(aliases.get(key));
        }
        if (contains(key)) {
            return Optional.of(key);
        }
        List<String> segments = splitLoosely(key);
        int worst = Math.max(2, key.length() / 4);
        String best = null;
        int bestDistance = worst + 1;
        for (KeyPattern pattern : patterns) {
            for (String candidate : pattern.candidates(segments)) {
                int distance = EditDistance.atMost(key, candidate, bestDistance - 1);
                if (distance < bestDistance && contains(candidate)) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The key's segments, or an empty list when it is null, longer than {@link #MAX_KEY_LENGTH} or
     * has an empty segment ({@code a..b}, a leading or trailing dot).
     */
    static List<String> split(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return List.of();
        }
        List<String> segments = splitLoosely(key);
        return segments.contains("") ? List.of() : segments;
    }

    private static List<String> splitLoosely(String key) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '.') {
                segments.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return segments;
    }
}
