package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The host's processes, read once per scan: every reader works from this one picture, so no two of
 * them can see the kubelet at different moments. For every process, its command line
 * ({@code /proc/<pid>/cmdline}); for each one that is a node component or embeds a kubelet (the only
 * ones a reader asks about), also its {@code stat} (parent and start time), {@code cgroup} and the
 * {@code cwd} link. The other details are not read for every process: on a node with thousands of
 * processes that would cost more than the rest of the scan, for nothing any reader uses. Also, once,
 * whether {@code /proc} is the host's at all ({@link ProcView}).
 *
 * <p>A process can exit or be replaced at any moment. One that exits between the listing and the read
 * of its command line was not running; one recognised and then gone while its details were read is
 * kept as {@link Entry#vanished()}, so its facts become errors rather than "not running". After the
 * readers ran, {@link #changedSince} tells whether a component's process is still the one read here.
 */
public final class ProcessSnapshot {

    /**
     * One process as read.
     *
     * @param pid        its process ID
     * @param argv       its command line, the last argument possibly cut (see {@link #cut})
     * @param cut        whether the command line was longer than {@link ProcCmdline#MAX_BYTES}
     * @param parent     its parent's pid; empty when not read (not a component) or unreadable
     * @param startTime  when it started, in clock ticks after boot; empty when not read or unreadable
     * @param cgroup     its cgroup paths; empty when not read or unreadable (the process exited, a hardened
     *                   proc mount), which neither clears nor convicts it of running in a pod
     * @param cwd        the target of its {@code cwd} link, absolute; null when not read or unreadable
     * @param cwdError   why {@code cwd} could not be read, or null
     * @param vanished   whether it exited while its details were being read
     * @param doctored   why one of its files is not what a kernel shows (a FIFO, a symbolic link, over
     *                   its bound), or null: then nothing about the process can be trusted
     */
    public record Entry(int pid, List<String> argv, boolean cut, OptionalInt parent, OptionalLong startTime,
                        Optional<List<String>> cgroup, String cwd, String cwdError, boolean vanished,
                        String doctored) {

        public Entry {
            argv = List.copyOf(argv);
        }

        /** The pod cgroup it runs in, if its cgroup shows one. */
        public Optional<String> podPath() {
            return cgroup.flatMap(ProcCgroup::podPath);
        }
    }

    private final HostRoot root;
    private final Map<Integer, Entry> entries;
    private final List<String> unreadable;
    private final Optional<String> containerView;
    private final Optional<String> listingFailure;

    private ProcessSnapshot(HostRoot root, Map<Integer, Entry> entries, List<String> unreadable,
                            Optional<String> containerView, Optional<String> listingFailure) {
        this.root = root;
        this.entries = entries;
        this.unreadable = List.copyOf(unreadable);
        this.containerView = containerView;
        this.listingFailure = listingFailure;
    }

    /**
     * Reads the processes under {@code root}'s proc directory. Never throws: a proc directory that
     * cannot be listed is {@link #listingFailure()}, a command line that cannot be read (other than
     * because the process exited) is one of {@link #unreadable()}.
     */
    public static ProcessSnapshot take(HostRoot root) {
        Optional<String> containerView = ProcView.check(root);
        Map<Integer, Entry> entries = new TreeMap<>(); // by pid, as the directory lists in no order
        Map<Integer, String> unreadable = new TreeMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(root.proc(""))) {
            for (Path path : listing) {
                Integer pid = pidOf(path.getFileName().toString());
                if (pid == null) {
                    continue;
                }
                ProcCmdline.Cmdline cmdline;
                try {
                    cmdline = ProcCmdline.load(root, pid);
                } catch (IOException e) {
                    if (!vanished(e)) {
                        unreadable.put(pid, "/proc/" + pid + "/cmdline: " + IoErrors.describe(e));
                    }
                    continue;
                }
                entries.put(pid, ProcessTable.isInteresting(cmdline.argv())
                        ? detailed(root, pid, cmdline) : plain(pid, cmdline));
            }
        } catch (IOException | RuntimeException e) {
            String reason = "cannot list " + root.display(root.proc("")) + ": "
                    + (e instanceof IOException io ? IoErrors.describe(io) : e.toString());
            return new ProcessSnapshot(root, Map.of(), List.of(), containerView, Optional.of(reason));
        }
        return new ProcessSnapshot(root, Map.copyOf(entries), List.copyOf(unreadable.values()), containerView,
                Optional.empty());
    }

    private static Entry plain(int pid, ProcCmdline.Cmdline cmdline) {
        return new Entry(pid, cmdline.argv(), cmdline.cut(), OptionalInt.empty(), OptionalLong.empty(), Optional.empty(),
                null, null, false, null);
    }

    /**
     * A component's details. A file that is gone means the process exited meanwhile (if its directory
     * went too); one hidden by permissions is unknown; one that is there but is not what a kernel makes
     * is {@link Entry#doctored}.
     */
    private static Entry detailed(HostRoot root, int pid, ProcCmdline.Cmdline cmdline) {
        Problems problems = new Problems(root, pid);
        OptionalInt parent = OptionalInt.empty();
        OptionalLong startTime = OptionalLong.empty();
        try {
            String stat = ProcStat.read(root, pid);
            parent = ProcStat.parseParentPid(stat);
            startTime = ProcStat.parseStartTime(stat);
        } catch (IOException e) {
            problems.note("stat", e);
        }
        Optional<List<String>> cgroup = Optional.empty();
        try {
            cgroup = Optional.of(ProcCgroup.read(root, pid));
        } catch (IOException e) {
            problems.note("cgroup", e);
        }
        String cwd = null;
        String cwdError = null;
        try {
            Path target = BoundedFiles.procLink(root, pid + "/cwd");
            if (target.isAbsolute()) {
                cwd = target.normalize().toString();
            } else {
                cwdError = "/proc/" + pid + "/cwd points to a relative path " + target;
            }
        } catch (IOException e) {
            cwdError = "cannot read /proc/" + pid + "/cwd: " + IoErrors.describe(e);
        }
        return new Entry(pid, cmdline.argv(), cmdline.cut(), parent, startTime, cgroup, cwd, cwdError,
                problems.vanished, problems.doctored);
    }

    /** What went wrong reading one process's details. */
    private static final class Problems {
        private final HostRoot root;
        private final int pid;
        boolean vanished;
        String doctored;

        Problems(HostRoot root, int pid) {
            this.root = root;
            this.pid = pid;
        }

        void note(String file, IOException e) {
            if (ProcessSnapshot.vanished(e)) {
                vanished |= !Files.exists(root.proc(String.valueOf(pid)));
            } else if (!(e instanceof AccessDeniedException) && doctored == null) {
                doctored = "/proc/" + pid + "/" + file + ": " + IoErrors.describe(e);
            }
        }
    }

    /** Every process read, by ascending pid. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The process {@code pid} as read, if it was. */
    public Optional<Entry> entry(int pid) {
        return Optional.ofNullable(entries.get(pid));
    }

    /** Why command lines could not be read, one entry per process, e.g. {@code /proc/77/cmdline: permission denied}. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** Why this proc directory is a container's view rather than the host's, if it is ({@link ProcView}). */
    public Optional<String> containerView() {
        return containerView;
    }

    /** Why the proc directory could not be listed at all, if it could not. */
    public Optional<String> listingFailure() {
        return listingFailure;
    }

    /** The node's components as recognised in this snapshot. */
    public ProcessTable table() {
        return ProcessTable.of(this);
    }

    /**
     * Whether process {@code pid} is still the one this snapshot read, checked after the readers used
     * it: empty when it is, else what happened. Compares the start time when the snapshot has one (a
     * restarted process, even under the same pid, has a later one), and the command line always (a
     * fixture tree has no {@code stat}).
     */
    public Optional<String> changedSince(int pid) {
        Entry before = entries.get(pid);
        if (before == null) {
            return Optional.of("pid " + pid + " was not in the snapshot");
        }
        try {
            ProcCmdline.Cmdline now = ProcCmdline.load(root, pid);
            if (!now.argv().equals(before.argv())) {
                return Optional.of("pid " + pid + " now runs another command line");
            }
            if (before.startTime().isPresent()) {
                OptionalLong started = ProcStat.parseStartTime(ProcStat.read(root, pid));
                if (!started.equals(before.startTime())) {
                    return Optional.of("pid " + pid + " was restarted (its start time changed)");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(vanished(e) ? "pid " + pid + " exited"
                    : "pid " + pid + " can no longer be read: " + IoErrors.describe(e));
        }
    }

    /**
     * Whether the read failed because the process exited: its directory is gone (ENOENT), or it went
     * while we read (ESRCH).
     */
    static boolean vanished(IOException e) {
        return e instanceof NoSuchFileException
                || e instanceof FileSystemException fse && "No such process".equals(fse.getReason());
    }

    private static Integer pidOf(String name) {
        if (name.isEmpty() || name.length() > 10 || !name.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long pid = Long.parseLong(name);
        return pid > 0 && pid <= Integer.MAX_VALUE ? (int) pid : null;
    }
}
