package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
