package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code /proc/<pid>/cmdline} (and, for host daemons, {@code /proc/<pid>/cgroup}) of every
 * process into {@code process.<name>} facts: the pid of each running component, with source
 * {@code /proc/<pid>/cmdline}; absent when it is not running; an error when two kubelets run
 * outside pods, or when the kubelet runs embedded in k3s or MicroK8s (no {@code kubelet} process,
 * and its settings are not where we read them).
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
    public List<Fact> read(HostRoot root, HostFacts known) {
        Optional<String> wrongView = ProcView.check(root);
        if (wrongView.isPresent()) {
            return ProcessTable.COMPONENTS.stream().map(name -> Fact.error(key(name), wrongView.get())).toList();
        }
        ProcessTable table;
        try {
            table = ProcessTable.scan(root);
        } catch (IOException e) {
            String reason = "cannot list " + root.display(root.proc("")) + ": " + IoErrors.describe(e);
            return ProcessTable.COMPONENTS.stream().map(name -> Fact.error(key(name), reason)).toList();
        }
        List<Fact> facts = new ArrayList<>();
        for (String name : ProcessTable.COMPONENTS) {
            facts.add(fact(name, table, root));
        }
        return facts;
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
        if (name.equals("kubelet") && !table.embeddedKubelets().isEmpty()) {
            // an ERROR, not ABSENT: absent would skip every kubelet check on a node that has a kubelet
            ProcessTable.EmbeddedKubelet embedded = table.embeddedKubelets().get(0);
            return Fact.error(key(name), "the kubelet runs embedded in " + embedded.distribution() + " (pid "
                    + embedded.pid() + "); nodeward does not audit embedded kubelets yet");
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

    private static String notRunning(String name, List<Integer> inPods) {
        if (inPods.isEmpty()) {
            return name + " is not running";
        }
        return name + " is not running on the host (processes called " + name + " in pods, ignored: pids "
                + inPods.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    public static String key(String component) {
        return "process." + component;
    }
}
