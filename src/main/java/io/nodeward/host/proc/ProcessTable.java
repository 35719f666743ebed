package io.nodeward.host.proc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Recognises the node's components among the processes of a {@link ProcessSnapshot}, by the base
 * name of {@code argv[0]}. We read the command line rather than {@code comm}, which the
 * kernel truncates to 15 characters ({@code kube-controller}) and which a process can rename.
 *
 * <p>The agent runs with {@code hostPID}, so it sees every container's processes too, and any pod can
 * run a program called {@code kubelet} with whatever flags it likes. The kubelet and sshd are host
 * daemons that never run in a pod, so for them a process whose {@code /proc/<pid>/cgroup} shows a
 * pod ({@link ProcCgroup}) is not a candidate. The control plane's static pods and kube-proxy do run
 * in pods and are kept.
 */
public final class ProcessTable {

    /** The components we look for, by the name a fact key uses ({@code process.<name>}). */
    public static final List<String> COMPONENTS = List.of("kubelet", "kube-proxy", "sshd", "kube-apiserver",
            "etcd", "kube-controller-manager", "kube-scheduler");

    /** The components k3s and MicroK8s run inside their own process (k3s agent.go, kubelite). */
    public static final Set<String> EMBEDDED_COMPONENTS = Set.of("kubelet", "kube-proxy");

    /** Components that run on the host itself, never in a pod. */
    static final Set<String> HOST_DAEMONS = Set.of("kubelet", "sshd");

    /**
     * A distribution that runs the kubelet inside another binary, so no {@code kubelet} process exists.
     *
     * @param pid          the embedding process
     * @param distribution what embeds it: {@code k3s server}, {@code k3s agent} or {@code MicroK8s kubelite}
     */
    public record EmbeddedKubelet(int pid, String distribution) {
    }

    private final Map<String, List<RunningProcess>> candidates;
    private final Map<String, List<Integer>> inPods;
    private final Map<String, List<Integer>> vanished;
    private final Map<Integer, Integer> parents;
    private final List<String> unreadable;
    private final List<EmbeddedKubelet> embeddedKubelets;

    private ProcessTable(Map<String, List<RunningProcess>> candidates, Map<String, List<Integer>> inPods,
                         Map<String, List<Integer>> vanished, Map<Integer, Integer> parents,
                         List<String> unreadable, List<EmbeddedKubelet> embeddedKubelets) {
        this.candidates = candidates;
        this.inPods = inPods;
        this.vanished = vanished;
        this.parents = parents;
        this.unreadable = List.copyOf(unreadable);
        this.embeddedKubelets = List.copyOf(embeddedKubelets);
    }

    /**
     * Recognises the components among the processes of {@code snapshot}; pure. A host daemon whose
     * cgroup shows a pod is not a candidate. A cgroup that could not be read cannot clear or convict
     * a process: it stays a candidate, and if that leaves two kubelets the reader says "ambiguous"
     * rather than guess. A component that exited while the snapshot read it is kept apart
     * ({@link #vanished}).
     */
    public static ProcessTable of(ProcessSnapshot snapshot) {
        Map<String, List<RunningProcess>> candidates = new TreeMap<>();
        Map<String, List<Integer>> inPods = new TreeMap<>();
        Map<String, List<Integer>> vanished = new TreeMap<>();
        Map<Integer, Integer> parents = new HashMap<>();
        List<EmbeddedKubelet> embedded = new ArrayList<>();
        Map<Integer, String> doctored = new TreeMap<>();
        for (ProcessSnapshot.Entry entry : snapshot.entries()) {
            int pid = entry.pid();
            Optional<RunningProcess> process = identify(pid, entry.argv());
            if (process.isEmpty()) {
                // a k3s or MicroK8s in a pod (vcluster) is not the node's kubelet, as for "kubelet" itself
                embeddedKubelet(entry.argv()).filter(d -> entry.podPath().isEmpty())
                        .ifPresent(d -> embedded.add(new EmbeddedKubelet(pid, d)));
                continue;
            }
            String name = process.get().name();
            if (entry.doctored() != null) {
                // this proc is not a kernel's: a daemon kept as a candidate on it could be a pod's
                doctored.put(pid, entry.doctored());
                continue;
            }
            if (entry.vanished()) {
                vanished.computeIfAbsent(name, n -> new ArrayList<>()).add(pid);
                continue;
            }
            if (HOST_DAEMONS.contains(name) && entry.podPath().isPresent()) {
                inPods.computeIfAbsent(name, n -> new ArrayList<>()).add(pid);
                continue;
            }
            candidates.computeIfAbsent(name, n -> new ArrayList<>()).add(process.get());
            entry.parent().ifPresent(parent -> parents.put(pid, parent));
        }
        List<String> unreadable = new ArrayList<>(snapshot.unreadable());
        unreadable.addAll(doctored.values());
        return new ProcessTable(sorted(candidates, RunningProcess::pid), sorted(inPods, Integer::intValue),
                sorted(vanished, Integer::intValue), parents, unreadable, embedded);
    }

