package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFileUpToTheLimitExactly() throws IOException {
        Path file = Files.write(dir.resolve("ok"), new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, BoundedFiles.read(file, 3));
    }

    @Test
    void aFileOverTheLimitIsRefusedNotCut() throws IOException {
        Path file = Files.write(dir.resolve("big"), new byte[] {1, 2, 3, 4});

        FileSystemException e = assertThrows(FileSystemException.class, () -> BoundedFiles.read(file, 3));
        assertEquals("larger than 3 bytes, not read", e.getReason());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifos.mkfifo(dir.resolve("fifo"));

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.read(fifo, BoundedFiles.MAX_BYTES));
        assertEquals("not a regular file (a FIFO)", e.getReason());
    }

    @Test
    void aDirectoryIsRefused() {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.read(dir, BoundedFiles.MAX_BYTES));
        assertEquals("not a regular file (a directory)", e.getReason());
    }

    @Test
    void nothingThereIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> BoundedFiles.read(dir.resolve("gone"), 10));
    }

    // ---- proc files: relative to the proc root, no symbolic link below it followed

    @Test
    void aProcFileIsReadRelativeToTheProcRoot() throws IOException {
        Files.createDirectories(dir.resolve("proc/sys/kernel"));
        Files.writeString(dir.resolve("proc/sys/kernel/hostname"), "node-1\n");

        assertArrayEquals("node-1\n".getBytes(), BoundedFiles.readProc(HostRoot.of(dir), "sys/kernel/hostname", 64));
    }

    @Test
    void aProcFileOverItsBoundIsRefusedNamingTheBound() throws IOException {
        Files.createDirectories(dir.resolve("proc/7"));
        Files.write(dir.resolve("proc/7/cgroup"), new byte[BoundedFiles.MAX_BYTES + 1]);

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.readProc(HostRoot.of(dir), "7/cgroup", BoundedFiles.MAX_BYTES));
        assertEquals("larger than 1048576 bytes, not read", e.getReason());
    }

    @Test
    void anAbsoluteSymlinkAtAProcFileIsRefusedNotFollowed() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "0::/init.scope\n");
        Files.createDirectories(dir.resolve("root/proc/1"));
        Files.createSymbolicLink(dir.resolve("root/proc/1/cgroup"), outside);

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.readProc(HostRoot.of(dir.resolve("root")), "1/cgroup", 4096));
        assertEquals("not a regular file (a symbolic link)", e.getReason());
    }

    @Test
    void aSymlinkedDirectoryBelowTheProcRootIsRefusedByName() throws IOException {
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/cmdline"), "kubelet\0");
        Files.createDirectories(dir.resolve("root/proc"));
        Files.createSymbolicLink(dir.resolve("root/proc/1234"), dir.resolve("elsewhere"));

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.readProcPrefix(HostRoot.of(dir.resolve("root")), "1234/cmdline", 4096));
        assertEquals("/proc/1234 is a symbolic link, not followed", e.getReason());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAtAProcFileIsRefusedWithoutBlocking() throws Exception {
        Fifos.mkfifo(dir.resolve("proc/1/stat"));

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> BoundedFiles.readProc(HostRoot.of(dir), "1/stat", 4096));
        assertEquals("not a regular file (a FIFO)", e.getReason());
    }

    @Test
    void aProcPrefixSaysWhetherTheFileWentOn() throws IOException {
        Files.createDirectories(dir.resolve("proc/7"));
        Files.write(dir.resolve("proc/7/cmdline"), new byte[] {'a', 0, 'b', 0});

        BoundedFiles.Prefix prefix = BoundedFiles.readProcPrefix(HostRoot.of(dir), "7/cmdline", 3);

        assertArrayEquals(new byte[] {'a', 0, 'b'}, prefix.bytes());
        assertTrue(prefix.cut());
    }

    @Test
    void aProcLinkIsReadNotFollowed() throws IOException {
        Files.createDirectories(dir.resolve("proc"));
        Files.createSymbolicLink(dir.resolve("proc/self"), Path.of("4711"));

        assertEquals(Path.of("4711"), BoundedFiles.procLink(HostRoot.of(dir), "self"));
    }

    // ---- tables: lines of bounded length, a bounded total

    @Test
    void linesAreReadUpToTheLastOneWithoutANewline() throws IOException {
        Path table = Files.writeString(dir.resolve("table"), "one\ntwo\nthree");

        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, 16, 1024)) {
            assertEquals(List.of("one", "two", "three"), all(lines));
            assertFalse(lines.cut());
        }
    }

    @Test
    void aLineOverTheBoundIsAnErrorNamingTheLineAndTheBound() throws IOException {
        Path table = Files.writeString(dir.resolve("table"), "header\n" + "x".repeat(17) + "\n");

        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, 16, 1024)) {
            assertEquals("header", lines.next());
            FileSystemException e = assertThrows(FileSystemException.class, lines::next);
            assertEquals("line 2 longer than 16 bytes, not read", e.getReason());
        }
    }

    @Test
    void aLineOfExactlyTheBoundIsRead() throws IOException {
        Path table = Files.writeString(dir.resolve("table"), "x".repeat(16) + "\n");

        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, 16, 1024)) {
            assertEquals(List.of("x".repeat(16)), all(lines));
        }
    }

    @Test
    void readingStopsAtTheByteBoundDroppingTheLineCutThere() throws IOException {
        Path table = Files.writeString(dir.resolve("table"), "aaa\nbbb\nccc\n");

        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, 16, 6)) {
            assertEquals(List.of("aaa"), all(lines));
            assertTrue(lines.cut());
        }
    }

    @Test
    void aTableOfExactlyTheByteBoundIsWhole() throws IOException {
        Path table = Files.writeString(dir.resolve("table"), "aaa\nbbb\n");

        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, 16, 8)) {
            assertEquals(List.of("aaa", "bbb"), all(lines));
            assertFalse(lines.cut());
        }
    }

    private static List<String> all(BoundedFiles.Lines lines) throws IOException {
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
