package io.nodeward.host.systemd;

import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files systemd loads for a unit of the system manager: its fragment ({@link UnitNameMap}) and its
 * drop-ins ({@link UnitDropIns}), searched in {@link SystemdSearchPath#SYSTEM}. A fragment that is
 * {@code /dev/null} (any character device) or an empty file masks the unit ({@code null_or_empty} in
 * {@code unit_load_fragment}, {@code src/core/load-fragment.c}): systemd will not start it. A drop-in
 * that leads to {@code /dev/null} configures nothing, and hides the same-named drop-ins below it.
 *
 * <p>These are the files on disk now: a change takes effect at systemd's next {@code daemon-reload}.
 */
public final class UnitFiles {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFCHR = 0020000;

    private UnitFiles() {
    }

    /** What systemd makes of a unit name. */
    public sealed interface Unit {
    }

    /**
     * A unit systemd can load.
     *
     * @param fragment the unit file as systemd opens it (a linked unit's link, followed when read)
     * @param aliases  its other names, whose drop-ins apply too
     * @param dropIns  the drop-ins that configure it, in the order they apply
     */
    public record Loaded(String fragment, List<String> aliases, List<String> dropIns) implements Unit {
        public Loaded {
            aliases = List.copyOf(aliases);
            dropIns = List.copyOf(dropIns);
        }

        /** The fragment, then every drop-in. */
        public List<String> files() {
            List<String> files = new ArrayList<>(List.of(fragment));
            files.addAll(dropIns);
            return files;
        }
    }

    /** @param reason e.g. {@code /etc/systemd/system/kubelet.service is a symbolic link to /dev/null} */
    public record Masked(String reason) implements Unit {
    }

    public record NotFound(String reason) implements Unit {
    }

    /**
     * The files of system unit {@code name} ({@code kubelet.service}).
     *
     * @param read told every path looked at whose change could change the answer: the candidate unit
     *             file in each search directory and every drop-in directory, present or not
     * @throws IOException when a directory systemd reads cannot be listed, or a link there cannot be read
     */
    public static Unit find(HostRoot root, String name, Consumer<String> read) throws IOException {
        if (!UnitName.isValid(name)) {
            throw new IllegalArgumentException("not a unit name: " + name);
        }
        List<String> searchPath = SystemdSearchPath.SYSTEM;
        searchPath.forEach(dir -> read.accept(dir + "/" + name));
        UnitNameMap map = UnitNameMap.build(root, searchPath, UnitName.type(name));
        return switch (map.lookup(name)) {
            case UnitNameMap.NoFragment none -> new NotFound(none.reason());
            case UnitNameMap.Fragment found -> loaded(root, map, name, found.fragment(), searchPath, read);
        };
    }

    private static Unit loaded(HostRoot root, UnitNameMap map, String name, String fragment, List<String> searchPath,
                               Consumer<String> read) throws IOException {
        Content content = nullOrEmpty(root, fragment);
        if (content == Content.NULL_DEVICE || content == Content.EMPTY) {
            return new Masked(fragment + (content == Content.EMPTY ? " is an empty file" : describeNull(root, fragment))
                    + ": " + name + " is masked");
        }
        List<String> aliases = map.aliases(name, fragment);
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(aliases);
        List<String> dropIns = new ArrayList<>();
        for (String dropIn : UnitDropIns.find(root, searchPath, names, read)) {
            if (nullOrEmpty(root, dropIn) == Content.NULL_DEVICE) {
                continue; // a mask: systemd reads nothing from it
            }
            // a dangling link is kept: systemd reads nothing from it today, but whoever can create its
            // target configures the unit at the next daemon-reload, so the file checks say so
            if (Files.isDirectory(HostLinks.follow(root, dropIn))) {
                continue; // systemd cannot parse a directory named *.conf and goes on without it
            }
            dropIns.add(dropIn);
        }
        return new Loaded(fragment, aliases, dropIns);
    }

    /** What a file reads as to systemd ({@code null_or_empty} of {@code src/basic/stat-util.c}). */
    enum Content {
        /** A character device: {@code /dev/null}, or a link to it (in an image or a fixture the node may be absent). */
        NULL_DEVICE,
        /** A regular file of size 0. */
        EMPTY,
        /** Nothing there: a dangling link. */
        MISSING,
        SOME
    }

    static Content nullOrEmpty(HostRoot root, String hostPath) throws IOException {
        HostLinks.Followed followed = HostLinks.followCounting(root, hostPath);
        if (root.display(followed.local()).equals("/dev/null")) {
            return Content.NULL_DEVICE; // conf-files.c: "the device node may not exist" in an image
        }
        if (!Files.exists(followed.local(), LinkOption.NOFOLLOW_LINKS)) {
            return Content.MISSING;
        }
        Map<String, Object> attributes = Files.readAttributes(followed.local(), "unix:mode,size");
        int type = (Integer) attributes.get("mode") & S_IFMT;
        if (type == S_IFCHR) {
            return Content.NULL_DEVICE;
        }
        return type == S_IFREG && (Long) attributes.get("size") == 0 ? Content.EMPTY : Content.SOME;
    }

    private static String describeNull(HostRoot root, String hostPath) throws IOException {
        return HostLinks.isLink(root, hostPath)
                ? " is a symbolic link to " + root.display(HostLinks.follow(root, hostPath))
                : " is a character device";
    }

}