    /** Whether the snapshot should read this process's details: a component, or a kubelet's embedding. */
    static boolean isInteresting(List<String> argv) {
        return identify(0, argv).isPresent() || embeddedKubelet(argv).isPresent();
    }

    /** A table of already identified processes, none of them in a pod; for tests. */
    static ProcessTable of(List<RunningProcess> processes) {
        Map<String, List<RunningProcess>> candidates = new TreeMap<>();
        processes.forEach(p -> candidates.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p));
        return new ProcessTable(sorted(candidates, RunningProcess::pid), Map.of(), Map.of(), Map.of(), List.of(),
                List.of());
    }

    /**
     * The running component called {@code name}. When several processes match, the lowest pid: the
     * one started first, normally the daemon itself. For sshd, the listener (see {@link #sshdListener}).
     * For the kubelet, ask {@link #candidates} first: more than one is ambiguous, not a choice.
     */
    public Optional<RunningProcess> find(String name) {
        List<RunningProcess> found = candidates(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name.equals("sshd") ? sshdListener(found) : found.get(0));
    }

    /** Every process recognised as {@code name} (outside pods, for host daemons), by ascending pid. */
    public List<RunningProcess> candidates(String name) {
        return candidates.getOrDefault(name, List.of());
    }

    /** Why command lines could not be read, one entry per process, e.g. {@code /proc/77/cmdline: permission denied}. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** The processes outside pods that run a kubelet embedded in another binary, by ascending pid. */
    public List<EmbeddedKubelet> embeddedKubelets() {
        return embeddedKubelets;
    }

    /**
     * Which distribution embeds a kubelet in this command line, if any; pure. k3s runs it inside
     * {@code k3s server} and {@code k3s agent} (argv[0] may also be the {@code k3s-server} /
     * {@code k3s-agent} symlinks), MicroK8s inside {@code kubelite}.
     */
    public static Optional<String> embeddedKubelet(List<String> argv) {
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String program = programName(argv);
        String command = argv.size() > 1 ? argv.get(1) : "";
        String k3s = program.equals("k3s") && (command.equals("server") || command.equals("agent")) ? command
                : program.equals("k3s-server") || program.equals("k3s-agent") ? program.substring("k3s-".length())
                : null;
        // "k3s server --disable-agent" runs no kubelet (pkg/cli/cmds/server.go: DisableAgent)
        if (k3s != null && !argv.contains("--disable-agent") && !argv.contains("--disable-agent=true")) {
            return Optional.of("k3s " + k3s);
        }
        if (program.equals("kubelite")) {
            return Optional.of("MicroK8s kubelite");
        }
        return Optional.empty();
    }

    /** The pids of processes recognised as {@code name} that exited while the snapshot read them. */
    public List<Integer> vanished(String name) {
        return vanished.getOrDefault(name, List.of());
    }

    /** The pids of processes called {@code name} that were skipped because they run in a pod. */
    public List<Integer> inPods(String name) {
        return inPods.getOrDefault(name, List.of());
    }

    /**
     * The listening sshd among its per-connection processes. After sshd restarts, sessions of the old
     * daemon live on with lower pids (their parent gone, they are re-parented to init), so the lowest
     * pid is not enough: first the process that titles itself {@code [listener]} (OpenSSH 8.2 and
     * later), then one still showing its command line (sessions retitle themselves) whose parent is
     * not an sshd, then any whose parent is not an sshd, then the lowest pid.
     */
    private RunningProcess sshdListener(List<RunningProcess> sshds) {
        Set<Integer> sshdPids = new HashSet<>();
        sshds.forEach(p -> sshdPids.add(p.pid()));
        Predicate<RunningProcess> topLevel = p -> parents.containsKey(p.pid())
                && !sshdPids.contains(parents.get(p.pid()));
        List<Predicate<RunningProcess>> preferences = List.of(
                p -> p.argv().get(0).contains("[listener]"),
                p -> !isRetitled(p.argv()) && topLevel.test(p),
                topLevel);
        for (var preferred : preferences) {
            Optional<RunningProcess> match = sshds.stream().filter(preferred).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        return sshds.get(0);
    }

    /** The lists in ascending pid order, since a directory lists its entries in no particular order. */
    private static <T> Map<String, List<T>> sorted(Map<String, List<T>> byName, ToIntFunction<T> pid) {
        Map<String, List<T>> out = new TreeMap<>();
        byName.forEach((name, list) -> out.put(name, list.stream().sorted(Comparator.comparingInt(pid)).toList()));
        return Map.copyOf(out);
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
}
