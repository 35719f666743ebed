package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code /proc/1/cgroup} (and the {@code /proc/self} link) to tell whether the proc root shows
 * the host's processes or only a container's. Without {@code hostPID} the agent's pod has its own pid
 * namespace: its {@code /proc/1} is the pod's first process, and every process and socket read from
 * there describes the pod, not the node. Readers of {@code /proc} ask this first and report an error
 * rather than facts about the wrong machine.
 *
 * <p>The forms {@code /proc/1/cgroup} takes (cgroup v2 shown; v1 has the same paths after each
 * controller), and what each means:
 * <ul>
 *   <li>{@code 0::/init.scope}: systemd on the host, seen from the host's cgroup namespace. The host.</li>
 *   <li>{@code 0::/../../init.scope} (any number of {@code ..}): the host's (or a kind node's) systemd,
 *       seen from our pod's private cgroup namespace with {@code hostPID}. The host.</li>
 *   <li>{@code 0::/} or {@code 0::/../..}: a host whose init is not systemd (the root cgroup). The host.</li>
 *   <li>{@code 0::/kubepods.slice/...pod<uid>.slice/cri-containerd-<id>.scope}, or one with a
 *       {@code pod<uid>} component: pid 1 is a pod's first process. A container's view.</li>
 *   <li>{@code 0::/../cri-containerd-<id>.scope} (also {@code crio-}, {@code docker-}, or a bare 64-hex
 *       id): without {@code hostPID} but with {@code shareProcessNamespace: true} and a private cgroup
 *       namespace, pid 1 is the pod's pause container, a sibling of ours, one level up. A container's
 *       view.</li>
 * </ul>
 */
public final class ProcView {

    private ProcView() {
    }

    /**
     * Why {@code <proc>} is a container's view, or empty when it looks like the host's. Signs: pid 1 runs
     * in a pod's cgroup (see {@link ProcCgroup} for the forms), or we are pid 1 ourselves (no host runs
     * nodeward as its init). When {@code /proc/1/cgroup} is missing or may not be read (a hardened
     * proc mount) we cannot tell, and say nothing: the facts then stand or fail on their own reads.
     * When it is there but is not what the kernel makes (a FIFO, a symbolic link, a file over the
     * bound: see {@link BoundedFiles#readProc}), this proc root is not a kernel's, and that is the reason.
     */
    public static Optional<String> check(HostRoot root) {
        String proc = root.display(root.proc(""));
        List<String> paths;
        try {
            paths = ProcCgroup.read(root, 1);
        } catch (NoSuchFileException | AccessDeniedException cannotTell) {
            paths = List.of();
        } catch (IOException e) {
            return Optional.of("cannot tell whether the proc root " + proc + " is the host's: "
                    + IoErrors.unreadable("/proc/1/cgroup", e));
        }
        Optional<String> podPath = ProcCgroup.podPath(paths);
        if (podPath.isPresent()) {
            return Optional.of(containerView(proc, "its pid 1 runs in a pod (cgroup " + podPath.get() + ")"));
        }
        Optional<String> sibling = ProcCgroup.outsideContainerPath(paths);
        if (sibling.isPresent()) {
            return Optional.of(containerView(proc, "its pid 1 runs in a container beside ours (cgroup "
                    + sibling.get() + "; a pod sharing its process namespace)"));
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

    /** Whether the link {@code /proc/self} (read, not followed) says 1; not a link (a fixture tree) is no. */
    private static boolean selfIsPidOne(HostRoot root) {
        try {
            return BoundedFiles.procLink(root, "self").toString().equals("1");
        } catch (IOException notALinkOrNotThere) {
            return false;
        }
    }
}
