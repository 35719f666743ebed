package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCmdlineTest {

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("usual NUL-terminated arguments", "/usr/bin/kubelet\0--v=2\0", List.of("/usr/bin/kubelet", "--v=2")),
                Arguments.of("no trailing NUL", "/usr/bin/kubelet\0--v=2", List.of("/usr/bin/kubelet", "--v=2")),
                Arguments.of("empty argument kept", "kubelet\0--node-labels\0\0--v=2\0", List.of("kubelet", "--node-labels", "", "--v=2")),
                Arguments.of("empty last argument kept", "kubelet\0\0", List.of("kubelet", "")),
                Arguments.of("retitled process without NUL is one argument",
                        "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
                        List.of("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups")),
                Arguments.of("kernel thread has no arguments", "", List.of()),
                Arguments.of("a lone NUL is one empty argument", "\0", List.of("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void parseSplitsOnNul(String what, String content, List<String> expected) {
        assertEquals(expected, ProcCmdline.parse(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheCmdlineOfAPidUnderTheProcRoot(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 42, "/usr/bin/kubelet", "--config", "/var/lib/kubelet/config.yaml");

        assertEquals(List.of("/usr/bin/kubelet", "--config", "/var/lib/kubelet/config.yaml"),
                ProcCmdline.read(HostRoot.of(root), 42));
    }

    @Test
    void aProcessThatHasExitedIsNoSuchFile(@TempDir Path root) {
        assertThrows(NoSuchFileException.class, () -> ProcCmdline.read(HostRoot.of(root), 42));
    }

    @Test
    void readsAtMostOneMebibyte(@TempDir Path root) throws IOException {
        byte[] huge = new byte[ProcCmdline.MAX_BYTES + 4096];
        java.util.Arrays.fill(huge, (byte) 'a');
        Files.createDirectories(root.resolve("proc/7"));
        Files.write(root.resolve("proc/7/cmdline"), huge);

        ProcCmdline.Cmdline cmdline = ProcCmdline.load(HostRoot.of(root), 7);

        assertEquals(1, cmdline.argv().size());
        assertEquals(ProcCmdline.MAX_BYTES, cmdline.argv().get(0).length());
        assertTrue(cmdline.cut());
    }

    @Test
    void aCommandLineOfExactlyOneMebibyteIsWhole(@TempDir Path root) throws IOException {
        byte[] content = new byte[ProcCmdline.MAX_BYTES];
        java.util.Arrays.fill(content, (byte) 'a');
        content[content.length - 1] = 0;
        Files.createDirectories(root.resolve("proc/7"));
        Files.write(root.resolve("proc/7/cmdline"), content);

        assertFalse(ProcCmdline.load(HostRoot.of(root), 7).cut());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAtCmdlineIsAnErrorNotAHang(@TempDir Path root) throws Exception {
        io.nodeward.host.Fifos.mkfifo(root.resolve("proc/42/cmdline"));

        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> ProcCmdline.load(HostRoot.of(root), 42));
        assertEquals("not a regular file (a FIFO)", e.getReason());
    }

    @Test
    void aSymlinkAtCmdlineIsNotFollowed(@TempDir Path root) throws IOException {
        Path outside = Files.write(root.resolve("outside"), "/usr/bin/kubelet\0".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve("host/proc/42"));
        Files.createSymbolicLink(root.resolve("host/proc/42/cmdline"), outside);

        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> ProcCmdline.load(HostRoot.of(root.resolve("host")), 42));
        assertEquals("not a regular file (a symbolic link)", e.getReason());
    }
}
