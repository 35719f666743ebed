package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A component's process as a reader needs it: the {@code process.<name>} fact names a pid, and the
 * reader reads that pid's command line again to get its flags. In between the process may have
 * exited or its pid been reused, and the command line may be too long to read whole; this is the one
 * place that says which of those happened, so every reader treats them alike.
 */
public sealed interface Component {

    /** The process is running and this is its command line, read whole. */
    record Running(RunningProcess process) implements Component {
    }

    /** No such process runs (any more): the fact is absent, the pid exited or now belongs to another program. */
    record Stopped() implements Component {
    }

    /** Whether and how it runs cannot be known: the fact is an error, or the command line cannot be read whole. */
    record Unknown(String reason) implements Component {
    }

    /** Looks up component {@code name} (e.g. {@code kubelet}) from its {@code process.<name>} fact. */
    public static Component of(HostRoot root, Fact process, String name) {
        if (process.state() == Fact.State.ERROR) {
            return new Unknown(process.reason());
        }
        if (!process.isPresent()) {
            return new Stopped();
        }
        int pid = Integer.parseInt(process.value());
        ProcCmdline.Cmdline cmdline;
        try {
            cmdline = ProcCmdline.load(root, pid);
        } catch (NoSuchFileException exited) {
            return new Stopped();
        } catch (IOException e) {
            return new Unknown("cannot read /proc/" + pid + "/cmdline: " + IoErrors.describe(e));
        }
        if (cmdline.cut()) {
            // flags past the cut are unknown: defaults in their place could pass a check they fail
            return new Unknown("/proc/" + pid + "/cmdline: " + ProcCmdline.CUT);
        }
        return ProcessTable.identify(pid, cmdline.argv())
                .filter(p -> p.name().equals(name))
                .<Component>map(Running::new)
                .orElseGet(Stopped::new); // the pid was reused by another program
    }
}
