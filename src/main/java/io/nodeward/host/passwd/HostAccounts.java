package io.nodeward.host.passwd;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names from the HOST's {@code /etc/passwd} and {@code /etc/group} (passwd(5),
 * group(5)), never from the container's name service: in the pod, uid 999 may be nobody while on
 * the host it is {@code etcd}. An id without a name on the host is shown numerically.
 *
 * @param users  uid to user name
 * @param groups gid to group name
 */
public record HostAccounts(Map<Integer, String> users, Map<Integer, String> groups) {

    public HostAccounts {
        users = Map.copyOf(users);
        groups = Map.copyOf(groups);
    }

    /**
     * Reads {@code /etc/passwd} and {@code /etc/group} under the host root. A missing or unreadable
     * file only means fewer names: owners then show as numbers, which checks still compare exactly.
     */
    public static HostAccounts read(HostRoot root) {
        return new HostAccounts(parse(readOrEmpty(root, "/etc/passwd")), parse(readOrEmpty(root, "/etc/group")));
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

    private static String readOrEmpty(HostRoot root, String hostPath) {
        try {
            byte[] content = BoundedFiles.read(HostLinks.follow(root, hostPath), BoundedFiles.MAX_BYTES);
            return new String(content, StandardCharsets.UTF_8); // bad bytes become U+FFFD, not a lost file
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }
}
