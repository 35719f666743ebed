package io.nodeward.host.controlplane;

import io.nodeward.host.proc.ProcCmdline;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;
import io.nodeward.host.proc.ProcessTable;
import io.nodeward.host.proc.RunningProcess;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where one control-plane component is on this node, decided from the scan's processes and the static
 * pod manifests. Any pod can run a program called {@code kube-apiserver} with whatever flags it likes
 * (the agent runs with hostPID and sees them all), so a process counts only when its command line is
 * one a manifest in the kubelet's {@code staticPodPath} makes: the kubelet runs a static pod's
 * container with {@code command} + {@code args} as its argv. The other genuine form is k3s, which runs
 * the control plane inside {@code k3s server} (pkg/daemons/executor/embed.go).
 */
sealed interface Placement {

    /** A process that matches its manifest runs. */
    record Running(ProcessSnapshot.Entry entry, RunningProcess process, StaticPodManifest manifest) implements Placement {
    }

    /** The manifest is there, no process matches it: audited from the manifest. */
    record Down(StaticPodManifest manifest) implements Placement {
    }

    /** It runs inside {@code k3s server} (pkg/daemons/executor/embed.go), whose pid is {@code k3sPid}. */
    record Embedded(int k3sPid) implements Placement {
    }

    /** The distribution that would run it is configured not to (k3s with kine, --disable-*): not on this node. */
    record Disabled(String reason) implements Placement {
    }

    /** Whether or how it runs cannot be known; the reason says why. */
    record Unknown(String reason) implements Placement {
    }

    /**
     * Not on this node.
     *
     * @param ignored processes of that name that match no manifest, named for the reason, or empty
     */
    record Absent(String ignored) implements Placement {
    }

    /** Whether the component is part of this node's control plane, in whatever state. */
    default boolean onNode() {
        return this instanceof Running || this instanceof Down || this instanceof Embedded;
    }

    /**
     * Places {@code component}.
     *
     * @param k3sServer the {@code k3s server} process's pid, if one runs
     */
    static Placement of(ControlPlaneComponent component, ProcessSnapshot snapshot, ProcessTable table,
                        StaticPods pods, Optional<Integer> k3sServer) {
        String id = component.id;
        if (pods.broken().containsKey(id)) {
            return new Unknown(pods.broken().get(id));
        }
        List<StaticPodManifest> manifests = pods.of(id);
        List<RunningProcess> candidates = table.candidates(id);
        for (RunningProcess candidate : candidates) {
            Optional<ProcessSnapshot.Entry> entry = snapshot.entry(candidate.pid());
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.get().cut() && !manifests.isEmpty()) {
                // its flags past the cut are unknown, so it can neither match a manifest nor be ruled out
                return new Unknown("/proc/" + candidate.pid() + "/cmdline: " + ProcCmdline.CUT);
            }
            for (StaticPodManifest manifest : manifests) {
                if (matches(component, candidate, manifest)) {
                    return new Running(entry.get(), candidate, manifest);
                }
            }
        }
        if (k3sServer.isPresent()) {
            return new Embedded(k3sServer.get());
        }
        String ignored = ignored(candidates);
        if (!manifests.isEmpty()) {
            if (!table.vanished(id).isEmpty()) {
                return new Unknown(ProcessReader.changedDuringScan(id, "pid " + table.vanished(id).get(0) + " exited"));
            }
            if (!table.unreadable().isEmpty()) {
                return new Unknown(id + " has a static pod manifest and no process matches it, but "
                        + table.unreadable().size() + " processes could not be read (" + table.unreadable().get(0) + ")");
            }
            if (manifests.size() > 1) {
                return new Unknown("ambiguous: " + manifests.size() + " static pod manifests run " + id + " ("
                        + manifests.stream().map(StaticPodManifest::path).collect(Collectors.joining(", "))
                        + ") and no process matches either");
            }
            return new Down(manifests.get(0));
        }
        for (RunningProcess candidate : candidates) {
            Optional<ProcessSnapshot.Entry> entry = snapshot.entry(candidate.pid());
            if (entry.isPresent() && entry.get().cgroup().isPresent() && entry.get().podPath().isEmpty()) {
                return new Unknown(id + " runs as a host process (pid " + candidate.pid() + ", in no pod) that no"
                        + " static pod manifest describes; nodeward audits static-pod and k3s control planes only");
            }
        }
        return new Absent(ignored);
    }

    /**
     * The command line a manifest makes: the same argv, or at least the same program and the same flags
     * (a runtime may show the resolved binary path as argv[0]).
     */
    private static boolean matches(ControlPlaneComponent component, RunningProcess process, StaticPodManifest manifest) {
        if (process.argv().equals(manifest.argv())) {
            return true;
        }
        RunningProcess expected = manifest.asProcess();
        return process.name().equals(expected.name())
                && CommandLineFlags.parse(process.args(), component.booleanFlags)
                .equals(CommandLineFlags.parse(expected.args(), component.booleanFlags));
    }

    private static String ignored(List<RunningProcess> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        List<String> pids = new ArrayList<>();
        candidates.forEach(p -> pids.add(String.valueOf(p.pid())));
        return " (processes called " + candidates.get(0).name() + " that match no static pod manifest, ignored: pids "
                + String.join(", ", pids) + ")";
    }
}
