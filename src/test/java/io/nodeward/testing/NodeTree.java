package io.nodeward.testing;

import io.nodeward.host.Fifos;
import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.ProcFixtures;
import io.nodeward.scan.ScanReport;
import io.nodeward.scan.Scanner;
import io.nodeward.scan.ScannerSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A node's filesystem built in a test directory: committed fixture trees from
 * {@code src/test/resources/hostroot/} copied in layers (later layers overwrite earlier files), then
 * what git cannot keep — modes, owners, symlinks, NUL-separated cmdlines — applied in code.
 * Every copied file starts as a fresh install would have it, {@code 0644} (directories {@code 0755}),
 * owned by whoever runs the tests (root in CI), whatever the checkout's umask was.
 */
public final class NodeTree {

    public static final Path FIXTURES = Path.of("src/test/resources/hostroot");

    /** The fixture tree of {@link #namespaceWorker}. */
    public static final String FIXTURE = "src/test/resources/hostroot/namespace-worker";

    /** The Kubernetes version every scenario claims, so they all run cis-1.12 plus nodeward-1.0. */
    public static final String KUBERNETES_VERSION = "v1.33.2";

    private final Path root;

    /** /proc/1/net/tcp: sshd on 0.0.0.0:22, healthz on 127.0.0.1:10248, the read-only port on 0.0.0.0:10255. */
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1 0000000000000000 100 0 0 10 0
               1: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1 0000000000000000 100 0 0 10 0
               2: 00000000:280F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31549 1 0000000000000000 100 0 0 10 0
            """;

    static final String TCP6_EMPTY = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
            """;

