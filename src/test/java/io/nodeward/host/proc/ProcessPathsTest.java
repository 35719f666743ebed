package io.nodeward.host.proc;

import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A containerised process's paths found on the host through the two mount tables: the volumes the
 * kubelet sets up (a ConfigMap on the node's disk, a projected token on its own tmpfs, a hostPath
 * under a host tmpfs), a separate /var/lib/kubelet file system, and the container's own overlay root.
 */
class ProcessPathsTest {

    static final String UID = "3e9a7c52-8f0b-4d61-a2c4-6b1d9e0f7a35";
    static final String HOST = """
            22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw
            27 22 0:25 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,mode=755
            412 22 0:51 / /var/lib/kubelet/pods/%1$s/volumes/kubernetes.io~projected/kube-api-access-7xk2p rw,relatime shared:211 - tmpfs tmpfs rw
            452 27 0:55 / /run/containerd/io.containerd.runtime.v2.task/k8s.io/9b2f/rootfs rw,relatime shared:232 - overlay overlay rw
            """.formatted(UID);
    static final String POD = """
            1320 1280 0:55 / / rw,relatime master:232 - overlay overlay rw
            1328 1320 259:1 /var/lib/kubelet/pods/%1$s/volumes/kubernetes.io~configmap/kube-proxy /var/lib/kube-proxy ro,relatime - ext4 /dev/root rw
            1334 1320 0:25 /xtables.lock /run/xtables.lock rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw,mode=755
            1335 1320 0:51 / /var/run/secrets/kubernetes.io/serviceaccount ro,relatime - tmpfs tmpfs rw
            """.formatted(UID);

    @TempDir
    Path node;

    @Test
    void aConfigMapFileIsInTheKubeletsPodDirectory() throws IOException {
        assertEquals("/var/lib/kubelet/pods/" + UID + "/volumes/kubernetes.io~configmap/kube-proxy/config.conf",
                onHost(HOST, POD, "/var/lib/kube-proxy/config.conf"));
    }

    @Test
    void aTmpfsVolumeIsWhereTheHostMountsTheSameFileSystem() throws IOException {
        assertEquals("/var/lib/kubelet/pods/" + UID + "/volumes/kubernetes.io~projected/kube-api-access-7xk2p/token",
                onHost(HOST, POD, "/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }

    @Test
    void aBindMountOfOneFileMapsToThatFile() throws IOException {
        assertEquals("/run/xtables.lock", onHost(HOST, POD, "/run/xtables.lock"));
    }

    @Test
    void aSeparateKubeletFileSystemIsFoundWhereTheHostMountsIt() throws IOException {
        String host = "22 1 259:1 / / rw - ext4 /dev/root rw\n30 22 259:2 / /var/lib/kubelet rw - xfs /dev/sdb rw\n";
        String pod = "1320 1280 0:55 / / rw - overlay overlay rw\n"
                + "1328 1320 259:2 /pods/" + UID + "/volumes/kubernetes.io~configmap/kube-proxy /var/lib/kube-proxy ro - xfs /dev/sdb rw\n";

        assertEquals("/var/lib/kubelet/pods/" + UID + "/volumes/kubernetes.io~configmap/kube-proxy/kubeconfig.conf",
                onHost(host, pod, "/var/lib/kube-proxy/kubeconfig.conf"));
    }

    @Test
    void aFileOfTheContainersOwnRootIsNoFileOfTheNode() throws IOException {
        assertEquals(new ProcessPaths.InContainer("/etc/kube-proxy/kubeconfig is in kube-proxy's container file"
                        + " system (its image, an overlay mounted at /), not a file of the node"),
                where(HOST, POD, "/etc/kube-proxy/kubeconfig"));
    }

    @Test
    void aProcessSharingTheHostsMountNamespaceSeesTheHostsPaths() throws IOException {
        assertEquals(new ProcessPaths.OnHost("/etc/kube-proxy/kubeconfig", Optional.empty()),
                where(HOST, HOST, "/etc/kube-proxy/kubeconfig"));
    }

    @Test
    void aFileSystemTheHostDoesNotMountIsUnknown() throws IOException {
        String pod = "1320 1280 0:55 / / rw - overlay overlay rw\n1340 1320 0:77 / /data rw - nfs4 srv:/export rw\n";

        assertEquals(new ProcessPaths.Unknown("kube-proxy's /data/kubeconfig is on nfs4 0:77 (at /), which the"
                + " host's /proc/1/mountinfo does not mount"), where(HOST, pod, "/data/kubeconfig"));
    }

    private String onHost(String host, String pod, String path) throws IOException {
        return ((ProcessPaths.OnHost) where(host, pod, path)).hostPath();
    }

    private ProcessPaths.Where where(String host, String pod, String path) throws IOException {
        ProcFixtures.cmdline(node, 1, "/sbin/init");
        ProcFixtures.cmdline(node, 2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf");
        ProcFixtures.cgroup(node, 2301, "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + UID.replace('-', '_') + ".slice/cri-containerd-9b2f4e6a1c3d5e7f.scope");
        Files.writeString(node.resolve("proc/1/mountinfo"), host);
        Files.writeString(node.resolve("proc/2301/mountinfo"), pod);
        HostScan scan = HostScan.of(HostRoot.of(node));
        return ProcessPaths.of(scan.root(), scan.processes().entry(2301).orElseThrow(), "kube-proxy", path);
    }
}
