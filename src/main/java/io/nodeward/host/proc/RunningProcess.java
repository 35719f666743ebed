package io.nodeward.host.proc;

import java.util.List;

/**
 * A process recognised as one of the node's components.
 *
 * @param pid  its process ID
 * @param name the component, e.g. {@code kubelet} (also for {@code hyperkube kubelet ...})
 * @param argv the whole command line as read from {@code /proc/<pid>/cmdline}
 * @param args the arguments after the component's name: what its flag parser sees
 */
public record RunningProcess(int pid, String name, List<String> argv, List<String> args) {

    public RunningProcess {
        argv = List.copyOf(argv);
        args = List.copyOf(args);
    }

    /** The source string of facts that come from this command line, e.g. {@code /proc/1234/cmdline}. */
    public String cmdlineSource() {
        return "/proc/" + pid + "/cmdline";
    }
}
