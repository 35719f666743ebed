package io.nodeward.host.passwd;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User and group names from the HOST's {@code /etc/passwd} and {@code /etc/group} (passwd(5),
 * group(5)), never from the container's name service: in the pod, uid 999 may be nobody while on
 * the host it is {@code etcd}. An id the host's files have no name for is shown numerically.
 *
 * @param users      uid to user name
 * @param groups     gid to group name
 * @param unreadable why {@code /etc/passwd} or {@code /etc/group} could not be read, one reason per
 *                   file; empty when both were read. While not empty, owners shown as numbers may
 *                   have had names, so nobody should compare them with {@code root:root}
 */
public record HostAccounts(Map<Integer, String> users, Map<Integer, String> groups, List<String> unreadable) {

    /** The host files read, {@code /etc/passwd} then {@code /etc/group}. */
    public static final List<String> FILES = List.of("/etc/passwd", "/etc/group");

    public HostAccounts {
        users = Map.copyOf(users);
        groups = Map.copyOf(groups);
        unreadable = List.copyOf(unreadable);
    }

    public HostAccounts(Map<Integer, String> users, Map<Integer, String> groups) {
        this(users, groups, List.of());
    }

    /**
     * Reads {@code /etc/passwd} and {@code /etc/group} under the host root. A missing file is as bad
     * as an unreadable one: every Linux host has both, so a missing one means we see the wrong tree
     * (or a broken mount), and owners would show as numbers that fail {@code root:root} falsely.
     */
    public static HostAccounts read(HostRoot root) {
        List<String> unreadable = new ArrayList<>();
        Map<Integer, String> users = parse(readOrNote(root, FILES.get(0), unreadable));
        Map<Integer, String> groups = parse(readOrNote(root, FILES.get(1), unreadable));
        return new HostAccounts(users, groups, unreadable);
    }

    /**
     * Parses passwd- or group-style text ({@code name:password:id:...}) into id to name. Tolerant:
     * comments, blank lines, NIS {@code +}/{@code -} entries and lines without a numeric third field
     * are skipped. When two names share an id the first wins, as getpwuid(3) answers.
     */
    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            String[] fields = line.strip().split(":", -1);
            if (fields.length < 3 || fields[0].isEmpty() || fields[0].startsWith("#")
                    || fields[0].startsWith("+") || fields[0].startsWith("-")) {
                continue;
            }
            try {
                int id = Integer.parseInt(fields[2].strip());
                if (id >= 0) {
                    names.putIfAbsent(id, fields[0]);
                }
            } catch (NumberFormatException malformed) {
                // a malformed line names nobody; the rest of the file still does
            }
        }
        return names;
    }

    /** {@code user:group}, each a name when the host has one, else the number. */
    public String owner(int uid, int gid) {
        return users.getOrDefault(uid, Integer.toString(uid)) + ":"
                + groups.getOrDefault(gid, Integer.toString(gid));
    }

    private static String readOrNote(HostRoot root, String hostPath, List<String> unreadable) {
        try {
            byte[] content = BoundedFiles.readHost(root, hostPath, BoundedFiles.MAX_BYTES);
            return new String(content, StandardCharsets.UTF_8); // bad bytes become U+FFFD, not a lost file
        } catch (IOException e) {
            unreadable.add(IoErrors.unreadable(hostPath, e));
            return "";
        }
    }
}
