package io.nodeward.host.file;

import java.util.List;

/**
 * A file (or directory, or bounded set of files) a benchmark checks, by role
 * ({@code file.<role>.mode} and so on), and where its path comes from. {@link #ALL} is the one table
 * of roles; {@link FileFactsReader} only interprets it.
 *
 * @param role    the role name in the fact key, e.g. {@code kubelet-kubeconfig}
 * @param locator how to find the host path(s)
 * @param kind    what must be found there: a file, a directory, or either (a walk's entries)
 */
public record FileRole(String role, Locator locator, Kind kind) {

    /** A role whose paths must be regular files (the common case). */
    public FileRole(String role, Locator locator) {
        this(role, locator, Kind.FILE);
    }

    /** What a role's path must be; the other type is an ERROR (a directory where a kubeconfig belongs). */
    public enum Kind { FILE, DIRECTORY, ANY }

    /** Where a role's path comes from. */
    public sealed interface Locator {
    }

    /**
     * The path is the value of an earlier reader's fact (a process argument or kubelet setting).
     * A running process names it, so when it is missing we are not seeing the file the process uses:
     * an ERROR (the host path is not mounted into the agent).
     *
     * @param factKey       e.g. {@code kubelet.kubeconfig}
     * @param whenUnset     why the role has no file when that fact is absent
     * @param processFact   the process whose argument or configuration names the file, e.g.
     *                      {@code process.kube-proxy}
     * @param processMounts whether the fact's value is the path as the process opens it, in its own
     *                      mount namespace (kube-proxy in kubeadm's DaemonSet): then it is looked up
     *                      through the process's mounts ({@link io.nodeward.host.proc.ProcessPaths})
     */
    public record FromFact(String factKey, String whenUnset, String processFact, boolean processMounts)
            implements Locator {

        /** A path the host sees as the process does. */
        public FromFact(String factKey, String whenUnset, String processFact) {
            this(factKey, whenUnset, processFact, false);
        }
    }

    /**
     * A configuration file and the drop-ins of a drop-in directory, both named by earlier facts: the
     * kubelet's {@code --config} and every {@code *.conf} under its {@code --config-dir}, walked as the
     * kubelet walks it ({@link io.nodeward.host.kubelet.DropInWalk}). Either may be unset; with neither,
     * the role is absent. A missing config file is an ERROR as for {@link FromFact}; a drop-in gone
     * since the walk configures nothing any more.
     *
     * @param dropInDirFact a directory fact whose value ends in '/' when the flag's did (the kubelet
     *                      then follows a link at the directory itself)
     */
    public record ConfigWithDropIns(String configFact, String dropInDirFact, String whenUnset, String processFact)
            implements Locator {
    }

    /**
     * A systemd unit of the system manager: its unit file and every drop-in in effect, found where
     * and as systemd finds them ({@link io.nodeward.host.systemd.UnitFiles}); absent when there is no
     * such unit or it is masked.
     */
    public record SystemdUnit(String unit) implements Locator {
    }

    /**
     * Fixed host paths (kubeadm's {@code /etc/kubernetes/admin.conf}): nothing names them, so a missing
     * one is ABSENT; with several, those that exist are checked and the role is absent only when none does.
     */
    public record Fixed(List<String> hostPaths) implements Locator {
        public Fixed {
            hostPaths = List.copyOf(hostPaths);
        }
    }

    /**
     * {@code fileName} in the directory an earlier fact names, e.g. {@code kube-apiserver.yaml} in the
     * kubelet's {@code staticPodPath}. Missing is ABSENT: the component may run some other way (a
     * systemd service, k3s's embedded control plane), and nothing says this file must exist.
     */
    public record InFactDirectory(String directoryFact, String fileName, String whenUnset) implements Locator {
    }

    /**
     * Every entry under {@code hostDirectory}, walked recursively as {@code find} does for CIS 1.1.19-21:
     * with {@code suffix} empty, the directory itself and every file and directory under it; otherwise
     * only the non-directories whose name ends with it ({@code .key}). Bounded (see
     * {@link FileFactsReader#MAX_WALK_DEPTH}, {@link FileFactsReader#MAX_WALK_ENTRIES}): past a bound the
     * role is an ERROR, never a verdict on part of the tree. Symbolic links are not descended into
     * (a loop, or a way out of the tree); a linked entry is stat'ed where it leads inside the host root.
     */
    public record Walk(String hostDirectory, String suffix) implements Locator {
    }

