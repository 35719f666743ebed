package io.nodeward.host.systemd;

import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which file each unit name loads, as systemd's {@code unit_file_build_name_map} in
 * {@code src/shared/unit-file.c} maps it: every search directory in priority order, the first entry
 * of a name winning. A regular file is the unit's fragment. A symbolic link is read
 * ({@code unit_file_resolve_symlink}): one whose target stays in the search path is an alias of the
 * target's name (a link to its own name, or to another unit type, is ignored and the search goes on);
 * one that leads out of it is a linked unit file, loaded through the link (a link to {@code /dev/null}
 * is how {@code systemctl mask} masks a unit). Aliases are followed at most {@value #FOLLOW_MAX} times
 * ({@code unit_ids_map_get}).
 *
 * <p>Only names of one unit type are mapped (an alias must keep its type). Instance names
 * ({@code foo@bar.service}) are not resolved to their template: no kubelet unit is one.
 */
final class UnitNameMap {

    /** {@code FOLLOW_MAX} in unit-file.c. */
    static final int FOLLOW_MAX = 8;

    /**
     * Entries listed per search directory: a distribution ships a few hundred units in
     * {@code /usr/lib/systemd/system}; ten thousand is not a unit directory, and an ERROR says so.
     */
    static final int MAX_ENTRIES = 10_000;

    private final HostRoot root;
    private final List<String> searchPath;
    /** name → absolute host path of its fragment, or the name it aliases */
    private final Map<String, String> ids;

    private UnitNameMap(HostRoot root, List<String> searchPath, Map<String, String> ids) {
        this.root = root;
        this.searchPath = List.copyOf(searchPath);
        this.ids = ids;
    }

    /**
     * Maps every unit of {@code type} ({@code service}) in {@code searchPath}. Missing directories are
     * skipped, as systemd skips them.
     *
     * @throws IOException when a directory that exists cannot be listed: systemd (as root) would see
     *                     what is in it, and we cannot tell what that is
     */
    static UnitNameMap build(HostRoot root, List<String> searchPath, String type) throws IOException {
        List<String> expanded = expand(root, searchPath);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String dir : searchPath) {
            Path local = HostLinks.follow(root, dir);
            if (!Files.isDirectory(local)) {
                continue;
            }
            for (String name : list(local, root.display(local))) {
                if (ids.containsKey(name) || !UnitName.isValid(name) || !UnitName.type(name).equals(type)) {
                    continue;
                }
                BasicFileAttributes entry;
                try {
                    entry = Files.readAttributes(local.resolve(name), BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (entry.isRegularFile()) {
                    ids.put(name, dir + "/" + name);
                } else if (entry.isSymbolicLink()) {
                    String resolved = resolveLink(root, expanded, dir, name, local.resolve(name));
                    if (resolved != null) {
                        ids.put(name, resolved);
                    }
                }
            }
        }
        return new UnitNameMap(root, searchPath, ids);
    }

    /** Where a name leads, as {@code unit_ids_map_get} finds it. */
    sealed interface Lookup {
    }

    /** @param fragment the absolute host path systemd opens (a linked unit's link itself) */
    record Fragment(String fragment) implements Lookup {
    }

    /** @param reason why the name loads no file: no such unit, an alias to a missing one, a loop */
    record NoFragment(String reason) implements Lookup {
    }

    Lookup lookup(String name) {
        String id = name;
        List<String> chain = new ArrayList<>(List.of(name));
        for (int hop = 0; hop < FOLLOW_MAX; hop++) {
            String target = ids.get(id);
            if (target == null) {
                return new NoFragment(hop == 0 ? "no " + name + " in systemd's unit search path ("
                        + String.join(", ", searchPath) + ")"
                        : String.join(" -> ", chain) + ": the alias leads to no unit file");
            }
            if (target.startsWith("/")) {
                return new Fragment(target);
            }
            id = target;
            chain.add(target);
        }
        return new NoFragment(String.join(" -> ", chain) + ": more than " + FOLLOW_MAX + " aliases");
    }

    /**
     * The unit's names besides {@code name}: every name that loads a fragment of the same file name
     * and is not masked, as the reverse map of {@code unit_file_build_name_map} and
     * {@code unit_file_find_fragment} collect them. Drop-ins of each apply. In name order (systemd
     * walks a hash set; the order only matters for two aliases with a same-named drop-in).
     */
    List<String> aliases(String name, String fragment) throws IOException {
        String file = fileName(fragment);
        TreeSet<String> aliases = new TreeSet<>(UnitName.STRCMP);
        for (String other : ids.keySet()) {
            if (other.equals(name)) {
                continue;
            }
            if (lookup(other) instanceof Fragment found && fileName(found.fragment()).equals(file)
                    && UnitFiles.nullOrEmpty(root, found.fragment()) == UnitFiles.Content.SOME) {
                aliases.add(other);
            }
        }
        return List.copyOf(aliases);
    }

    /** Each search directory and, where it is a link, the directory it leads to (unit_file_build_name_map). */
    private static List<String> expand(HostRoot root, List<String> searchPath) throws IOException {
        List<String> expanded = new ArrayList<>();
        for (String dir : searchPath) {
            expanded.add(dir);
            Path local = HostLinks.follow(root, dir);
            String resolved = root.display(local);
            if (Files.isDirectory(local) && !expanded.contains(resolved)) {
                expanded.add(resolved);
            }
        }
        return expanded;
    }

    /**
     * {@code unit_file_resolve_symlink} for the link {@code dir/name}: its target, relative to
     * {@code dir} unless absolute, with every directory on the way followed but the last component
     * kept ({@code CHASE_NOFOLLOW}). Inside the search path it is an alias: the target's name, unless
     * that is the link's own name or of another type (then null: ignored). Outside, a linked unit file:
     * the link's own path.
     */
    private static String resolveLink(HostRoot root, List<String> searchPath, String dir, String name, Path link)
            throws IOException {
        String target = Files.readSymbolicLink(link).toString();
        String absolute = target.startsWith("/") ? target : dir + "/" + target;
        String simplified = simplify(root, absolute);
        for (String searched : searchPath) {
            if (simplified.startsWith(searched + "/")) {
                String targetName = fileName(simplified);
                if (targetName.equals(name) || !UnitName.isValid(targetName)
                        || !UnitName.type(targetName).equals(UnitName.type(name))) {
                    return null; // unit_validate_alias_symlink_or_warn: a self-alias or an invalid one
                }
                return targetName;
            }
        }
        return dir + "/" + name;
    }

    /**
     * {@code absolute} with its directories' links followed inside the host root, its last component
     * not; {@code ..} climbs from where a link led, as in the kernel, not lexically.
     */
    private static String simplify(HostRoot root, String absolute) throws IOException {
        Path path = Path.of(absolute);
        Path last = path.getFileName();
        if (last == null) {
            return "/";
        }
        if (last.toString().equals(".") || last.toString().equals("..")) {
            return root.display(HostLinks.follow(root, absolute)); // nothing left unfollowed
        }
        String dir = root.display(HostLinks.follow(root, path.getParent().toString()));
        return (dir.equals("/") ? "" : dir) + "/" + last;
    }

    /** The entry names of a directory, at most {@link #MAX_ENTRIES}. */
    static List<String> list(Path local, String shown) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
            for (Path entry : entries) {
                if (names.size() >= MAX_ENTRIES) {
                    throw new FileSystemException(shown, null, "more than " + MAX_ENTRIES
                            + " entries, not listed: not a unit directory this check can judge");
                }
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    static String fileName(String hostPath) {
        return hostPath.substring(hostPath.lastIndexOf('/') + 1);
    }
}
