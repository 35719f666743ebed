package io.nodeward.host.kubelet;

import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists the drop-ins of the kubelet's {@code --config-dir} the way {@code mergeKubeletConfigurations}
 * in {@code cmd/kubelet/app/server.go} finds them: Go's {@code filepath.WalkDir} over the directory,
 * keeping every entry that is not a directory and whose name ends in {@code .conf}.
 *
 * <p>WalkDir's order: depth first, each directory's entries sorted by name (byte order), and a
 * subdirectory walked when its name comes up, so {@code 10.conf}, {@code sub/05.conf}, {@code zz.conf}.
 * Whether an entry is a directory is decided without following it ({@code lstat}): a symlink to a
 * directory is not descended, and a symlink named {@code *.conf} is read as a file, its target
 * followed inside the host root by {@link ConfigFiles}. The same holds for the walk's root, which
 * {@code os.Lstat} does not follow unless the flag's value ends in '/'; every component before it is
 * followed as the kernel would, through {@link HostLinks}.
 */
public final class DropInWalk {

    static final String EXTENSION = ".conf";

    /** Go compares names as bytes; Java's {@code String.compareTo} compares UTF-16 units. */
    private static final Comparator<String> GO_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private DropInWalk() {
    }

    /**
     * The host paths of the drop-ins under {@code dir}, in the order the kubelet applies them.
     *
     * @param dir           the absolute, normalised host path of {@code --config-dir}
     * @param trailingSlash whether the flag's value ended in '/', which makes the root's own symlink followed
     * @param listed        told the host path of every directory walked, the top one first, even if missing
     * @throws IOException when the directory or one below it cannot be listed; the kubelet fails then too
     */
    public static List<String> walk(HostRoot root, String dir, boolean trailingSlash, Consumer<String> listed)
            throws IOException {
        listed.accept(dir);
        Path local = trailingSlash ? HostLinks.follow(root, dir) : lastUnfollowed(root, dir);
        BasicFileAttributes attributes = Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        List<String> dropIns = new ArrayList<>();
        if (attributes.isDirectory()) {
            walkInto(local, dir, dropIns, listed);
        } else if (isDropInName(local.getFileName().toString())) {
            dropIns.add(dir); // WalkDir visits a root that is not a directory as its only entry
        }
        return dropIns;
    }

    private static void walkInto(Path local, String hostDir, List<String> dropIns, Consumer<String> listed)
            throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        names.sort(GO_ORDER);
        for (String name : names) {
            Path entry = local.resolve(name);
            String hostPath = hostDir.endsWith("/") ? hostDir + name : hostDir + "/" + name;
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                listed.accept(hostPath);
                walkInto(entry, hostPath, dropIns, listed);
            } else if (isDropInName(name)) {
                dropIns.add(hostPath);
            }
        }
    }

    /** {@code filepath.Ext(name) == ".conf"}: true for {@code .conf} itself too. */
    private static boolean isDropInName(String name) {
        return name.endsWith(EXTENSION);
    }

    /** The local path of {@code hostPath} with its parents' links followed but not its own. */
    private static Path lastUnfollowed(HostRoot root, String hostPath) throws IOException {
        Path name = Path.of(hostPath).getFileName();
        if (name == null) {
            return root.resolve("/");
        }
        Path parent = Path.of(hostPath).getParent();
        return HostLinks.follow(root, parent == null ? "/" : parent.toString()).resolve(name.toString());
    }
}
