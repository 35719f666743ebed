package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code /proc/<pid>/cgroup}: the control groups of a process, one line per hierarchy, each
 * {@code hierarchy-ID:controller-list:cgroup-path} (cgroups(7), "/proc/pid/cgroup"). The file is
 * world-readable, so it tells us, without ptrace rights, whether a process runs in a pod.
 *
 * <p>The kubelet puts every container under a {@code kubepods} cgroup. The forms a pod's process shows:
 * <ul>
 *   <li>cgroup v2, systemd driver: {@code 0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice/cri-containerd-<id>.scope}
 *       (Guaranteed pods sit directly under {@code kubepods.slice}: {@code kubepods-pod<uid>.slice})</li>
 *   <li>cgroup v2, cgroupfs driver: {@code 0::/kubepods/burstable/pod<uid>/<id>}</li>
 *   <li>cgroup v1: the same paths after each controller, e.g. {@code 4:memory:/kubepods/besteffort/pod<uid>/<id>}
 *       or {@code 4:memory:/kubepods.slice/kubepods-besteffort.slice/...}</li>
 *   <li>a node that is itself a container (kind): {@code /kubelet.slice/kubelet-kubepods.slice/...},
 *       {@code /docker/<node>/kubepods/...}</li>
 * </ul>
 * A process outside the reader's own cgroup namespace (a pod's container usually has one) is shown
 * relative to it, with {@code ..} components, and may then lose its {@code kubepods} ancestor:
 * {@code 0::/../../besteffort/pod<uid>/<id>}. So a {@code pod<uid>} component counts as well; pod UIDs
 * are UUIDs, or 32 hex digits for static pods (a hash of the manifest).
 */
public final class ProcCgroup {

    /** One line per hierarchy: a dozen lines on cgroup v1, one on v2. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Pattern POD_COMPONENT = Pattern.compile(
            "pod[0-9a-fA-F]{8}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{12}(\\.slice)?");

    /**
     * The last component of a container's own cgroup: containerd and CRI-O with the systemd driver,
     * cri-dockerd ({@code docker-<id>.scope}), or a bare 64-hex container id (cgroupfs driver).
     */
    private static final Pattern CONTAINER_COMPONENT = Pattern.compile(
            "(cri-containerd|crio|crio-conmon|docker)-[0-9a-f]{12,64}\\.scope|[0-9a-f]{64}");

    private ProcCgroup() {
    }

    /**
     * The cgroup paths of process {@code pid}; throws when the file cannot be read, and when it is not
     * what the kernel makes (a FIFO, a symbolic link, more than {@link #MAX_BYTES}), see
     * {@link BoundedFiles#readProc}.
     */
    public static List<String> read(HostRoot root, int pid) throws IOException {
        return paths(new String(BoundedFiles.readProc(root, pid + "/cgroup", MAX_BYTES), StandardCharsets.UTF_8));
    }

    /** The path field of each line ({@code 0::/init.scope} gives {@code /init.scope}); pure. */
    public static List<String> paths(String content) {
        List<String> paths = new ArrayList<>();
        for (String line : content.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second >= 0) {
                paths.add(line.substring(second + 1)); // a path may itself contain ':'
            }
        }
        return paths;
    }

    /** The first of {@code paths} that lies in a pod, if any; pure. */
    public static Optional<String> podPath(List<String> paths) {
        return paths.stream().filter(ProcCgroup::isPodPath).findFirst();
    }

    /**
     * The first of {@code paths} that is a container's cgroup outside the reader's cgroup namespace,
     * if any; pure. From a container with a private cgroup namespace, a sibling container in the same
     * pod reads {@code /../cri-containerd-<id>.scope}: no {@code kubepods}, no {@code pod<uid>} left to
     * see. A path climbing out ({@code /..}) and ending in a container's scope or id is such a sibling;
     * the host's init ends in {@code init.scope} ({@code /../../init.scope}) or is the root itself
     * ({@code /}, {@code /../..}), and is not.
     */
    public static Optional<String> outsideContainerPath(List<String> paths) {
        return paths.stream().filter(ProcCgroup::isOutsideContainerPath).findFirst();
    }

    static boolean isOutsideContainerPath(String path) {
        if (!path.startsWith("/..")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return CONTAINER_COMPONENT.matcher(last).matches();
    }

    static boolean isPodPath(String path) {
        if (path.contains("kubepods")) {
            return true;
        }
        for (String component : path.split("/")) {
            if (POD_COMPONENT.matcher(component).matches()) {
                return true;
            }
        }
        return false;
    }
}
