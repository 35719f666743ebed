package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where on the host a file lives that a process opens by a path of its own mount namespace: a
 * kube-proxy in kubeadm's DaemonSet opens {@code /var/lib/kube-proxy/config.conf}, which is its
 * {@code kube-proxy} ConfigMap volume, on the node
 * {@code /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~configmap/kube-proxy/config.conf}.
 *
 * <p>Read from the kernel's mount tables ({@link ProcMountInfo}): the process's mount that holds the
 * path (the longest mount point above it, the last one listed on top), then a mount of the same
 * file system in the host's namespace ({@code /proc/1/mountinfo}) whose root holds that mount's root;
 * the path below the one is the path below the other. A process whose top {@code /} mount has the
 * host's mount ID shares the host's namespace, and its paths are the host's (a systemd service with
 * a private namespace has another ID, and its paths map through its root mount to the same files). A
 * path on the container's own root, an overlay of its image, is no file of the node.
 */
public final class ProcessPaths {

    /** The host's init: its mount namespace is the host's. */
    static final int HOST_INIT = 1;

    private ProcessPaths() {
    }

    /** Where a process's path is on the host. */
    public sealed interface Where {
    }

    /**
     * @param hostPath the host path of the same file
     * @param via      how it was found, for a source: empty when the process sees the host's paths
     */
    public record OnHost(String hostPath, Optional<String> via) implements Where {
    }

    /** @param reason e.g. {@code /etc/kube-proxy/kubeconfig is in the container's own file system (overlay)} */
    public record InContainer(String reason) implements Where {
    }

    /** @param reason why it cannot be told */
    public record Unknown(String reason) implements Where {
    }

    /**
     * Where {@code path} (absolute, as {@code process} opens it) is on the host.
     *
     * @param who the process, for reasons: {@code kube-proxy}
     */
    public static Where of(HostRoot root, ProcessSnapshot.Entry process, String who, String path) {
        int pid = process.pid();
        Optional<String> pod = process.podPath();
        List<ProcMountInfo.Mount> own;
        List<ProcMountInfo.Mount> host;
        try {
            own = ProcMountInfo.read(root, pid);
        } catch (IOException | IllegalArgumentException e) {
            if (pod.isEmpty()) {
                // its cgroup puts it on the host (a systemd service): its paths are the host's
                return new OnHost(path, Optional.empty());
            }
            return new Unknown(who + " runs in a pod (/proc/" + pid + "/cgroup is " + pod.get()
                    + ") and its mount table cannot be read, so where " + path + " is on the host is unknown: "
                    + describe("/proc/" + pid + "/mountinfo", e));
        }
        try {
            host = ProcMountInfo.read(root, HOST_INIT);
        } catch (IOException | IllegalArgumentException e) {
            return new Unknown("the host's mount table cannot be read, so where " + who + "'s " + path
                    + " is on the host is unknown: " + describe("/proc/" + HOST_INIT + "/mountinfo", e));
        }
        Optional<ProcMountInfo.Mount> ownRoot = top(own, "/");
        Optional<ProcMountInfo.Mount> hostRoot = top(host, "/");
        if (ownRoot.isPresent() && hostRoot.isPresent() && ownRoot.get().id() == hostRoot.get().id()) {
            return new OnHost(path, Optional.empty()); // one mount namespace
        }
        ProcMountInfo.Mount holder = own.stream().filter(m -> isUnder(path, m.mountPoint()))
                .reduce((a, b) -> b.mountPoint().length() >= a.mountPoint().length() ? b : a).orElse(null);
        if (holder == null) {
            return new Unknown("/proc/" + pid + "/mountinfo has no mount holding " + path);
        }
        if (holder.mountPoint().equals("/") && holder.fsType().equals("overlay")) {
            // the container's root: its image and writable layer. A volume bind-mounted from a node whose
            // own root is an overlay (kind) is not this, and is found on the host below
            return new InContainer(path + " is in " + who + "'s container file system (its image, an overlay mounted"
                    + " at " + holder.mountPoint() + "), not a file of the node");
        }
        String source = join(holder.root(), below(path, holder.mountPoint()));
        ProcMountInfo.Mount onHost = host.stream()
                .filter(m -> m.device().equals(holder.device()) && isUnder(source, m.root()))
                .reduce((a, b) -> b.root().length() > a.root().length() ? b : a).orElse(null);
        if (onHost == null) {
            return new Unknown(who + "'s " + path + " is on " + holder.fsType() + " " + holder.device() + " (at "
                    + holder.root() + "), which the host's /proc/1/mountinfo does not mount");
        }
        String hostPath = join(onHost.mountPoint(), below(source, onHost.root()));
        return new OnHost(hostPath, Optional.of(who + "'s " + path + ", mounted at " + holder.mountPoint()
                + " from the host's " + join(onHost.mountPoint(), below(holder.root(), onHost.root()))));
    }

    /** The mount on top at {@code mountPoint}: the last one listed there. */
    private static Optional<ProcMountInfo.Mount> top(List<ProcMountInfo.Mount> mounts, String mountPoint) {
        return mounts.stream().filter(m -> m.mountPoint().equals(mountPoint)).reduce((a, b) -> b);
    }

    static boolean isUnder(String path, String dir) {
        return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
    }

    /** {@code path} below {@code dir} ({@code isUnder}), without a leading slash; empty for the directory itself. */
    static String below(String path, String dir) {
        if (path.equals(dir)) {
            return "";
        }
        return path.substring(dir.equals("/") ? 1 : dir.length() + 1);
    }

    static String join(String dir, String relative) {
        if (relative.isEmpty()) {
            return dir;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + relative;
    }

    private static String describe(String shown, Exception e) {
        return e instanceof IOException io ? IoErrors.unreadable(shown, io) : shown + ": " + e.getMessage();
    }
}
