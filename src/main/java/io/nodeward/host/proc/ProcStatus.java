package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/status} (proc(5), "/proc/pid/status"; printed by {@code proc_pid_status}
 * in fs/proc/array.c): who a process runs as and what it may do. One {@code Name:\tvalue} per line;
 * the lines used here:
 * <ul>
 *   <li>{@code Uid:} and {@code Gid:}: real, effective, saved set and filesystem ids, tab-separated;</li>
 *   <li>{@code CapEff:}: the effective capability set, 16 hex digits (bit n is capability n, capabilities(7));</li>
 *   <li>{@code NoNewPrivs:}: 1 when {@code PR_SET_NO_NEW_PRIVS} is set (since Linux 4.10);</li>
 *   <li>{@code Seccomp:}: 0 none, 1 strict, 2 filter (since Linux 3.8, with {@code CONFIG_SECCOMP}).</li>
 * </ul>
 * Lines a kernel does not print are empty here, not guessed.
 *
 * @param uid        the user ids
 * @param gid        the group ids
 * @param capEff     the effective capabilities as a bit set
 * @param noNewPrivs whether no_new_privs is set
 * @param seccomp    the seccomp mode
 */
public record ProcStatus(Ids uid, Ids gid, OptionalLong capEff, Optional<Boolean> noNewPrivs, OptionalInt seccomp) {

    /** {@code status} is about 1.5 KiB; 64 KiB is far beyond any kernel's. */
    static final int MAX_BYTES = 64 * 1024;

    /** {@code Seccomp:} 2, {@code SECCOMP_MODE_FILTER}. */
    public static final int SECCOMP_FILTER = 2;

    /**
     * One {@code Uid:} or {@code Gid:} line.
     *
     * @param real       who started the process
     * @param effective  whose rights it uses
     * @param saved      the saved set id it may switch back to
     * @param filesystem whose rights file access uses
     */
    public record Ids(int real, int effective, int saved, int filesystem) {
    }

    /**
     * The status of process {@code pid}, through {@link BoundedFiles#readProc} (a FIFO or a symbolic
     * link there is an error, not a hang).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it does not parse, see {@link #parse}
     */
    public static ProcStatus read(HostRoot root, int pid) throws IOException {
        return parse(new String(BoundedFiles.readProc(root, pid + "/status", MAX_BYTES), StandardCharsets.UTF_8));
    }

    /**
     * Parses the file's text; pure.
     *
     * @throws IllegalArgumentException when a {@code Uid:} or {@code Gid:} line is missing or any line
     *                                  used is malformed, naming it
     */
    public static ProcStatus parse(String text) {
        Ids uid = null;
        Ids gid = null;
        OptionalLong capEff = OptionalLong.empty();
        Optional<Boolean> noNewPrivs = Optional.empty();
        OptionalInt seccomp = OptionalInt.empty();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "Uid" -> uid = ids(line, value);
                case "Gid" -> gid = ids(line, value);
                case "CapEff" -> capEff = OptionalLong.of(hex(line, value));
                case "NoNewPrivs" -> noNewPrivs = Optional.of(flag(line, value));
                case "Seccomp" -> seccomp = OptionalInt.of(number(line, value));
                default -> {
                    // the other lines are not used
                }
            }
        }
        if (uid == null || gid == null) {
            throw new IllegalArgumentException("no " + (uid == null ? "Uid" : "Gid") + " line");
        }
        return new ProcStatus(uid, gid, capEff, noNewPrivs, seccomp);
    }

    /** Whether capability {@code number} (capabilities(7), e.g. 21 for {@code CAP_SYS_ADMIN}) is effective. */
    public boolean hasCapability(int number) {
        return capEff.isPresent() && (capEff.getAsLong() >>> number & 1) == 1;
    }

    private static Ids ids(String line, String value) {
        String[] fields = value.split("\\s+");
        if (fields.length != 4) {
            throw new IllegalArgumentException("'" + line + "' does not have 4 ids");
        }
        return new Ids(number(line, fields[0]), number(line, fields[1]), number(line, fields[2]), number(line, fields[3]));
    }

    /** An id or mode: ids are unsigned 32-bit, so 4294967295 (-1, "no id") is kept as -1. */
    private static int number(String line, String value) {
        try {
            return Integer.parseUnsignedInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + line + "': '" + value + "' is not a number");
        }
    }

    private static long hex(String line, String value) {
        if (value.isEmpty() || value.length() > 16) {
            throw new IllegalArgumentException("'" + line + "' is not 16 hex digits");
        }
        try {
            return Long.parseUnsignedLong(value, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + line + "' is not 16 hex digits");
        }
    }

    private static boolean flag(String line, String value) {
        return switch (value) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("'" + line + "' is neither 0 nor 1");
        };
    }
}
