package io.nodeward.host;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one access path for everything the agent reads from the host, so that no file on the node
 * decides how long a scan takes or how much memory it needs. Three kinds of read:
 * <ul>
 *   <li>host files ({@link #readHost}, or {@link #read} on a path already resolved with
 *       {@link HostLinks#follow}): symbolic links followed inside the host root, regular files only,
 *       at most a given size;</li>
 *   <li>proc files ({@link #readProc}, {@link #readProcPrefix}, {@link #procLink}): {@code /proc/...}
 *       relative to {@link HostRoot#proc()}, regular files only, and no symbolic link followed below
 *       the proc root (a directory is let through: reading it fails with {@code EISDIR} at once). In a kernel's {@code /proc} no file we read is a link ({@code /proc/<pid>/net}
 *       is a directory; only {@code self}, {@code thread-self} and {@code /proc/net} are links, and we
 *       never read through them), so a link there is a fixture or a bind mount pointing elsewhere,
 *       perhaps out of the host root, and is refused with the reason naming it;</li>
 *   <li>tables streamed line by line ({@link #procLines}, {@link #lines}): each line at most a given
 *       length and the whole at most a given size, so memory stays bounded whatever the input.</li>
 * </ul>
 * Opening a FIFO blocks until a writer appears, i.e. forever, and {@code /dev/zero} never ends: the
 * type is checked with {@code lstat} before the file is opened (Java cannot open without blocking on
 * a FIFO and then {@code fstat}), and the open itself uses {@code O_NOFOLLOW}, so a link swapped in
 * afterwards fails rather than being followed. Replacing a checked file by a FIFO in between needs
 * write access to the host (or its /proc mount), which already owns the node.
 *
 * <p>Kernel proc files are regular files of size 0 (proc(5)): their size is only known by reading,
 * so every bound here is on bytes read, never on {@code stat}'s size. When the proc root is a kernel's
 * procfs mount ({@link HostRoot#kernelProc()}, asked once with {@code statfs}), the per-file type
 * checks are skipped: procfs makes no FIFOs and no links where we read files, and the agent's pod has a
 * procfs mount of its own, which nothing on the host can bind-mount over. They cost two {@code lstat}s
 * a process, a third of a scan's process reads; fixture trees and any other directory keep them all.
 */
public final class BoundedFiles {

    /** Every host configuration file we read is a few kilobytes; 1 MiB keeps all real ones whole. */
    public static final int MAX_BYTES = 1 << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFDIR = 0040000;

    private BoundedFiles() {
    }

    /**
     * The content of the regular file at {@code local}, at most {@code limit} bytes. Pass a local path
     * already resolved with {@link HostLinks#follow}, so links are followed inside the host root; a
     * link left at the last component (a race) is refused, never followed by the JDK.
     *
     * @throws java.nio.file.NoSuchFileException   when nothing is there
     * @throws java.nio.file.AccessDeniedException when it may not be read
     * @throws FileSystemException                  with reason {@code not a regular file (a FIFO)} (or a
     *                                              directory, a character device, ...) or
     *                                              {@code larger than <limit> bytes, not read}
     */
    public static byte[] read(Path local, int limit) throws IOException {
        requireRegularFile(local);
        return whole(local, limit);
    }

    /** The host file at {@code hostPath}, links followed inside the host root; otherwise as {@link #read}. */
    public static byte[] readHost(HostRoot root, String hostPath, int limit) throws IOException {
        return read(HostLinks.follow(root, hostPath), limit);
    }

    /**
     * The proc file {@code /proc/<relative>} whole, at most {@code limit} bytes.
     *
     * @throws java.nio.file.NoSuchFileException when it or a directory above it is not there (a process
     *                                           that exited)
     * @throws FileSystemException               with reason {@code not a regular file (a FIFO)},
     *                                           {@code not a regular file (a symbolic link)},
     *                                           {@code /proc/1 is a symbolic link, not followed} or
     *                                           {@code larger than <limit> bytes, not read}
     */
    public static byte[] readProc(HostRoot root, String relative, int limit) throws IOException {
        return whole(procFile(root, relative), limit);
    }

    /**
     * The first bytes of a proc file and whether there were more; for {@code /proc/<pid>/cmdline},
     * whose owner decides its length and whose start is enough to tell what the process is.
     *
     * @param bytes at most {@code limit} bytes
     * @param cut   whether the file went on after them
     */
    public record Prefix(byte[] bytes, boolean cut) {
    }

    /** The first {@code limit} bytes of {@code /proc/<relative>}, checked as {@link #readProc}. */
    public static Prefix readProcPrefix(HostRoot root, String relative, int limit) throws IOException {
        byte[] bytes;
        try (InputStream in = open(procFile(root, relative))) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            return new Prefix(java.util.Arrays.copyOf(bytes, limit), true);
        }
        return new Prefix(bytes, false);
    }

    /**
     * The target of the link {@code /proc/<relative>} ({@code self}, {@code <pid>/cwd}), read, never
     * followed; the directories above it must not be links either.
     *
     * @throws java.nio.file.NotLinkException when it is not a link
     */
    public static Path procLink(HostRoot root, String relative) throws IOException {
        return Files.readSymbolicLink(procPath(root, relative));
    }

    /**
     * A streaming reader of the proc table {@code /proc/<relative>} ({@code 1/net/tcp}), checked as
     * {@link #readProc}; see {@link Lines} for the bounds.
     */
    public static Lines procLines(HostRoot root, String relative, int maxLine, long maxBytes) throws IOException {
        Path local = procFile(root, relative);
        return new Lines(open(local), local.toString(), maxLine, maxBytes);
    }

    /** As {@link #procLines}, for a local path whose directories are trusted; its last component must not be a link. */
    public static Lines lines(Path local, int maxLine, long maxBytes) throws IOException {
        requireRegularFile(local);
        return new Lines(open(local), local.toString(), maxLine, maxBytes);
    }

    /**
     * Throws unless {@code local} itself is a regular file; a symbolic link there is not followed.
     * A link that loops is reported as the kernel reports it ({@code ELOOP}), any other (dangling
     * or not) as {@code not a regular file (a symbolic link)}; its target is only stat'ed, never opened.
     */
    public static void requireRegularFile(Path local) throws IOException {
        checkType(local, false);
    }

    private static void checkType(Path local, boolean directoryFailsItself) throws IOException {
        int mode = (Integer) Files.getAttribute(local, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) == S_IFLNK) {
            try {
                Files.getAttribute(local, "unix:mode"); // a loop throws "Too many levels of symbolic links"
            } catch (java.nio.file.NoSuchFileException dangling) {
                // a link all the same: refused below, not taken for a process that exited
            }
        }
        if (directoryFailsItself && (mode & S_IFMT) == S_IFDIR) {
            return; // opening it cannot block, and reading it fails with EISDIR ("Is a directory")
        }
        if ((mode & S_IFMT) != S_IFREG) {
            throw new FileSystemException(local.toString(), null, "not a regular file (" + kind(mode) + ")");
        }
    }

    /** {@code /proc/<relative>} as a local path, having checked that no directory below the proc root is a link. */
    private static Path procPath(HostRoot root, String relative) throws IOException {
        Path target = root.proc(relative);
        if (root.kernelProc()) {
            return target; // the kernel's own tree: the directories we read through are never links
        }
        Path below = root.proc().relativize(target);
        Path dir = root.proc();
        for (int i = 0; i < below.getNameCount() - 1; i++) {
            dir = dir.resolve(below.getName(i).toString());
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & S_IFMT) == S_IFLNK) {
                throw new FileSystemException(target.toString(), null,
                        root.display(dir) + " is a symbolic link, not followed");
            }
        }
        return target;
    }

    /**
     * The local path of a proc file that is safe to open: no link below the proc root, and a regular
     * file, or a directory, whose read then fails as the kernel says ({@code Is a directory}).
     */
    private static Path procFile(HostRoot root, String relative) throws IOException {
        Path local = procPath(root, relative);
        if (!root.kernelProc()) {
            checkType(local, true); // a kernel's proc file is never a FIFO, and O_NOFOLLOW refuses a link
        }
        return local;
    }

    private static InputStream open(Path local) throws IOException {
        return Files.newInputStream(local, LinkOption.NOFOLLOW_LINKS); // O_NOFOLLOW: a link swapped in fails
    }

    private static byte[] whole(Path local, int limit) throws IOException {
        byte[] bytes;
        try (InputStream in = open(local)) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new FileSystemException(local.toString(), null, "larger than " + limit + " bytes, not read");
        }
        return bytes;
    }

    private static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> "a directory";
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            case S_IFLNK -> "a symbolic link";
            default -> String.format("file type %06o", mode & S_IFMT);
        };
    }

    /**
     * Lines of a table, read through one fixed buffer: memory is {@code maxLine} plus 8 KiB whatever
     * the input, where {@link java.io.BufferedReader#readLine} grows without bound on a file with no
     * newline. A line longer than {@code maxLine} bytes is an error naming the line and the bound (the
     * rest of the file is not read); the reader stops after {@code maxBytes} bytes, dropping a line cut
     * there, and {@link #cut} then says so.
     */
    public static final class Lines implements Closeable {

        private final InputStream in;
        private final String file;
        private final int maxLine;
        private long left;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int end;
        private final byte[] line;
        private int number;
        private boolean ended;
        private boolean cut;

        Lines(InputStream in, String file, int maxLine, long maxBytes) {
            this.in = in;
            this.file = file;
            this.maxLine = maxLine;
            this.left = maxBytes;
            this.line = new byte[maxLine];
        }

        /**
         * The next line without its newline (decoded as UTF-8), or null at the end.
         *
         * @throws FileSystemException with reason {@code line <n> longer than <maxLine> bytes, not read}
         */
        public String next() throws IOException {
            int length = 0;
            while (true) {
                if (position == end && !fill()) {
                    if (length == 0 || cut) {
                        return null; // the end, or a line the byte bound cut in two
                    }
                    number++;
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    number++;
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
                if (length == maxLine) {
                    throw new FileSystemException(file, null,
                            "line " + (number + 1) + " longer than " + maxLine + " bytes, not read");
                }
                line[length++] = b;
            }
        }

        /** How many lines {@link #next} has returned. */
        public int number() {
            return number;
        }

        /** Whether reading stopped at the byte bound with more of the file unread. */
        public boolean cut() {
            return cut;
        }

        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            if (left == 0) {
                ended = true;
                cut = in.read() >= 0;
                return false;
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                ended = true;
                return false;
            }
            left -= n;
            position = 0;
            end = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
