package io.nodeward.host.systemd;

import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code .conf} drop-ins of a unit, as systemd finds them ({@code unit_file_find_dropin_paths} in
 * {@code src/shared/dropin.c}, then {@code conf_files_list_strv} in {@code src/basic/conf-files.c}):
 * <ol>
 *   <li>the directories, in this order: {@code <name>.d} in every search directory, for the unit's
 *       name and then each alias, each followed by its dash prefixes ({@code foo-bar.service} also reads
 *       {@code foo-.service.d}); last the top-level {@code <type>.d} ({@code service.d}) in every search
 *       directory, which applies to every unit of the type. A directory that is a link is followed.</li>
 *   <li>in them, every entry whose name ends in {@code .conf} and does not start with a dot; a name
 *       already found in an earlier directory is skipped, so a drop-in in {@code /etc} or {@code /run}
 *       replaces the same-named one in {@code /usr/lib}, and one linked to {@code /dev/null} masks it;</li>
 *   <li>sorted by file name ({@code strcmp}), which is the order they apply in.</li>
 * </ol>
 */
final class UnitDropIns {

    static final String SUFFIX = ".conf";

    private UnitDropIns() {
    }

    /**
     * Every drop-in that wins its name, in the order systemd applies them, as host paths in the
     * directory systemd resolved ({@code /usr/lib/...} when {@code /lib} links there).
     *
     * @param names the unit's name first, then its aliases
     * @param read  told every drop-in directory looked for, present or not
     */
    static List<String> find(HostRoot root, List<String> searchPath, List<String> names, Consumer<String> read)
            throws IOException {
        List<String> dirs = new ArrayList<>();
        for (String name : names) {
            for (String searched : searchPath) {
                addDirs(root, searched, name, dirs, read);
            }
        }
        String type = UnitName.type(names.get(0));
        for (String searched : searchPath) {
            addDirs(root, searched, type, dirs, read);
        }
        Map<String, String> byName = new TreeMap<>(UnitName.STRCMP);
        for (String dir : dirs) {
            for (String file : UnitNameMap.list(HostLinks.follow(root, dir), dir)) {
                if (file.endsWith(SUFFIX) && !file.startsWith(".")) {
                    byName.putIfAbsent(file, dir + "/" + file);
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * {@code unit_file_find_dirs}: {@code <dir>/<name>.d} if it is a directory (links followed), then
     * the same for each dash prefix of the name; a bare type ({@code service}) has none.
     */
    private static void addDirs(HostRoot root, String searched, String name, List<String> dirs, Consumer<String> read)
            throws IOException {
        String candidate = searched + "/" + name + ".d";
        read.accept(candidate);
        Path local = HostLinks.follow(root, candidate);
        if (Files.isDirectory(local)) {
            String resolved = root.display(local);
            if (!dirs.contains(resolved)) {
                dirs.add(resolved);
            }
        }
        if (!UnitName.isType(name)) {
            var prefix = UnitName.dashPrefix(name);
            if (prefix.isPresent()) {
                addDirs(root, searched, prefix.get(), dirs, read);
            }
        }
    }
}
