package io.nodeward.scan;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.Observed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local paths whose change should trigger a rescan: every file a check read (the values of
 * {@code file.*.path} facts), the kubelet's drop-in directory with its subdirectories, and sshd's
 * configuration directory.
 * Nothing under {@code /proc}: process and socket changes are caught by the periodic scan.
 */
final class WatchedPaths {

    private static final String[] ALWAYS = {"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d"};

    /** The kubelet walks its drop-in directory recursively; a real one is flat or one level deep. */
    private static final int MAX_DROP_IN_DEPTH = 4;
    private static final int MAX_DROP_IN_DIRECTORIES = 64;

    private WatchedPaths() {
    }

    /**
     * The drop-in directory and the directories below it (the kubelet reads {@code sub/*.conf} too),
     * bounded so a hostile tree cannot make the watcher register without end; symbolic links are
     * not followed, as the kubelet's walk does not follow them either.
     */
    static List<Path> dropInDirectories(Path top) {
        List<Path> directories = new ArrayList<>(List.of(top));
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            return directories;
        }
        try (Stream<Path> below = Files.walk(top, MAX_DROP_IN_DEPTH)) {
            below.filter(p -> !p.equals(top) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .limit(MAX_DROP_IN_DIRECTORIES).forEach(directories::add);
        } catch (IOException | UncheckedIOException e) {
            // the top directory stays watched; the periodic scan covers the rest
        }
        return directories;
    }

    static Set<Path> of(HostRoot root, HostFacts facts) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Fact fact : facts.all()) {
            if (fact.key().startsWith("file.") && fact.key().endsWith(".path") && fact.isPresent()) {
                for (Observed observed : fact.observed()) {
                    paths.add(root.resolve(observed.value()));
                }
            }
        }
        Fact configDir = facts.get("kubelet.configDir");
        if (configDir.isPresent()) {
            paths.addAll(dropInDirectories(root.resolve(configDir.value())));
        }
        for (String always : ALWAYS) {
            paths.add(root.resolve(always));
        }
        return Set.copyOf(paths);
    }
}
