package io.nodeward.host.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds {@code proc/<pid>/} entries of a node tree in a test directory. */
public final class ProcFixtures {

    private ProcFixtures() {
    }

    /** Writes {@code <root>/proc/<pid>/cmdline} as the kernel does: each argument NUL-terminated. */
    public static void cmdline(Path root, int pid, String... argv) throws IOException {
        StringBuilder content = new StringBuilder();
        for (String arg : argv) {
            content.append(arg).append('\0');
        }
        Path dir = Files.createDirectories(root.resolve("proc").resolve(String.valueOf(pid)));
        Files.write(dir.resolve("cmdline"), content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Makes {@code <root>/proc/<pid>/cwd} a link to the host path {@code cwd}, as the kernel shows it. */
    public static void cwd(Path root, int pid, String cwd) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(String.valueOf(pid)));
        Files.createSymbolicLink(dir.resolve("cwd"), Path.of(cwd));
    }

    /** Writes {@code <root>/proc/<pid>/cgroup}, e.g. {@code 0::/system.slice/kubelet.service}. */
    public static void cgroup(Path root, int pid, String... lines) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("cgroup"), String.join("\n", lines) + "\n");
    }

    /** Writes {@code <root>/proc/<pid>/stat} with the given name and parent; the other fields are typical. */
    public static void stat(Path root, int pid, String comm, int parent) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S " + parent + " " + pid + " " + pid
                + " 0 -1 4194560 1363 0 0 0 2 1 0 0 20 0 1 0 1721 15740928 2295\n");
    }
}
