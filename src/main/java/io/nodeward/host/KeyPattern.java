package io.nodeward.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One shape of fact key a reader declares, matched segment by segment on the key split at its dots.
 * Matching is a linear walk over the segments and set look-ups: never a regular expression, so a
 * hostile key (a 2,000-segment dotted name in a kubelet config file) costs time in proportion to its
 * length and cannot overflow the stack the way a backtracking regex does. Each pattern can also list
 * the declared keys that look most like a given key, for {@link KeySpace#nearest}.
 */
public sealed interface KeyPattern {

    /** Whether {@code segments} (the key split at dots, none empty) is one of this pattern's keys. */
    boolean matches(List<String> segments);

    /**
     * The declared keys this pattern offers as suggestions for a key with these segments: a bounded
     * number, shaped after the user's key (a user's port number or field sub-path is kept).
     */
    List<String> candidates(List<String> segments);

    /** Exactly one key, e.g. {@code sshd.configfile}. */
    record Fixed(String key) implements KeyPattern {

        public Fixed {
            if (KeySpace.split(key).isEmpty()) {
                throw new IllegalArgumentException("not a well-formed key: '" + key + "'");
            }
        }

        @Override
        public boolean matches(List<String> segments) {
            return String.join(".", segments).equals(key);
        }

        @Override
        public List<String> candidates(List<String> segments) {
            return List.of(key);
        }
    }

    /**
     * Keys of a fixed number of segments, each one of {@link Segment}, e.g. {@code port.<1..65535>.(listening|wildcard|exposed)}.
     */
    record Family(List<Segment> segments) implements KeyPattern {

        public Family {
            segments = List.copyOf(segments);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("a family needs at least one segment");
            }
        }

        public static Family of(Segment... segments) {
            return new Family(List.of(segments));
        }

        @Override
        public boolean matches(List<String> keySegments) {
            if (keySegments.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!segments.get(i).accepts(keySegments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> candidates(List<String> keySegments) {
            List<String> keys = List.of("");
            for (int i = 0; i < segments.size(); i++) {
                List<String> options = segments.get(i).candidates(i < keySegments.size() ? keySegments.get(i) : "");
                List<String> next = new ArrayList<>(keys.size() * options.size());
                for (String prefix : keys) {
                    for (String option : options) {
                        next.add(prefix.isEmpty() ? option : prefix + "." + option);
                    }
                }
                keys = next;
            }
            return keys;
        }
    }

    /**
     * {@code <prefix>.<field>(.<identifier>)*}: a configuration field path whose first segment is one
     * of a known set of top-level fields and whose further segments are identifiers
     * ({@code [A-Za-z][A-Za-z0-9]*}), e.g. {@code kubelet.authentication.x509.clientCAFile}; a
     * {@link Nesting} that knows the schema says which deeper paths exist (and offers them as
     * suggestions). The identifier rule keeps out what no benchmark can name (an eviction signal such
     * as {@code memory.available} is fine, {@code imagefs/available} is not).
     */
    record FieldPath(String prefix, Set<String> fields, Nesting nesting) implements KeyPattern {

        /**
         * Which paths below a top-level field exist, for a pattern that knows its schema.
         */
        public interface Nesting {

            /** Whether {@code path} (the field and what follows it, never empty) names a setting. */
            boolean exists(List<String> path);

            /** The paths below the top-level fields that a suggestion may offer, dotted, without the prefix. */
            List<String> known();
        }

        /** Any identifiers below a known field: no schema. */
        public static final Nesting ANY_IDENTIFIERS = new Nesting() {
            @Override
            public boolean exists(List<String> path) {
                return true;
            }

            @Override
            public List<String> known() {
                return List.of();
            }
        };

        public FieldPath {
            fields = Collections.unmodifiableSortedSet(new TreeSet<>(fields));
            if (fields.isEmpty() || !fields.stream().allMatch(FieldPath::isIdentifier)) {
                throw new IllegalArgumentException("fields must be identifiers: " + fields);
            }
        }

        public FieldPath(String prefix, Set<String> fields) {
            this(prefix, fields, ANY_IDENTIFIERS);
        }

        @Override
        public boolean matches(List<String> segments) {
            if (segments.size() < 2 || !segments.get(0).equals(prefix) || !fields.contains(segments.get(1))) {
                return false;
            }
            for (int i = 2; i < segments.size(); i++) {
                if (!isIdentifier(segments.get(i))) {
                    return false;
                }
            }
            return nesting.exists(segments.subList(1, segments.size()));
        }

        @Override
        public List<String> candidates(List<String> segments) {
            String tail = "";
            if (segments.size() > 2 && segments.subList(2, segments.size()).stream().allMatch(FieldPath::isIdentifier)) {
                tail = "." + String.join(".", segments.subList(2, segments.size()));
            }
            List<String> keys = new ArrayList<>(fields.size() + nesting.known().size());
            for (String field : fields) {
                keys.add(prefix + "." + field + tail);
            }
            for (String path : nesting.known()) {
                keys.add(prefix + "." + path);
            }
            return keys;
        }

        /** {@code [A-Za-z][A-Za-z0-9]*}, checked character by character. */
        static boolean isIdentifier(String text) {
            if (text.isEmpty() || !isAsciiLetter(text.charAt(0))) {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!isAsciiLetter(c) && (c < '0' || c > '9')) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
    }

    /** One segment of a {@link Family}. */
    sealed interface Segment {

        boolean accepts(String segment);

        /** What this segment offers in a suggestion for the user's {@code segment}. */
        List<String> candidates(String segment);

        /** One of a fixed set of words, e.g. the file roles or the sshd keywords. */
        static Segment oneOf(Set<String> values) {
            return new OneOf(values);
        }

        /** Exactly this word, e.g. {@code port}. */
        static Segment literal(String value) {
            return new OneOf(Set.of(value));
        }

        /** A TCP port, {@code 1..65535}. */
        static Segment port() {
            return new PortNumber();
        }
    }

    /** One of {@code values}; suggestions offer every value. */
    record OneOf(Set<String> values) implements Segment {

        public OneOf {
            values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
            if (values.isEmpty() || values.stream().anyMatch(v -> v.isEmpty() || v.indexOf('.') >= 0)) {
                throw new IllegalArgumentException("values must be non-empty words without dots: " + values);
            }
        }

        @Override
        public boolean accepts(String segment) {
            return values.contains(segment);
        }

        @Override
        public List<String> candidates(String segment) {
            return List.copyOf(values);
        }
    }

    /**
     * A port number, {@code 1..65535} in decimal without leading zeros ({@code port.022.listening}
     * would never match the reader's {@code port.22.listening}). Suggestions keep the user's number
     * when it is a port, and offer nothing otherwise: 65,535 candidates would not be cheap.
     */
    record PortNumber() implements Segment {

        @Override
        public boolean accepts(String segment) {
            int length = segment.length();
            if (length == 0 || length > 5 || segment.charAt(0) == '0') {
                return false;
            }
            int value = 0;
            for (int i = 0; i < length; i++) {
                char c = segment.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            return value <= 65535;
        }

        @Override
        public List<String> candidates(String segment) {
            return accepts(segment) ? List.of(segment) : List.of();
        }
    }
}
