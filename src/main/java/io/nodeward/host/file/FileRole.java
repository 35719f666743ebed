package io.nodeward.host.file;

import java.util.List;

/**
 * A file a benchmark checks, by role ({@code file.<role>.mode} and so on), and where its path comes
 * from. {@link #ALL} is the one table of roles; {@link FileFactsReader} only interprets it.
 *
 * @param role    the role name in the fact key, e.g. {@code kubelet-kubeconfig}
 * @param locator how to find the file's host path(s)
 */
public record FileRole(String role, Locator locator) {

    /** Where a role's path comes from. */
    public sealed interface Locator {
    }

    /**
     * The path is the value of an earlier reader's fact (a process argument or kubelet setting).
     * A running process names it, so when it is missing we are not seeing the file the process uses:
     * an ERROR (the host path is not mounted into the agent), unless that process runs in a pod,
     * whose files are in its own mount namespace (kubeadm's kube-proxy): then ABSENT.
     *
     * @param factKey     e.g. {@code kubelet.kubeconfig}
     * @param whenUnset   why the role has no file when that fact is absent
     * @param processFact the process whose argument or configuration names the file, e.g.
     *                    {@code process.kube-proxy}
     */
    public record FromFact(String factKey, String whenUnset, String processFact) implements Locator {
    }

    /**
     * A systemd unit and its drop-ins ({@code <unit>.d/*.conf}), searched in {@code directories}
     * from highest to lowest priority as systemd does.
     */
    public record SystemdUnit(String unit, List<String> directories) implements Locator {
        public SystemdUnit {
            directories = List.copyOf(directories);
        }
    }

    /** systemd's system unit search path, highest priority first (systemd.unit(5)). */
    public static final List<String> SYSTEMD_SYSTEM_DIRS = List.of(
            "/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system");

    public static final List<FileRole> ALL = List.of(
            new FileRole("kubelet-unit", new SystemdUnit("kubelet.service", SYSTEMD_SYSTEM_DIRS)),
            new FileRole("kubelet-config", new FromFact("kubelet.config", "kubelet has no --config", "process.kubelet")),
            new FileRole("kubelet-kubeconfig",
                    new FromFact("kubelet.kubeconfig", "kubelet has no --kubeconfig", "process.kubelet")),
            new FileRole("kubelet-client-ca", new FromFact("kubelet.authentication.x509.clientCAFile",
                    "kubelet has no client CA file (--client-ca-file or authentication.x509.clientCAFile)",
                    "process.kubelet")),
            new FileRole("kube-proxy-kubeconfig",
                    new FromFact("kube-proxy.kubeconfig", "kube-proxy has no --kubeconfig", "process.kube-proxy")),
            // sshd.configfile is sshd's -f or its default; absent only when no sshd runs and the default is missing
            new FileRole("sshd-config", new FromFact("sshd.configfile", "no sshd config file", "process.sshd")));
}
