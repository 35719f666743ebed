package io.nodeward.benchmark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a benchmark judges ({@code applies-to} in its {@code benchmark.yaml}): a node, from the facts the
 * node agent reads on it, or the cluster, from the API's objects that {@code nodeward cluster} reads.
 */
public enum AppliesTo {
    NODE, CLUSTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AppliesTo> byLabel(String label) {
        return Arrays.stream(values()).filter(a -> a.label().equals(label)).findFirst();
    }
}
