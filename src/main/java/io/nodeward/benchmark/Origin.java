package io.nodeward.benchmark;

/**
 * Where a definition was written, so every message about it can point at the line to fix.
 *
 * @param file the benchmark file as shown to users, e.g. {@code benchmarks/cis-1.12/4.2-kubelet.yaml}
 * @param line 1-based line number
 */
public record Origin(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
