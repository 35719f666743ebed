package io.nodeward.scan;

import java.nio.file.Path;
import java.util.Set;

/** Scans the node once. Implementations never throw for bad host input: it becomes ERROR results. */
public interface NodeScanner {

    ScanReport scan();

    /**
     * Local paths (files and directories) that the last scan read and whose change should
     * trigger a new scan; empty before the first scan.
     */
    Set<Path> watchedPaths();
}
