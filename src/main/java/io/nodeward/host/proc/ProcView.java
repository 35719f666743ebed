package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code /proc/1/cgroup} (and the {@code /proc/self} link) to tell whether the proc root shows
 * the host's processes or only a container's. Without {@code hostPID} the agent's pod has its own pid
 * namespace: its {@code /proc/1} is the pod's first process, and every process and socket read from
 * there describes the pod, not the node. Readers of {@code /proc} ask this first and report an error
 * rather than facts about the wrong machine.
 */
public final class ProcView {

    private ProcView() {
    }

    /**
     * Why {@code <proc>} is a container's view, or empty when it looks like the host's. Signs: pid 1 runs
     * in a pod's cgroup (see {@link ProcCgroup} for the forms), or we are pid 1 ourselves (no host runs
     * nodeward as its init). When {@code /proc/1/cgroup} cannot be read we cannot tell, and say nothing:
     * the facts then stand or fail on their own reads.
     */
    public static Optional<String> check(HostRoot root) {
        String proc = root.display(root.proc(""));
        Optional<String> podPath;
        try {
            podPath = ProcCgroup.podPath(ProcCgroup.read(root, 1));
        } catch (IOException cannotTell) {
            podPath = Optional.empty();
        }
        if (podPath.isPresent()) {
            return Optional.of(containerView(proc, "its pid 1 runs in a pod (cgroup " + podPath.get() + ")"));
        }
        if (selfIsPidOne(root)) {
            return Optional.of(containerView(proc, "its pid 1 is nodeward itself"));
        }
        return Optional.empty();
    }

    private static String containerView(String proc, String sign) {
        return "the proc root " + proc + " is a container's view, not the host's: " + sign
                + "; the DaemonSet lacks hostPID: true, or --proc-root is wrong";
    }

    private static boolean selfIsPidOne(HostRoot root) {
        Path self = root.proc("self");
        if (!Files.isSymbolicLink(self)) {
            return false; // a fixture tree, or a proc that does not know us
        }
        try {
            return Files.readSymbolicLink(self).toString().equals("1");
        } catch (IOException e) {
            return false;
        }
    }
}
