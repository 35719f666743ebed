package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.OptionalInt;

/** Reads the parent pid from {@code /proc/<pid>/stat} (proc(5), "/proc/pid/stat", field 4, {@code ppid}). */
public final class ProcStat {

    /** The line is a few hundred bytes; {@code comm} is at most 64 of them. */
    static final int MAX_BYTES = 4096;

    private ProcStat() {
    }

    /** The parent of process {@code pid}; throws when the file cannot be read, empty when it makes no sense. */
    public static OptionalInt parentPid(HostRoot root, int pid) throws IOException {
        try (InputStream in = Files.newInputStream(root.proc(pid + "/stat"))) {
            return parseParentPid(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        }
    }

    /**
     * {@code 812 (sshd) S 1 812 812 ...}: the name in parentheses may itself hold spaces and ')', so
     * the fields are counted from the last ')'. Pure.
     */
    public static OptionalInt parseParentPid(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalInt.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length < 2) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(fields[1]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
