package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ProcessPaths} on this machine's real mount tables: a process in a mount namespace of its own
 * ({@code unshare --mount}) with a directory bind-mounted where it reads its config, as a container
 * runtime mounts a ConfigMap volume. Needs root and unshare (util-linux), as the sshd comparison does.
 */
class ProcessPathsNamespaceTest {

    @TempDir
    Path work;

    private Process inNamespace;

    @AfterEach
    void stopTheProcessWeStarted() {
        if (inNamespace != null) {
            inNamespace.destroy();
        }
    }

    @Test
    void aFileBindMountedIntoAnotherMountNamespaceIsFoundWhereItIsOnTheHost() throws IOException {
        assertEquals("0", ExternalTool.runOk(work, List.of("id", "-u")).strip(), "needs root (unshare --mount)");
        Path volume = Files.createDirectories(work.resolve("volume"));
        Files.writeString(volume.resolve("kubeconfig.conf"), "apiVersion: v1\n");
        Path inside = Files.createDirectories(work.resolve("inside"));
        inNamespace = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "bash", "-c",
                "mount --bind \"$1\" \"$2\" && echo ready && exec sleep 300", "volume", volume.toString(),
                inside.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(inNamespace.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "the bind mount in the new namespace");

        HostRoot root = new HostRoot(Path.of("/"), Path.of("/proc"));
        ProcessSnapshot.Entry entry = HostScan.of(root).processes().entry((int) inNamespace.pid()).orElseThrow();
        ProcessPaths.Where where = ProcessPaths.of(root, entry, "the test process", inside + "/kubeconfig.conf");

        assertEquals(volume + "/kubeconfig.conf", ((ProcessPaths.OnHost) where).hostPath());
        // on the host that path is an empty directory: the file is only where the mapping says
        assertEquals(List.of(), List.of(inside.toFile().list()));
    }

    @Test
    void aProcessInTheHostsMountNamespaceSeesTheHostsPaths() throws IOException {
        inNamespace = new ProcessBuilder("sleep", "300").start();

        HostRoot root = new HostRoot(Path.of("/"), Path.of("/proc"));
        ProcessSnapshot.Entry entry = HostScan.of(root).processes().entry((int) inNamespace.pid()).orElseThrow();

        assertEquals(new ProcessPaths.OnHost(work + "/x.conf", Optional.empty()),
                ProcessPaths.of(root, entry, "sleep", work + "/x.conf"));
    }
}
