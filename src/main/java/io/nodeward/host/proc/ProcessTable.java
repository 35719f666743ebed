package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code /proc/<pid>/cmdline} of every process, once, and recognises the node's components
 * by the base name of {@code argv[0]}. We read the command line rather than {@code comm}, which the
 * kernel truncates to 15 characters ({@code kube-controller}) and which a process can rename.
 */
public final class ProcessTable {

    /** The components we look for, by the name a fact key uses ({@code process.<name>}). */
    public static final List<String> COMPONENTS = List.of("kubelet", "kube-proxy", "sshd", "kube-apiserver",
            "etcd", "kube-controller-manager", "kube-scheduler");

    private final Map<String, RunningProcess> byName;

    private ProcessTable(Map<String, RunningProcess> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Walks the numeric directories of {@code <proc>/}. A process that exits between the listing and
     * the read, or whose command line cannot be read, is skipped: it is not running any more, or we
     * could not have told what it was. Throws only when {@code <proc>} itself cannot be listed.
     */
    public static ProcessTable scan(HostRoot root) throws IOException {
        List<RunningProcess> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.proc(""))) {
            for (Path entry : entries) {
                Integer pid = pidOf(entry.getFileName().toString());
                if (pid == null) {
                    continue;
                }
                try {
                    identify(pid, ProcCmdline.read(root, pid)).ifPresent(found::add);
                } catch (IOException vanishedOrUnreadable) {
                    // the process exited mid-walk (NoSuchFileException) or hides its cmdline: skip it
                }
            }
        }
        return of(found);
    }

    /** A table of already identified processes; where several share a name, the lowest pid wins. */
    static ProcessTable of(List<RunningProcess> processes) {
        Map<String, RunningProcess> lowest = new TreeMap<>();
        for (RunningProcess process : processes) {
            lowest.merge(process.name(), process, (a, b) -> a.pid() <= b.pid() ? a : b);
        }
        return new ProcessTable(lowest);
    }

    /**
     * The running component called {@code name}. When several processes match (sshd's listener and
     * its per-connection children, a second kubelet in a test), the lowest pid: the one started
     * first, normally the daemon itself.
     */
    public Optional<RunningProcess> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Which component a command line belongs to, if any; pure, for tests with inline argv. */
    public static Optional<RunningProcess> identify(int pid, List<String> argv) {
        if (argv.isEmpty()) {
            return Optional.empty(); // kernel thread or zombie
        }
        String program = programName(argv);
        int argsFrom = 1;
        if (program.equals("hyperkube") && argv.size() > 1) {
            // the all-in-one binary: "hyperkube kubelet --flags..."
            program = baseName(argv.get(1));
            argsFrom = 2;
        }
        if (!COMPONENTS.contains(program)) {
            return Optional.empty();
        }
        if (program.equals("sshd") && isRetitled(argv)) {
            argsFrom = argv.size(); // the title text is not sshd's arguments
        }
        return Optional.of(new RunningProcess(pid, program, argv, argv.subList(argsFrom, argv.size())));
    }

    /**
     * The base name of the program. A process that rewrote its title ({@code sshd: /usr/sbin/sshd -D
     * [listener] 0 of 10-100 startups}, {@code sshd: root@pts/0}) has all of it in one argument, so
     * there the first word counts, without its colon.
     */
    static String programName(List<String> argv) {
        String first = argv.get(0);
        if (isRetitled(argv)) {
            String word = first.substring(0, first.indexOf(' '));
            return baseName(word.endsWith(":") ? word.substring(0, word.length() - 1) : word);
        }
        return baseName(first);
    }

    private static boolean isRetitled(List<String> argv) {
        String first = argv.get(0);
        int space = first.indexOf(' ');
        if (space < 0) {
            return false;
        }
        if (first.substring(0, space).endsWith(":")) {
            return true;
        }
        // a title written over the whole argument area leaves only NUL padding after it
        return argv.subList(1, argv.size()).stream().allMatch(String::isEmpty);
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Integer pidOf(String name) {
        if (name.isEmpty() || name.length() > 10 || !name.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long pid = Long.parseLong(name);
        return pid > 0 && pid <= Integer.MAX_VALUE ? (int) pid : null;
    }
}
