package io.nodeward.host.proc;

import io.nodeward.host.Fact;

import java.util.Optional;

/**
 * A component's process as a reader needs it: the {@code process.<name>} fact names a pid, and the
 * reader takes that pid's command line and details from the scan's {@link ProcessSnapshot}, never
 * from {@code /proc} again. The command line may be too long to have been read whole; this is the
 * one place that says so, so every reader treats it alike.
 */
public sealed interface Component {

    /** The process is running; this is its command line, read whole, and its snapshot entry. */
    record Running(RunningProcess process, ProcessSnapshot.Entry entry) implements Component {
    }

    /**
     * The component runs inside another program's process (k3s, MicroK8s kubelite): its arguments are
     * not on that command line but in the distribution's own sources ({@code io.nodeward.host.embedded}).
     *
     * @param entry        the embedding process
     * @param distribution what embeds it, e.g. {@code k3s agent}
     */
    record Embedded(ProcessSnapshot.Entry entry, String distribution) implements Component {
    }

    /** No such process runs: the fact is absent. */
    record Stopped() implements Component {
    }

    /** Whether and how it runs cannot be known: the fact is an error, or the command line was not read whole. */
    record Unknown(String reason) implements Component {
    }

    /** Looks up component {@code name} (e.g. {@code kubelet}) from its {@code process.<name>} fact. */
    static Component of(ProcessSnapshot snapshot, Fact process, String name) {
        if (process.state() == Fact.State.ERROR) {
            return new Unknown(process.reason());
        }
        if (!process.isPresent()) {
            return new Stopped();
        }
        int pid;
        try {
            pid = Integer.parseInt(process.value());
        } catch (NumberFormatException e) {
            return new Unknown(process.key() + " is not a pid: " + process.value());
        }
        Optional<ProcessSnapshot.Entry> entry = snapshot.entry(pid);
        if (entry.isEmpty()) {
            // the snapshot lists every pid it could see: this one was gone (or never there) when it was taken
            return new Unknown("/proc/" + pid + "/cmdline does not exist");
        }
        if (entry.get().cut()) {
            // flags past the cut are unknown: defaults in their place could pass a check they fail
            return new Unknown("/proc/" + pid + "/cmdline: " + ProcCmdline.CUT);
        }
        Optional<String> embedding = ProcessTable.EMBEDDED_COMPONENTS.contains(name)
                ? ProcessTable.embeddedKubelet(entry.get().argv()) : Optional.empty();
        if (embedding.isPresent()) {
            return new Embedded(entry.get(), embedding.get());
        }
        return ProcessTable.identify(pid, entry.get().argv())
                .filter(p -> p.name().equals(name))
                .<Component>map(p -> new Running(p, entry.get()))
                .orElseGet(() -> new Unknown("pid " + pid + " in the snapshot is not " + name));
    }
}
