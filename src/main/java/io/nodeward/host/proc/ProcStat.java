package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/stat} (proc(5), "/proc/pid/stat"; printed by {@code do_task_stat} in
 * fs/proc/array.c): the parent pid (field 4, {@code ppid}) and the start time (field 22,
 * {@code starttime}, clock ticks after boot). A pid is reused once its process exits; the same pid
 * with the same start time is the same process, so the pair tells a process replaced between two reads.
 */
public final class ProcStat {

    /** The line is a few hundred bytes; {@code comm} is at most 64 of them. */
    static final int MAX_BYTES = 4096;

    private ProcStat() {
    }

    /** The parent of process {@code pid}; throws when the file cannot be read, empty when it makes no sense. */
    public static OptionalInt parentPid(HostRoot root, int pid) throws IOException {
        return parseParentPid(read(root, pid));
    }

    /** The start time of process {@code pid} in clock ticks after boot; throws when the file cannot be read. */
    public static OptionalLong startTime(HostRoot root, int pid) throws IOException {
        return parseStartTime(read(root, pid));
    }

    /** The whole line, through {@link BoundedFiles#readProc}: a FIFO or a link there is an error, not a hang. */
    static String read(HostRoot root, int pid) throws IOException {
        return new String(BoundedFiles.readProc(root, pid + "/stat", MAX_BYTES), StandardCharsets.US_ASCII);
    }

    /**
     * {@code 812 (sshd) S 1 812 812 ...}: the name in parentheses may itself hold spaces and ')', so
     * the fields are counted from the last ')'. Pure.
     */
    public static OptionalInt parseParentPid(String stat) {
        String field = field(stat, 4);
        if (field == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(field));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Field 22, {@code starttime}: an unsigned count of clock ticks ({@code sysconf(_SC_CLK_TCK)}) since
     * boot, counted from the last ')' as {@link #parseParentPid}; empty when absent or not a number. Pure.
     */
    public static OptionalLong parseStartTime(String stat) {
        String field = field(stat, 22);
        if (field == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(field));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Field {@code number} (1-based, as proc(5) numbers them; 3 and later only), or null. */
    private static String field(String stat, int number) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        int index = number - 3; // fields[0] is field 3, the state
        return index < fields.length && !fields[index].isEmpty() ? fields[index] : null;
    }
}
