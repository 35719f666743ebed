package io.nodeward.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every fact key a reader may produce and a benchmark may name. The benchmark loader rejects any
 * other key, so a typo in a benchmark file fails at start instead of silently never matching.
 * Keys are documented, with examples, in {@code benchmarks/README.md}.
 */
public final class FactCatalogue {

    /** Each entry is a regular expression over keys; {@code <placeholders>} in the docs. */
    private static final List<Pattern> KEYS = List.of(
            // processes: value is the pid, source the cmdline file; absent when not running
            Pattern.compile("process\\.(kubelet|kube-proxy|sshd|kube-apiserver|etcd|kube-controller-manager|kube-scheduler)"),
            // the kubelet's effective setting, by KubeletConfiguration field path (or a flag-only name)
            Pattern.compile("kubelet\\.[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*"),
            // kube-proxy settings from its argv (and config file when readable)
            Pattern.compile("kube-proxy\\.[A-Za-z][A-Za-z0-9]*"),
            // a file a check names, by role: mode (octal), owner (user:group), path
            Pattern.compile("file\\.[a-z][a-z0-9-]*\\.(mode|owner|path)"),
            // the live socket table: listening (true/false), wildcard (true/false)
            Pattern.compile("port\\.[0-9]{1,5}\\.(listening|wildcard)"),
            // sshd's effective global setting, keyword in lower case
            Pattern.compile("sshd\\.[a-z0-9]+"));

    private FactCatalogue() {
    }

    public static boolean isKnown(String key) {
        return key != null && KEYS.stream().anyMatch(p -> p.matcher(key).matches());
    }
}