    /** kubeadm's {@code KubernetesDir} ({@code cmd/kubeadm/app/constants/constants.go}). */
    public static final String KUBERNETES_DIR = "/etc/kubernetes";

    /** kubeadm's default certificatesDir, which CIS 1.1.19-1.1.21 name outright. */
    public static final String PKI_DIR = KUBERNETES_DIR + "/pki";

    public static final List<FileRole> ALL = List.of(
            new FileRole("kubelet-unit", new SystemdUnit("kubelet.service")),
            // CIS 4.1.9/4.1.10: every file the kubelet's configuration comes from, --config and its drop-ins
            new FileRole("kubelet-config", new ConfigWithDropIns("kubelet.config", "kubelet.configDir",
                    "kubelet has neither --config nor --config-dir", "process.kubelet")),
            new FileRole("kubelet-kubeconfig",
                    new FromFact("kubelet.kubeconfig", "kubelet has no --kubeconfig", "process.kubelet")),
            new FileRole("kubelet-client-ca", new FromFact("kubelet.authentication.x509.clientCAFile",
                    "kubelet has no client CA file (--client-ca-file or authentication.x509.clientCAFile)",
                    "process.kubelet")),
            // kube-proxy.kubeconfig is the path kube-proxy opens: in kubeadm's DaemonSet, a path of its pod
            new FileRole("kube-proxy-kubeconfig", new FromFact("kube-proxy.kubeconfig", "kube-proxy reads no kubeconfig",
                    "process.kube-proxy", true)),
            // sshd.configfile is sshd's -f or its default; absent only when no sshd runs and the default is missing
            new FileRole("sshd-config", new FromFact("sshd.configfile", "no sshd config file", "process.sshd")),
            // CIS 1.1.1-1.1.8: static pod manifests in the kubelet's staticPodPath (kubeadm: /etc/kubernetes/manifests)
            manifest("kube-apiserver"), manifest("kube-controller-manager"), manifest("kube-scheduler"), manifest("etcd"),
            // CIS 1.1.9/1.1.10: CNI configuration in containerd's and CRI-O's default conf dir
            new FileRole("cni-config", new Walk("/etc/cni/net.d", ""), Kind.ANY),
            // CIS 1.1.11/1.1.12: etcd's --data-dir (kubeadm: /var/lib/etcd, a hostPath volume at the same path)
            new FileRole("etcd-data-dir", new FromFact("etcd.dataDir", "etcd has no --data-dir", "process.etcd"),
                    Kind.DIRECTORY),
            // CIS 1.1.13-1.1.18: kubeadm's kubeconfigs (constants.go: AdminKubeConfigFileName, SuperAdmin... v1.29+)
            new FileRole("admin-kubeconfig", new Fixed(List.of(KUBERNETES_DIR + "/admin.conf",
                    KUBERNETES_DIR + "/super-admin.conf"))),
            new FileRole("scheduler-kubeconfig", new Fixed(List.of(KUBERNETES_DIR + "/scheduler.conf"))),
            new FileRole("controller-manager-kubeconfig",
                    new Fixed(List.of(KUBERNETES_DIR + "/controller-manager.conf"))),
            // CIS 1.1.19-1.1.21: the PKI directory, hard-coded by CIS and kube-bench as kubeadm's certificatesDir
            new FileRole("pki", new Walk(PKI_DIR, ""), Kind.ANY),
            new FileRole("pki-certs", new Walk(PKI_DIR, ".crt")),
            new FileRole("pki-keys", new Walk(PKI_DIR, ".key")));

    private static FileRole manifest(String component) {
        return new FileRole(component + "-manifest", new InFactDirectory("kubelet.staticPodPath", component + ".yaml",
                "the kubelet has no staticPodPath (or does not run), so there are no static pod manifests"));
    }
}
