package io.nodeward.host.proc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of a Go program's command line, parsed the way spf13/pflag does: {@code --flag=value},
 * {@code --flag value}, a bare boolean {@code --flag} (meaning true), single-dash shorthands such as
 * {@code -v=2}; the last occurrence of a repeated flag wins, except for flags whose values pflag
 * accumulates (see {@link #parse(List, Set, Set)}); {@code --} ends the flags. Flags are
 * whole tokens, so {@code --config} never matches {@code --config-dir=...}, and a value keeps any
 * {@code =} after the first one ({@code --feature-gates=A=true,B=false}).
 *
 * @param values  flag name (without dashes) to its last value, or its accumulated values comma-joined
 * @param sources flag name to where its value came from, for flags that did not come from a process's
 *                own command line (an embedded kubelet's arguments, see {@code io.nodeward.host.embedded});
 *                any other flag's source is {@code flag --<name>}
 */
public record CommandLineFlags(Map<String, String> values, Map<String, String> sources) {

    public CommandLineFlags {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        sources = Map.copyOf(sources);
    }

    public CommandLineFlags(Map<String, String> values) {
        this(values, Map.of());
    }

    /**
     * Parses {@code args} (the arguments after the program name). {@code booleanFlags} names the
     * flags that never take a separate value: for them pflag reads {@code --anonymous-auth false} as
     * "true" followed by a stray argument. Any other flag takes the next argument as its value, as
     * pflag does, unless we do not know the flag and the next argument is itself a flag: an unknown
     * boolean must not swallow its neighbour. {@code -1} is a value, not a flag.
     */
    public static CommandLineFlags parse(List<String> args, Set<String> booleanFlags) {
        return parse(args, booleanFlags, ACCUMULATING);
    }

    /**
     * Flags whose repeated occurrences add up rather than replace: {@code --feature-gates}, whose
     * {@code Set} (k8s.io/component-base/featuregate) merges each {@code A=true,B=false} into the gates
     * set so far, a later occurrence winning gate by gate.
     */
    public static final Set<String> ACCUMULATING = Set.of("feature-gates");

    /**
     * As {@link #parse(List, Set)}; the occurrences of each flag in {@code accumulating} are joined
     * with ',' in order, as pflag's string-slice and map-valued flags append each one to the last.
     */
    public static CommandLineFlags parse(List<String> args, Set<String> booleanFlags, Set<String> accumulating) {
        return parse(args, null, booleanFlags, accumulating);
    }

    /**
     * As {@link #parse(List, Set, Set)} for arguments that each came from a known place, e.g. an
     * embedded kubelet's {@code --kubelet-arg} in {@code /etc/rancher/k3s/config.yaml}:
     * {@code argSources.get(i)} is where {@code args.get(i)} came from. A flag's source is that of
     * its winning occurrence; an accumulated flag's, those of its occurrences joined with ", ".
     */
    public static CommandLineFlags parse(List<String> args, List<String> argSources, Set<String> booleanFlags,
                                         Set<String> accumulating) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (!looksLikeFlag(arg)) {
                continue; // a positional argument: none of our components takes one
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int eq = body.indexOf('=');
            String name;
            String value;
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (booleanFlags.contains(body)) {
                name = body;
                value = "true";
            } else if (i + 1 < args.size() && !looksLikeFlag(args.get(i + 1))) {
                name = body;
                value = args.get(++i);
            } else {
                name = body;
                value = "true"; // an unknown bare flag: pflag would only accept it if it is boolean
            }
            String before = values.remove(name); // keep insertion order of the winning occurrence
            boolean accumulate = before != null && accumulating.contains(name);
            values.put(name, accumulate ? before + "," + value : value);
            if (argSources != null) {
                String source = argSources.get(i);
                String earlier = sources.get(name);
                sources.put(name, accumulate && earlier != null && !earlier.equals(source)
                        ? earlier + ", " + source : source);
            }
        }
        return new CommandLineFlags(values, sources);
    }

    /** Where {@code flag}'s value came from: {@code flag --<name>} unless the parse was told otherwise. */
    public String source(String flag) {
        return sources.getOrDefault(flag, "flag --" + flag);
    }

    private static boolean looksLikeFlag(String arg) {
        if (arg.startsWith("--")) {
            return arg.length() > 2;
        }
        return arg.length() > 1 && arg.charAt(0) == '-' && Character.isLetter(arg.charAt(1));
    }

    public Optional<String> get(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    /** The same flags with {@code flag} set to {@code value}. */
    public CommandLineFlags with(String flag, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(flag, value);
        return new CommandLineFlags(copy, sources);
    }

    /** {@code hostname-override} as a fact key segment: {@code hostnameOverride}. */
    public static String camelCase(String flag) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : flag.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
