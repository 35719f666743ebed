package io.nodeward.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads host files whole, but only regular files and only up to a limit. The node decides what is at
 * a path: {@code Include /dev/zero} or a multi-gigabyte file would make the agent allocate without
 * end, and opening a FIFO blocks the scan thread until some writer appears, i.e. forever. Every
 * reader that takes a host file into memory goes through here.
 *
 * <p>The type is checked before the file is opened (Java cannot open without blocking on a FIFO and
 * then {@code fstat}); replacing a checked file by a FIFO in between needs write access to the
 * host's configuration, which already owns the node.
 */
public final class BoundedFiles {

    /** Every host configuration file we read is a few kilobytes; 1 MiB keeps all real ones whole. */
    public static final int MAX_BYTES = 1 << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    private BoundedFiles() {
    }

    /**
     * The content of the regular file at {@code local}, at most {@code limit} bytes. Pass a local path
     * already resolved with {@link HostLinks#follow}, so links are followed inside the host root;
     * a link left here (a race) is followed by the JDK.
     *
     * @throws java.nio.file.NoSuchFileException   when nothing is there
     * @throws java.nio.file.AccessDeniedException when it may not be read
     * @throws FileSystemException                  with reason {@code not a regular file (a FIFO)} (or a
     *                                              directory, a character device, ...) or
     *                                              {@code larger than <limit> bytes, not read}
     */
    public static byte[] read(Path local, int limit) throws IOException {
        requireRegularFile(local);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(local)) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new FileSystemException(local.toString(), null, "larger than " + limit + " bytes, not read");
        }
        return bytes;
    }

    /**
     * Throws unless {@code local} is a regular file; for readers that stream a file themselves
     * ({@code /proc/1/net/tcp}). Files under {@code /proc} are regular files of size 0, which is fine.
     */
    public static void requireRegularFile(Path local) throws IOException {
        int mode = (Integer) Files.getAttribute(local, "unix:mode");
        if ((mode & S_IFMT) != S_IFREG) {
            throw new FileSystemException(local.toString(), null, "not a regular file (" + kind(mode) + ")");
        }
    }

    private static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case 0040000 -> "a directory";
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            case 0120000 -> "a symbolic link";
            default -> String.format("file type %06o", mode & S_IFMT);
        };
    }
}
