package io.nodeward.scan;

/**
 * Scans the node once. Implementations never throw for bad host input: it becomes ERROR results.
 * Everything the agent and the publishers need is in the {@link ScanReport}.
 */
public interface NodeScanner {

    ScanReport scan();
}
