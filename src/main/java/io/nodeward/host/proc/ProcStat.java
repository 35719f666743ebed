package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code /proc/<pid>/stat} (proc(5), "/proc/pid/stat"): field 4, {@code ppid}, and field 22,
 * {@code starttime}, the clock ticks after boot at which the process started. A pid and its start
 * time name one process for good: a pid the kernel hands to a new process gets a later start time.
 */
public final class ProcStat {

    /** The line is a few hundred bytes; {@code comm} is at most 64 of them. */
    static final int MAX_BYTES = 4096;

    /**
     * The fields we use.
     *
     * @param ppid      the parent's pid
     * @param starttime when the process started, in clock ticks after boot
     */
    public record Stat(int ppid, long starttime) {
    }

    private ProcStat() {
    }

    /** The stat line of process {@code pid}; throws when it cannot be read, empty when it makes no sense. */
    public static Optional<Stat> read(HostRoot root, int pid) throws IOException {
        try (InputStream in = Files.newInputStream(root.proc(pid + "/stat"))) {
            return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        }
    }

    /** The parent of process {@code pid}; throws when the file cannot be read, empty when it makes no sense. */
    public static OptionalInt parentPid(HostRoot root, int pid) throws IOException {
        return read(root, pid).map(stat -> OptionalInt.of(stat.ppid())).orElse(OptionalInt.empty());
    }

    /** The parent pid of a stat line; pure. */
    public static OptionalInt parseParentPid(String stat) {
        return parse(stat).map(s -> OptionalInt.of(s.ppid())).orElse(OptionalInt.empty());
    }

    /**
     * {@code 812 (sshd) S 1 812 812 ...}: the name in parentheses may itself hold spaces and ')', so
     * the fields are counted from the last ')': there {@code state} is field 3, {@code ppid} field 4
     * and {@code starttime} field 22. Pure.
     */
    public static Optional<Stat> parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Integer.parseInt(fields[1]), Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
