package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /proc/<pid>/mountinfo}: the mounts of a process's mount namespace, one a line
 * (proc(5), "/proc/pid/mountinfo"), e.g.
 * {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}: mount ID,
 * parent ID, {@code major:minor} of the file system, the root of the mount inside that file system,
 * the mount point relative to the process's root, options, optional fields up to a {@code -}, then the
 * file system type, the source and the super options. The kernel escapes space, tab, newline and
 * backslash in paths as {@code \040}, {@code \011}, {@code \012}, {@code \134} ({@code mangle()} in
 * {@code fs/proc_namespace.c}). The file is world-readable: no ptrace access is needed.
 */
public final class ProcMountInfo {

    /**
     * A container has a few dozen mounts; the host namespace of a busy node a few thousand (a tmpfs
     * and an overlay per container), under half a MiB. 4 MiB is more than any real node has.
     */
    static final int MAX_BYTES = 4 << 20;

    private ProcMountInfo() {
    }

    /**
     * One mount.
     *
     * @param id         the mount ID, unique across namespaces: the same mount seen from two
     *                   namespaces means one namespace
     * @param device     {@code major:minor}
     * @param root       the directory of the file system mounted here ({@code /} for a whole file system,
     *                   a subdirectory for a bind mount)
     * @param mountPoint where it is mounted, relative to the process's root
     */
    public record Mount(int id, String device, String root, String mountPoint, String fsType) {
    }

    /** The mounts of process {@code pid} in the order the kernel lists them (later ones on top). */
    public static List<Mount> read(HostRoot root, int pid) throws IOException {
        return parse(new String(BoundedFiles.readProc(root, pid + "/mountinfo", MAX_BYTES), StandardCharsets.UTF_8));
    }

    /**
     * Parses mountinfo text; pure.
     *
     * @throws IllegalArgumentException naming the line when one is not in the kernel's format
     */
    public static List<Mount> parse(String content) {
        List<Mount> mounts = new ArrayList<>();
        int number = 0;
        for (String line : content.split("\n")) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(" ");
            int separator = -1;
            for (int i = 6; i < fields.length; i++) {
                if (fields[i].equals("-")) {
                    separator = i;
                    break;
                }
            }
            if (fields.length < 6 || separator < 0 || separator + 1 >= fields.length) {
                throw new IllegalArgumentException("line " + number + " is not a mountinfo line: " + line);
            }
            try {
                mounts.add(new Mount(Integer.parseInt(fields[0]), fields[2], unescape(fields[3]), unescape(fields[4]),
                        fields[separator + 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + number + " has no mount ID: " + line);
            }
        }
        return mounts;
    }

    /** Undoes the kernel's octal escapes ({@code \040} is a space). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 3 < raw.length && isOctal(raw[i + 1]) && isOctal(raw[i + 2])
                    && isOctal(raw[i + 3])) {
                bytes.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