    /**
     * The worker node tests of the CLI and serve mode run the real scanner on: the
     * {@code namespace-worker} fixture under {@code dir} with {@code hostname} in its /etc/hostname,
     * plus the {@code /proc} a fixture cannot commit: a kubeadm kubelet (pid 1234) that also opens
     * the read-only port with {@code --read-only-port=10255}, and a socket table where 10255 and
     * sshd's 22 listen on the wildcard address. Returns the node's root.
     */
    public static Path namespaceWorker(Path dir, String hostname) {
        return of(dir, "namespace-worker")
                .write("/etc/hostname", hostname + "\n")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.conf",
                        "--config=/var/lib/kubelet/config.yaml", "--read-only-port=10255")
                .write("/proc/1/net/tcp", TCP)
                .write("/proc/1/net/tcp6", TCP6_EMPTY)
                .root();
    }

    /**
     * A kubeadm control-plane node: the worker layers (kubelet 1234 with staticPodPath
     * /etc/kubernetes/manifests, kube-proxy 2301, sshd 812) plus the {@code kubeadm-control-plane} tree,
     * whose four manifests carry the flags kubeadm writes (cmd/kubeadm/app/phases/controlplane/manifests.go
     * getAPIServerCommand / getControllerManagerCommand / getSchedulerCommand, and
     * cmd/kubeadm/app/phases/etcd/local.go getEtcdCommand, for a single control plane at 10.0.0.10 with
     * local etcd) and whose sockets are what those flags open. Each component runs as its static pod:
     * argv = the manifest's command, in a burstable pod cgroup whose UID is 32 hex digits (a static pod's
     * config hash). {@code without} names components left down (manifest, no process).
     */
    public static NodeTree kubeadmControlPlane(Path dir, String... without) {
        NodeTree tree = of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "kubeadm-control-plane")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------");
        String[][] pods = {{"4100", "kube-apiserver", "5d0c2b6f0e8a4a1b9c3d7e2f4a6b8c0d"},
                {"4200", "kube-controller-manager", "7a1e3c5b9d2f4e6a8b0c1d3e5f7a9b2c"},
                {"4300", "kube-scheduler", "9c4f6a8b0d2e4f6a8c0e2a4b6d8f0a1b"},
                {"4400", "etcd", "2b8d0f2a4c6e8a0c2e4a6c8e0a2c4e6f"}};
        for (String[] pod : pods) {
            // kubeadm writes its static pod manifests 0600 (cmd/kubeadm/app/util/staticpod WriteStaticPodToDisk)
            tree.mode("/etc/kubernetes/manifests/" + pod[1] + ".yaml", "rw-------");
            if (!java.util.List.of(without).contains(pod[1])) {
                tree.staticPod(Integer.parseInt(pod[0]), pod[2], "/etc/kubernetes/manifests/" + pod[1] + ".yaml");
            }
        }
        return tree;
    }

    /** RKE2's server data directory ({@code pkg/cli/cmds}: {@code --data-dir}, default for root). */
    public static final String RKE2_DATA_DIR = "/var/lib/rancher/rke2";
    /** Where RKE2 writes its static pod manifests ({@code pkg/rke2/rke2_linux.go} agentManifestsDir). */
    public static final String RKE2_MANIFESTS = RKE2_DATA_DIR + "/agent/pod-manifests";
    /** The etcd configuration RKE2 writes: k3s's {@code ETCDConfig.ToConfigFile}, {@code <db dir>/config}, 0600. */
    public static final String RKE2_ETCD_CONFIG = RKE2_DATA_DIR + "/server/db/etcd/config";

    /**
     * An RKE2 server's etcd as RKE2 runs it: the kubelet (pid 5000, RKE2's bundled binary, with
     * {@code --pod-manifest-path} at RKE2's pod-manifests directory) runs the static pod
     * {@code etcd.yaml} that {@code StaticPodConfig.ETCD} (pkg/executor/staticpod/staticpod.go) writes:
     * command {@code etcd}, args {@code --config-file=<db dir>/config}, the data directory as a
     * DirectoryOrCreate hostPath {@code dir0} and each certificate, key and the config file itself as a
     * File hostPath at the same path ({@code podtemplate.addVolumes}: {@code file0}...), 0600 in CIS
     * profile mode ({@code writeTemplate}). {@code etcdConfig} is the config file's content (k3s's
     * {@code ETCDConfig} marshalled with sigs.k8s.io/yaml), written 0600 by {@code ToConfigFile}.
     */
    public static NodeTree rke2ServerEtcd(Path dir, String etcdConfig) {
        String tls = RKE2_DATA_DIR + "/server/tls/etcd/";
        java.util.List<String> files = java.util.List.of(tls + "server-client.crt", tls + "server-client.key",
                tls + "server-ca.crt", tls + "peer-server-client.crt", tls + "peer-server-client.key",
                tls + "peer-ca.crt", RKE2_ETCD_CONFIG);
        StringBuilder mounts = new StringBuilder("    - mountPath: " + RKE2_DATA_DIR + "/server/db/etcd\n      name: dir0\n");
        StringBuilder volumes = new StringBuilder("  - hostPath:\n      path: " + RKE2_DATA_DIR
                + "/server/db/etcd\n      type: DirectoryOrCreate\n    name: dir0\n");
        for (int i = 0; i < files.size(); i++) {
            mounts.append("    - mountPath: ").append(files.get(i)).append("\n      name: file").append(i)
                    .append("\n      readOnly: true\n");
            volumes.append("  - hostPath:\n      path: ").append(files.get(i)).append("\n      type: File\n    name: file")
                    .append(i).append("\n");
        }
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  annotations:
                    etcd.k3s.io/initial: '{"initial-cluster-state":"new"}'
                  labels:
                    component: etcd
                    tier: control-plane
                  name: etcd
                  namespace: kube-system
                spec:
                  containers:
                  - args:
                    - --config-file=%s
                    command:
                    - etcd
                    env:
                    - name: FILE_HASH
                      value: 1a7c5b0e
                    image: index.docker.io/rancher/hardened-etcd:v3.6.14-k3s1-build20260819
                    name: etcd
                    volumeMounts:
                %s  hostNetwork: true
                  priorityClassName: system-cluster-critical
                  volumes:
                %s""".formatted(RKE2_ETCD_CONFIG, mounts, volumes);
        NodeTree tree = of(dir, "linux-base")
                .process(1, "/sbin/init")
                .process(5000, RKE2_DATA_DIR + "/data/v1.33.2-rke2r1-6f2a6c3c/bin/kubelet",
                        "--pod-manifest-path=" + RKE2_MANIFESTS,
                        "--kubeconfig=" + RKE2_DATA_DIR + "/agent/kubelet.kubeconfig")
                .write(RKE2_MANIFESTS + "/etcd.yaml", manifest)
                .mode(RKE2_MANIFESTS + "/etcd.yaml", "rw-------")
                .write(RKE2_ETCD_CONFIG, etcdConfig)
                .mode(RKE2_ETCD_CONFIG, "rw-------")
                .mode(RKE2_DATA_DIR + "/server/db/etcd", "rwx------");
        for (String file : files.subList(0, 6)) {
            tree.write(file, "").mode(file, "rw-------");
        }
        return tree.staticPod(5100, "3c1f5e7a9b2d4c6e8f0a1b3c5d7e9f1a", RKE2_MANIFESTS + "/etcd.yaml");
    }

    /** k3s's server data directory: {@code <data-dir>/server} (pkg/daemons/control/server.go prepare). */
    public static final String K3S_SERVER = "/var/lib/rancher/k3s/server";

    /**
     * The server half of a k3s data directory as {@code k3s server} leaves it: {@code server/}, {@code tls/},
     * {@code cred/} and {@code etc/} made 0700 ({@code prepare} in pkg/daemons/control/server.go), and, with
     * {@code etcdConfig} non-null, the embedded etcd's data directory ({@code ToConfigFile}: MkdirAll 0700)
     * holding its WAL and the config k3s wrote for it (0600).
     */
    public NodeTree k3sServerData(String etcdConfig) {
        for (String d : java.util.List.of("", "/tls", "/cred", "/etc")) {
            directory(K3S_SERVER + d).mode(K3S_SERVER + d, "rwx------");
        }
        if (etcdConfig != null) {
            directory(K3S_SERVER + "/db/etcd/member/wal").mode(K3S_SERVER + "/db/etcd", "rwx------")
                    .write(K3S_SERVER + "/db/etcd/config", etcdConfig).mode(K3S_SERVER + "/db/etcd/config", "rw-------");
        }
        return this;
    }

    /**
     * Runs the container of the manifest at {@code manifest} (a host path in this tree) as process
     * {@code pid}, as the kubelet would: its {@code command} + {@code args} as argv, in the cgroup of a
     * static pod with UID {@code podUid}.
     */
    @SuppressWarnings("unchecked")
    public NodeTree staticPod(int pid, String podUid, String manifest) {
        java.util.List<String> argv = new java.util.ArrayList<>();
        io(() -> {
            java.util.Map<String, Object> pod = new org.yaml.snakeyaml.Yaml().load(Files.readString(local(manifest)));
            java.util.Map<String, Object> container = ((java.util.List<java.util.Map<String, Object>>)
                    ((java.util.Map<String, Object>) pod.get("spec")).get("containers")).get(0);
            argv.addAll((java.util.List<String>) container.get("command"));
            argv.addAll((java.util.List<String>) container.getOrDefault("args", java.util.List.of()));
        });
        return podProcess(pid, podUid, argv.toArray(String[]::new));
    }

    /** Replaces {@code from} by {@code to} in the file at {@code hostPath}, which must contain it. */
    public NodeTree edit(String hostPath, String from, String to) {
        return io(() -> {
            String text = Files.readString(local(hostPath));
            if (!text.contains(from)) {
                throw new IOException(hostPath + " has no '" + from + "'");
            }
            Files.writeString(local(hostPath), text.replace(from, to));
        });
    }

    /** Adds {@code text} at the end of the file at {@code hostPath}, which must exist. */
    public NodeTree append(String hostPath, String text) {
        return io(() -> Files.writeString(local(hostPath), text, java.nio.file.StandardOpenOption.APPEND));
    }

    /** Process {@code pid} running {@code argv} in a burstable pod with UID {@code podUid} (systemd cgroup driver). */
    public NodeTree podProcess(int pid, String podUid, String... argv) {
        process(pid, argv);
        String container = Integer.toHexString(pid).repeat(8).substring(0, 16);
        return write("/proc/" + pid + "/cgroup", "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + podUid + ".slice/cri-containerd-" + container + ".scope\n");
    }

    private NodeTree(Path root) {
        this.root = root;
    }

    /** A tree in {@code dir} made of the fixture trees {@code layers}, in order. */
    public static NodeTree of(Path dir, String... layers) {
        NodeTree tree = new NodeTree(dir);
        for (String layer : layers) {
            tree.copy(FIXTURES.resolve(layer));
        }
        return tree;
    }

    public Path root() {
        return root;
    }

    /** Scans the tree with the real scanner and the built-in benchmarks, claiming {@link #KUBERNETES_VERSION}. */
    public ScanReport scan(String nodeName) {
        return scan(nodeName, Optional.of(KUBERNETES_VERSION));
    }

    /**
     * Scans the tree with the real scanner and the built-in benchmarks; {@code kubernetesVersion} is the
     * configured {@code nodeward.kubernetes.version}, or empty to let the running kubelet's version choose.
     */
    public ScanReport scan(String nodeName, Optional<String> kubernetesVersion) {
        ScannerSettings settings = new ScannerSettings(HostRoot.of(root), Optional.empty(), nodeName, kubernetesVersion);
        return Scanner.create(settings).scan();
    }

    /**
     * Writes a stand-in for a Kubernetes binary at {@code hostPath} whose built-in version is
     * {@code gitVersion}: what {@code hack/lib/version.sh} links in with {@code -X ...gitVersion=...}, a
     * NUL-terminated string in read-only data (once for component-base, once for client-go), amid other bytes.
     */
    public NodeTree binary(String hostPath, String gitVersion) {
        return write(hostPath, "\u007fELF\u0002\u0001\u0001" + "go:buildid".repeat(50) + "\u0000" + gitVersion + "\u0000"
                + "go1.24.4" + "\u0000" + gitVersion + "\u0000" + "x".repeat(1_000));
    }

    /** Writes {@code /proc/<pid>/cmdline}, NUL-separated as the kernel shows it. */
    public NodeTree process(int pid, String... argv) {
        return io(() -> ProcFixtures.cmdline(root, pid, argv));
    }

    /** Sets a host path's permission bits, e.g. {@code mode("/etc/kubernetes/kubelet.conf", "rw-------")}. */
    public NodeTree mode(String hostPath, String permissions) {
        return io(() -> Files.setPosixFilePermissions(local(hostPath), PosixFilePermissions.fromString(permissions)));
    }

    /** Sets a host path's numeric owner and group (the tests run as root, so chown works). */
    public NodeTree owner(String hostPath, int uid, int gid) {
        return io(() -> {
            Files.setAttribute(local(hostPath), "unix:uid", uid);
            Files.setAttribute(local(hostPath), "unix:gid", gid);
        });
    }

    public NodeTree write(String hostPath, String content) {
        return io(() -> {
            Path file = local(hostPath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        });
    }

    /** Makes {@code hostPath} a symbolic link to {@code target}, replacing what was there. */
    public NodeTree link(String hostPath, String target) {
        return io(() -> {
            Path link = local(hostPath);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        });
    }

    /** Makes {@code hostPath} an empty directory. */
    public NodeTree directory(String hostPath) {
        return io(() -> Files.createDirectories(local(hostPath)));
    }

    /**
     * Makes {@code hostPath} a FIFO (named pipe), replacing what was there: opening it for reading
     * blocks until a writer comes, so a reader that opens it hangs the scan.
     */
    public NodeTree fifo(String hostPath) {
        return io(() -> {
            Path fifo = local(hostPath);
            Files.deleteIfExists(fifo);
            try {
                Fifos.mkfifo(fifo);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted making " + fifo, e);
            }
        });
    }

    /** Writes {@code /proc/<pid>/stat} with the given name and parent, as {@link ProcFixtures#stat}. */
    public NodeTree stat(int pid, String comm, int parent) {
        return io(() -> ProcFixtures.stat(root, pid, comm, parent));
    }

    public NodeTree delete(String hostPath) {
        return io(() -> Files.delete(local(hostPath)));
    }

    private Path local(String hostPath) {
        return HostRoot.of(root).resolve(hostPath);
    }

    private void copy(Path from) {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("no fixture tree " + from);
        }
        io(() -> Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = root.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = root.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        }));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private NodeTree io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
