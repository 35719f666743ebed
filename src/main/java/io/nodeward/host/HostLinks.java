package io.nodeward.host;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Follows symbolic links the way the HOST's kernel would, inside the host root. In the pod the host
 * is mounted at {@code /host}, so an absolute link such as {@code /etc/kubernetes/kubelet.conf ->
 * /var/lib/kubelet/kubeconfig} followed by the JDK would land in the container's own filesystem;
 * here it is re-rooted, and {@code ..} never climbs out of the root.
 */
public final class HostLinks {

    /** Linux gives up after 40 links (ELOOP); so do we. */
    static final int MAX_LINKS = 40;

    private HostLinks() {
    }

    /**
     * Where a host path led.
     *
     * @param local the local path reached, every symlink along the way resolved
     * @param links how many symlinks were followed; more than zero with a missing {@code local}
     *              means a dangling link, not a missing file
     */
    public record Followed(Path local, int links) {
    }

    /**
     * The local path that {@code hostPath} reaches on the host, with every symlink along it
     * resolved. Components that do not exist are kept as they are, so the caller's read of the
     * result fails with {@link java.nio.file.NoSuchFileException} as it should.
     *
     * @throws FileSystemException when there are more than {@value #MAX_LINKS} links
     */
    public static Path follow(HostRoot root, String hostPath) throws IOException {
        return followCounting(root, hostPath).local();
    }

    /** As {@link #follow}, also counting the links followed (to tell a dangling link from no file). */
    public static Followed followCounting(HostRoot root, String hostPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(hostPath));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path local = root.resolve(join(done) + "/" + name);
            if (!Files.isSymbolicLink(local)) {
                done.add(name);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new FileSystemException(root.display(local), null, "too many levels of symbolic links");
            }
            String target = Files.readSymbolicLink(local).toString();
            if (target.startsWith("/")) {
                done.clear();
            }
            List<String> targetParts = components(target);
            for (int i = targetParts.size() - 1; i >= 0; i--) {
                todo.addFirst(targetParts.get(i));
            }
        }
        return new Followed(root.resolve(join(done)), links);
    }

    /** Whether the last component of {@code hostPath} itself is a symlink (its parent followed). */
    public static boolean isLink(HostRoot root, String hostPath) throws IOException {
        List<String> parts = components(hostPath);
        if (parts.isEmpty()) {
            return false;
        }
        Path parent = follow(root, join(parts.subList(0, parts.size() - 1)));
        return Files.isSymbolicLink(parent.resolve(parts.get(parts.size() - 1)));
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String join(List<String> parts) {
        return "/" + String.join("/", parts);
    }
}
