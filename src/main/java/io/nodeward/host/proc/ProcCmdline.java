package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /proc/<pid>/cmdline}: a process's arguments, each terminated by a NUL byte.
 * See proc(5), "/proc/pid/cmdline".
 */
public final class ProcCmdline {

    /**
     * At most this many bytes are read. A process controls its own argument area and may make it
     * as large as the stack limit allows (gigabytes with {@code ulimit -s unlimited}); a control-plane
     * command line is a few kilobytes, so 1 MiB keeps every real one whole and bounds what a hostile
     * process can make us allocate. Longer command lines are cut, losing only their tail.
     */
    static final int MAX_BYTES = 1 << 20;

    private ProcCmdline() {
    }

    /** What a process's command line was read as, for reasons in facts. */
    public static final String CUT = "command line longer than 1 MiB, not read whole";

    /**
     * A command line as read.
     *
     * @param argv the arguments, the last one possibly cut short
     * @param cut  whether the command line was longer than {@link #MAX_BYTES} and its tail was not read
     */
    public record Cmdline(List<String> argv, boolean cut) {

        public Cmdline {
            argv = List.copyOf(argv);
        }
    }

    /**
     * The arguments of process {@code pid}, at most {@link #MAX_BYTES} of them. Throws
     * {@link java.nio.file.NoSuchFileException} when the process has gone (it may exit at any moment);
     * no arguments for a kernel thread or zombie. Read through {@link BoundedFiles#readProcPrefix}: a
     * FIFO or a symbolic link there (a fixture or a bind mount, never the kernel) is an error.
     */
    public static Cmdline load(HostRoot root, int pid) throws IOException {
        BoundedFiles.Prefix content = BoundedFiles.readProcPrefix(root, pid + "/cmdline", MAX_BYTES);
        return new Cmdline(parse(content.bytes()), content.cut());
    }

    /** The arguments of process {@code pid}, perhaps cut (see {@link #load}); enough to tell what it is. */
    public static List<String> read(HostRoot root, int pid) throws IOException {
        return load(root, pid).argv();
    }

    /**
     * Splits on NUL. One terminating NUL is dropped; empty arguments in between are kept, since
     * {@code kubelet --node-labels ''} really passes one. Content without any NUL is one argument:
     * that is what a process that rewrote its title (sshd's {@code sshd: /usr/sbin/sshd -D [listener]
     * ...}) leaves behind. Empty content (kernel thread, zombie) is no arguments.
     */
    public static List<String> parse(byte[] content) {
        List<String> args = new ArrayList<>();
        int length = content.length;
        if (length > 0 && content[length - 1] == 0) {
            length--;
        } else if (length == 0) {
            return List.of();
        }
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || content[i] == 0) {
                args.add(new String(content, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(args);
    }
}
