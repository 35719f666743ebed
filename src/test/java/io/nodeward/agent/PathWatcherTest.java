package io.nodeward.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathWatcherTest {

    /** A bound for the watch to report, not a timing assertion. */
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private final Semaphore changes = new Semaphore(0);
    private PathWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private PathWatcher start(Set<Path> paths) throws Exception {
        watcher = new PathWatcher(changes::release);
        watcher.watch(paths);
        watcher.start();
        return watcher;
    }

    @Test
    void reportsAnEditOfAWatchedFile() throws Exception {
        Path config = Files.writeString(root.resolve("config.yaml"), "a");
        start(Set.of(config));

        Files.writeString(config, "b");

        assertTrue(changes.tryAcquire(AT_MOST.toMillis(), TimeUnit.MILLISECONDS), "no change reported");
    }

    @Test
    void reportsAFileReplacedByRenameAsEditorsDo() throws Exception {
        Path config = Files.writeString(root.resolve("sshd_config"), "a");
        start(Set.of(config));

        Path temporary = Files.writeString(root.resolve(".sshd_config.swp"), "b");
        Files.move(temporary, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertTrue(changes.tryAcquire(AT_MOST.toMillis(), TimeUnit.MILLISECONDS), "no change reported");
    }

    @Test
    void watchesTheDirectoriesThePathsNeedAndDropsTheRest() throws Exception {
        Path ssh = Files.createDirectories(root.resolve("etc/ssh"));
        Path kubelet = Files.createDirectories(root.resolve("var/lib/kubelet"));
        start(Set.of(ssh.resolve("sshd_config"), kubelet.resolve("config.yaml")));
        assertEquals(Set.of(ssh, kubelet), watcher.watchedDirectories());

        watcher.watch(Set.of(kubelet.resolve("config.yaml")));

        assertEquals(Set.of(kubelet), watcher.watchedDirectories());
    }
}
