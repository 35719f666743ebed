package io.nodeward.agent;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Watches the directories of the scanner's watched paths (java.nio {@link WatchService}, inotify on
 * Linux) on its own thread and calls {@code onChange} for every event that matters. Re-planned by
 * {@link #watch(Set)} after each scan, as the set of paths a scan read may change. A directory that
 * disappears only loses its watch (and is reported as a change, so the next scan re-plans).
 */
final class PathWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PathWatcher.class);

    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;
    /** Guarded by this. */
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private volatile WatchPlan plan = new WatchPlan(Map.of());

    PathWatcher(Runnable onChange) throws IOException {
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "nodeward-watch");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Watch exactly what {@code paths} need; directories no longer needed are unwatched. */
    synchronized void watch(Set<Path> paths) {
        WatchPlan next = WatchPlan.of(paths);
        keys.entrySet().removeIf(entry -> {
            boolean stale = !next.interests().containsKey(entry.getKey()) || !entry.getValue().isValid();
            if (stale) {
                entry.getValue().cancel();
            }
            return stale;
        });
        for (Path dir : next.interests().keySet()) {
            if (keys.containsKey(dir)) {
                continue;
            }
            try {
                keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            } catch (IOException | RuntimeException e) {
                // Gone between planning and registering, or not watchable: the next scan re-plans.
                LOG.debugf("cannot watch %s: %s", dir, e);
            }
        }
        plan = next;
    }

    /** The directories watched now; for tests and diagnostics. */
    synchronized Set<Path> watchedDirectories() {
        return Set.copyOf(keys.keySet());
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            boolean changed = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                Path entry = event.kind() == StandardWatchEventKinds.OVERFLOW ? null : (Path) event.context();
                changed |= plan.matters(dir, entry);
            }
            if (!key.reset()) {
                // The directory itself went away: its files are gone too, which is a change.
                changed |= plan.interests().containsKey(dir);
            }
            if (changed) {
                LOG.debugf("change under %s", dir);
                onChange.run();
            }
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debugf("closing the watch service: %s", e);
        }
        thread.interrupt();
    }
}
