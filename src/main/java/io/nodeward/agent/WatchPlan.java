package io.nodeward.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which directories to watch, and which events in them matter, so that a change to any of the
 * scanner's watched paths is seen. A path is seen through its parent directory (editors replace
 * files by rename, which a watch on the file itself would miss); a directory is also watched
 * itself, since its contents (drop-ins) matter. When a parent does not exist (yet), the nearest
 * existing ancestor is watched for the child on the way down, so the path's (re)creation is seen.
 *
 * @param interests for each directory to watch, what in it matters
 */
record WatchPlan(Map<Path, Interest> interests) {

    /**
     * What matters in one watched directory.
     *
     * @param anyChild every event counts (the directory itself is a watched path)
     * @param names    events on these entry names count
     */
    record Interest(boolean anyChild, Set<String> names) {

        boolean matches(Path entry) {
            return anyChild || entry == null || names.contains(entry.toString());
        }
    }

    WatchPlan {
        interests = Map.copyOf(interests);
    }

    static WatchPlan of(Set<Path> watchedPaths) {
        Map<Path, Boolean> any = new HashMap<>();
        Map<Path, Set<String>> names = new HashMap<>();
        for (Path path : watchedPaths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                any.put(absolute, true);
            }
            Path child = absolute;
            Path dir = absolute.getParent();
            while (dir != null && !Files.isDirectory(dir)) {
                child = dir;
                dir = dir.getParent();
            }
            if (dir != null) {
                names.computeIfAbsent(dir, d -> new HashSet<>()).add(child.getFileName().toString());
            }
        }
        Map<Path, Interest> interests = new HashMap<>();
        Set<Path> dirs = new HashSet<>(any.keySet());
        dirs.addAll(names.keySet());
        for (Path dir : dirs) {
            interests.put(dir, new Interest(any.getOrDefault(dir, false), Set.copyOf(names.getOrDefault(dir, Set.of()))));
        }
        return new WatchPlan(interests);
    }

    /** Whether an event on {@code entry} (null for an overflow) in {@code dir} should trigger a scan. */
    boolean matters(Path dir, Path entry) {
        Interest interest = interests.get(dir);
        return interest != null && interest.matches(entry);
    }
}
