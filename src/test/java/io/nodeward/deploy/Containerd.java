package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import io.nodeward.testing.ExternalTool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real containerd (Debian's, with Debian's runc: scripts/install-test-deps.sh) started by the test
 * on a private socket, root and state directory, so it shares nothing with a containerd the machine
 * may run. Stopped by its PID on {@link #close()}, and by a shutdown hook if the test JVM ends first.
 *
 * <p>The CRI plugin is disabled: the test drives containerd with {@code ctr}, and the CRI plugin would
 * try to give its containers a negative oom_score_adj, which needs CAP_SYS_RESOURCE (absent in this
 * sandbox; CRI's {@code restrict_oom_score_adj = true} is the other way round it).
 */
final class Containerd implements AutoCloseable {

    /** Where containerd 1.6's shim puts its sockets whatever the state directory (runtime/v2/shim/util_unix.go). */
    private static final Path SHIM_SOCKETS = Path.of("/run/containerd/s");

    private final Path dir;
    private final Path socket;
    private final Process daemon;
    private final boolean runContainerdExisted;
    private final List<String> containers = new ArrayList<>();
    private final List<Path> imageMounts = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Containerd(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.socket = dir.resolve("containerd.sock");
        this.runContainerdExisted = Files.exists(SHIM_SOCKETS.getParent());
        Path config = dir.resolve("config.toml");
        Files.writeString(config, """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%2$s"
                [plugins."io.containerd.internal.v1.opt"]
                  path = "%1$s/opt"
                """.formatted(dir, socket));
        daemon = new ProcessBuilder("containerd", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("containerd.log").toFile())
                .start();
        shutdownHook = new Thread(this::close, "containerd-it-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket) || ExternalTool.run(dir, command("version")).exitCode() != 0) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(dir.resolve("containerd.log"));
                close();
                fail("containerd did not start (is it installed? scripts/install-test-deps.sh):\n" + log);
            }
            Thread.sleep(100);
        }
    }

    /** Starts containerd in a new directory under {@code parent}. */
    static Containerd start(Path parent) throws IOException, InterruptedException {
        return new Containerd(Files.createTempDirectory(parent, "containerd-"));
    }

    Path dir() {
        return dir;
    }

    long pid() {
        return daemon.pid();
    }

    /** Runs {@code ctr} against this containerd; fails the test unless it exits 0. */
    String ctr(String... args) {
        return ExternalTool.runOk(dir, command(args));
    }

    ExternalTool.Result tryCtr(String... args) {
        return ExternalTool.run(dir, command(args));
    }

    /** Remembers a container, so {@link #close()} stops and removes it. */
    void created(String container) {
        containers.add(container);
    }

    /** Remembers an image mounted with {@code ctr images mount}, so {@link #close()} unmounts it. */
    void mounted(Path target) {
        imageMounts.add(target);
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", socket.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Stops what it started, in order: its containers' tasks (SIGKILL) and the containers, the image
     * mounts, then containerd itself by PID; removes its directory and, if the test created them, the
     * shim's now empty socket directories.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down.
            }
        }
        if (daemon.isAlive()) {
            for (String container : containers) {
                ExternalTool.run(dir, command("tasks", "kill", "-s", "SIGKILL", container));
                ExternalTool.run(dir, command("tasks", "delete", "-f", container));
                ExternalTool.run(dir, command("containers", "delete", container));
            }
            for (Path mount : imageMounts) {
                ExternalTool.run(dir, command("images", "unmount", "--rm", mount.toString()));
            }
        }
        daemon.destroy();
        try {
            if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unmountEverythingUnder(dir);
        deleteTree(dir);
        if (!runContainerdExisted) {
            // Only empty directories: another containerd's sockets would keep them.
            SHIM_SOCKETS.toFile().delete();
            SHIM_SOCKETS.getParent().resolve("fifo").toFile().delete();
            SHIM_SOCKETS.getParent().toFile().delete();
        }
    }

    /** Snapshot mounts left behind by a containerd that died: deepest first, lazily. */
    private static void unmountEverythingUnder(Path dir) {
        try {
            List<String> mountPoints = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(point -> point.startsWith(dir.toString()))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (String point : mountPoints) {
                ExternalTool.run(Path.of("/"), List.of("umount", "-l", point));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
