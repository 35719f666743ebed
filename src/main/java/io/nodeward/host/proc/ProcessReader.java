package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the scan's {@link ProcessSnapshot} (every {@code /proc/<pid>/cmdline}, and for host daemons
 * {@code /proc/<pid>/cgroup}) into {@code process.<name>} facts: the pid of each running component, with source
 * {@code /proc/<pid>/cmdline}; absent when it is not running; an error when two kubelets run
 * outside pods. A kubelet or kube-proxy embedded in k3s or MicroK8s kubelite is the embedding
 * process's pid, its source saying so.
 */
public final class ProcessReader implements FactReader {

    /** {@code process.<component>}, one per {@link ProcessTable#COMPONENTS}. */
    public static final KeySpace KEYS = KeySpace.of(KeyPattern.Family.of(KeyPattern.Segment.literal("process"),
            KeyPattern.Segment.oneOf(Set.copyOf(ProcessTable.COMPONENTS))));

    private final boolean kubeletExpected;

    /** A reader for a host that may or may not run a kubelet. */
    public ProcessReader() {
        this(false);
    }

    /**
     * @param kubeletExpected whether the host certainly runs a kubelet (we run in one of its pods):
     *                        then not seeing it means we look at the wrong process table, an error
     */
    public ProcessReader(boolean kubeletExpected) {
        this.kubeletExpected = kubeletExpected;
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        ProcessSnapshot snapshot = host.processes();
        Optional<String> unusable = snapshot.containerView().or(snapshot::listingFailure);
        if (unusable.isPresent()) {
            return ProcessTable.COMPONENTS.stream().map(name -> Fact.error(key(name), unusable.get())).toList();
        }
        ProcessTable table = snapshot.table();
        List<Fact> facts = new ArrayList<>();
        for (String name : ProcessTable.COMPONENTS) {
            facts.add(fact(name, table, host.root()));
        }
        return facts;
    }

    @Override
    public Optional<String> component(String key) {
        return Optional.of(key.substring("process.".length()));
    }

    private Fact fact(String name, ProcessTable table, HostRoot root) {
        List<RunningProcess> candidates = table.candidates(name);
        if (name.equals("kubelet") && candidates.size() > 1) {
            // a second "kubelet" outside any pod: we cannot tell which one serves the node, and auditing
            // the wrong one would report its flags as the node's
            String pids = candidates.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", "));
            return Fact.error(key(name), "ambiguous: " + candidates.size() + " kubelet processes outside pods (pids "
                    + pids + "); cannot tell which one is the node's kubelet");
        }
        Optional<RunningProcess> found = table.find(name);
        if (found.isPresent()) {
            return Fact.present(key(name), String.valueOf(found.get().pid()), found.get().cmdlineSource());
        }
        if (!table.vanished(name).isEmpty()) {
            // it ran when the scan began: "not running" would be a guess about a restart in progress
            return Fact.error(key(name), changedDuringScan(name, "pid " + table.vanished(name).get(0) + " exited"));
        }
        if (ProcessTable.EMBEDDED_COMPONENTS.contains(name) && !table.embeddedKubelets().isEmpty()) {
            return embedded(name, table.embeddedKubelets());
        }
        List<String> unreadable = table.unreadable();
        if (!unreadable.isEmpty()) {
            // the component may be one of those we could not read: "not running" would be a guess
            return Fact.error(key(name), name + " not found, but " + unreadable.size() + " processes could not be read ("
                    + unreadable.get(0) + (unreadable.size() > 1 ? ", ..." : "") + ")");
        }
        if (name.equals("kubelet") && kubeletExpected) {
            String inPods = table.inPods(name).isEmpty() ? "" : " (" + notRunning(name, table.inPods(name)) + ")";
            return Fact.error(key(name), "no kubelet process visible under " + root.display(root.proc(""))
                    + ": is hostPID set?" + inPods);
        }
        return Fact.absent(key(name), notRunning(name, table.inPods(name)));
    }

    /**
     * The kubelet or kube-proxy running inside k3s or MicroK8s kubelite: the embedding process's pid,
     * with a source that says so. Its settings are read by the kubelet and kube-proxy readers from the
     * distribution's own sources ({@code io.nodeward.host.embedded}). Two embeddings are ambiguous, as
     * two kubelets are.
     */
    private static Fact embedded(String name, List<ProcessTable.EmbeddedKubelet> embeddings) {
        if (embeddings.size() > 1) {
            String pids = embeddings.stream().map(e -> e.pid() + " (" + e.distribution() + ")")
                    .collect(Collectors.joining(", "));
            return Fact.error(key(name), "ambiguous: " + embeddings.size() + " processes embed a " + name
                    + " outside pods (pids " + pids + "); cannot tell which one is the node's");
        }
        ProcessTable.EmbeddedKubelet embedding = embeddings.get(0);
        return Fact.present(key(name), String.valueOf(embedding.pid()), "/proc/" + embedding.pid()
                + "/cmdline (" + name + " embedded in " + embedding.distribution() + ")");
    }

    private static String notRunning(String name, List<Integer> inPods) {
        if (inPods.isEmpty()) {
            return name + " is not running";
        }
        return name + " is not running on the host (processes called " + name + " in pods, ignored: pids "
                + inPods.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** The reason of every fact that rests on a component's process which changed while it was read. */
    public static String changedDuringScan(String component, String what) {
        return "the " + component + "'s process changed during the scan (" + what + "); the next scan will tell";
    }

    public static String key(String component) {
        return "process." + component;
    }
}
