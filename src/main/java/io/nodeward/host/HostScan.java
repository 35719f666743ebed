package io.nodeward.host;

import io.nodeward.host.proc.ProcessSnapshot;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One scan's view of the host, handed to every reader: where the host is ({@link HostRoot}), its
 * processes as read once at the start of the scan ({@link ProcessSnapshot}), and the record of the
 * host paths the readers read, which the agent watches for changes. Used by one scan, on one thread.
 */
public final class HostScan {

    private final HostRoot root;
    private final ProcessSnapshot processes;
    private final Set<String> read = new LinkedHashSet<>();

    public HostScan(HostRoot root, ProcessSnapshot processes) {
        this.root = root;
        this.processes = processes;
    }

    /** Takes the process snapshot of {@code root} now. */
    public static HostScan of(HostRoot root) {
        return new HostScan(root, ProcessSnapshot.take(root));
    }

    public HostRoot root() {
        return root;
    }

    public ProcessSnapshot processes() {
        return processes;
    }

    /**
     * Records that a reader read, listed or looked for the host path {@code hostPath} (a file or a
     * directory, present or not): a change there could change a fact. Nothing under {@code /proc}:
     * the periodic scan catches process and socket changes.
     */
    public void read(String hostPath) {
        read.add(hostPath);
    }

    /** The host paths recorded by {@link #read}, in the order first recorded. */
    public Set<String> pathsRead() {
        return Collections.unmodifiableSet(read);
    }
}
