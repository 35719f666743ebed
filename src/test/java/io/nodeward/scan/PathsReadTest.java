package io.nodeward.scan;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report lists the host paths the readers read or looked for, which is what the agent watches:
 * the kubelet's config file and drop-in directories (the kubelet walks them recursively, without
 * following links), sshd's files and Include directories, the files the checks stat, and the host's
 * account files. Paths that are not there yet are listed too, so that their creation is seen.
 */
class PathsReadTest {

    @TempDir
    Path dir;

    @Test
    void theKubeletsConfigFileAndEveryDropInDirectoryItWalksAreListed() {
        Path root = kubeletWithDropIns()
                .write("/etc/kubernetes/kubelet.conf.d/sub/05.conf", "readOnlyPort: 0\n")
                .directory("/srv/elsewhere")
                .link("/etc/kubernetes/kubelet.conf.d/linked", "/srv/elsewhere")
                .root();

        ScanReport report = scan(root);

        assertTrue(report.pathsRead().contains("/var/lib/kubelet/config.yaml"), report.pathsRead().toString());
        assertTrue(report.pathsRead().contains("/etc/kubernetes/kubelet.conf.d"));
        assertTrue(report.pathsRead().contains("/etc/kubernetes/kubelet.conf.d/sub"));
        // the link is not followed: the kubelet's walk does not descend into it either
        assertFalse(report.pathsRead().contains("/etc/kubernetes/kubelet.conf.d/linked"));
    }

    @Test
    void aDropInDirectoryThatIsNotThereIsStillListedSoItsCreationIsSeen() {
        Path root = kubeletWithDropIns().root();

        assertTrue(scan(root).pathsRead().contains("/etc/kubernetes/kubelet.conf.d"));
    }

    @Test
    void sshdsFilesTheFilesChecksStatAndTheAccountFilesAreListed() {
        Path root = kubeletWithDropIns().root();

        ScanReport report = scan(root);

        for (String path : new String[] {"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d",
                "/etc/ssh/sshd_config.d/50-cloud-init.conf", "/etc/kubernetes/kubelet.conf",
                "/etc/systemd/system/kubelet.service", "/etc/passwd", "/etc/group"}) {
            assertTrue(report.pathsRead().contains(path), path + " in " + report.pathsRead());
        }
        assertTrue(report.pathsRead().stream().noneMatch(p -> p.startsWith("/proc")), report.pathsRead().toString());
    }

    private NodeTree kubeletWithDropIns() {
        return NodeTree.of(dir, "namespace-worker")
                .process(1, "/sbin/init")
                .process(1234, "/usr/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.conf",
                        "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d");
    }

    private static ScanReport scan(Path root) {
        return Scanner.create(new ScannerSettings(HostRoot.of(root), Optional.empty(), "worker-1",
                Optional.of(NodeTree.KUBERNETES_VERSION))).scan();
    }
}
