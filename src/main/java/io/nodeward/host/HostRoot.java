package io.nodeward.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node's files and its {@code /proc} are mounted: {@code /} and {@code /proc} on a plain
 * machine, {@code /host} and {@code /proc} in the pod (which runs with {@code hostPID}). Every read of
 * host state goes through this record, so a test can point the whole agent at a fixture tree.
 *
 * @param root       the directory that stands for the host's {@code /}
 * @param proc       the directory that stands for the host's {@code /proc}
 * @param kernelProc whether {@code proc} is a kernel's procfs mount (as prometheus/procfs tells a real
 *                   procfs by its file system type): then every file under it is what the kernel
 *                   makes, and {@link BoundedFiles} can skip the checks that fixture trees need
 */
public record HostRoot(Path root, Path proc, boolean kernelProc) {

    public HostRoot {
        root = root.toAbsolutePath().normalize();
        proc = proc.toAbsolutePath().normalize();
    }

    /** A host on {@code root} whose {@code /proc} is {@code proc}; whether that is a procfs is asked once, here. */
    public HostRoot(Path root, Path proc) {
        this(root, proc, isProcfs(proc));
    }

    private static boolean isProcfs(Path proc) {
        try {
            return Files.getFileStore(proc).type().equals("proc");
        } catch (IOException | RuntimeException notThereOrNotKnown) {
            return false;
        }
    }

    /** A host on {@code root} whose {@code /proc} is {@code <root>/proc}. */
    public static HostRoot of(Path root) {
        return new HostRoot(root, root.resolve("proc"));
    }

    /**
     * The local path of a host path. {@code hostPath} is read as an absolute host path whether or
     * not it starts with '/', and may never climb out of the root with {@code ..}.
     */
    public Path resolve(String hostPath) {
        Path relative = Path.of("/").resolve(hostPath).normalize();
        return root.resolve(Path.of("/").relativize(relative).toString());
    }

    /** The local path of {@code /proc/<relative>} on the host. */
    public Path proc(String relative) {
        Path inside = Path.of("/").resolve(relative).normalize();
        return proc.resolve(Path.of("/").relativize(inside).toString());
    }

    /** How a local path is shown in reports: as the host sees it, without the mount prefix. */
    public String display(Path local) {
        Path normal = local.toAbsolutePath().normalize();
        if (normal.startsWith(proc)) {
            return "/proc" + suffix(proc.relativize(normal));
        }
        if (normal.startsWith(root)) {
            return "/" + root.relativize(normal);
        }
        return normal.toString();
    }

    private static String suffix(Path relative) {
        String text = relative.toString();
        return text.isEmpty() ? "" : "/" + text;
    }
}
