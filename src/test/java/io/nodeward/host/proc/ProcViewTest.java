package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcViewTest {

    private static final String CONTAINER_VIEW = "the proc root /proc is a container's view, not the host's: "
            + "its pid 1 runs in a pod (cgroup /kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e); "
            + "the DaemonSet lacks hostPID: true, or --proc-root is wrong";

    @Test
    void pidOneInAPodMeansTheProcRootIsAContainersView(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1, "/pause");
        ProcFixtures.cgroup(root, 1, "0::/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e");

        assertEquals(Optional.of(CONTAINER_VIEW), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void everyProcessFactIsAnErrorInAContainersView(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1, "/pause");
        ProcFixtures.cgroup(root, 1, "0::/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e");
        ProcFixtures.cmdline(root, 7, "/usr/sbin/sshd", "-D"); // the pod's own sshd, not the host's

        List<Fact> facts = new ProcessReader().read(HostScan.of(HostRoot.of(root)), HostFacts.builder().build());

        assertEquals(7, facts.size());
        assertTrue(facts.stream().allMatch(f -> f.state() == Fact.State.ERROR && f.reason().equals(CONTAINER_VIEW)));
    }

    @Test
    void beingPidOneOurselvesMeansAContainersView(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1, "/nodeward", "serve");
        ProcFixtures.cgroup(root, 1, "0::/");
        Files.createSymbolicLink(root.resolve("proc/self"), Path.of("1"));

        assertEquals(Optional.of("the proc root /proc is a container's view, not the host's: its pid 1 is nodeward "
                + "itself; the DaemonSet lacks hostPID: true, or --proc-root is wrong"), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void theHostsInitIsTheHostsView(@TempDir Path root) throws IOException {
        ProcFixtures.cgroup(root, 1, "0::/init.scope");
        Files.createSymbolicLink(root.resolve("proc/self"), Path.of("4711"));

        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void aSharedProcessNamespaceWithAPrivateCgroupNamespaceShowsThePauseContainerOneLevelUp(@TempDir Path root)
            throws IOException {
        ProcFixtures.cmdline(root, 1, "/pause");
        ProcFixtures.cgroup(root, 1, "0::/../cri-containerd-8d4f1e2a9b3c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6.scope");

        assertEquals(Optional.of("the proc root /proc is a container's view, not the host's: its pid 1 runs in a "
                + "container beside ours (cgroup /../cri-containerd-8d4f1e2a9b3c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6.scope; "
                + "a pod sharing its process namespace); the DaemonSet lacks hostPID: true, or --proc-root is wrong"),
                ProcView.check(HostRoot.of(root)));
    }

    @Test
    void crioAndCgroupfsSiblingsAreContainerViewsToo(@TempDir Path root) throws IOException {
        ProcFixtures.cgroup(root, 1, "0::/../crio-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope");
        assertTrue(ProcView.check(HostRoot.of(root)).isPresent());

        ProcFixtures.cgroup(root, 1, "4:memory:/../0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertTrue(ProcView.check(HostRoot.of(root)).isPresent());
    }

    @Test
    void theHostsInitSeenFromAPrivateCgroupNamespaceIsTheHostsView(@TempDir Path root) throws IOException {
        ProcFixtures.cgroup(root, 1, "0::/../../../init.scope");

        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void aKindNodesSystemdSeenThroughTheDaemonSetIsTheHostsView(@TempDir Path root) throws IOException {
        ProcFixtures.cgroup(root, 1, "0::/../../init.scope");

        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void aHostWithoutSystemdIsTheHostsViewFromEitherNamespace(@TempDir Path root) throws IOException {
        ProcFixtures.cgroup(root, 1, "0::/");
        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));

        ProcFixtures.cgroup(root, 1, "0::/../..");
        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));
    }

    @Test
    void anUnreadablePidOneCgroupCannotTell(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1, "/sbin/init");

        assertEquals(Optional.empty(), ProcView.check(HostRoot.of(root)));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPidOneCgroupThatNoKernelMakesIsAReasonNotSilence(@TempDir Path root) throws Exception {
        io.nodeward.host.Fifos.mkfifo(root.resolve("proc/1/cgroup"));

        assertEquals(Optional.of("cannot tell whether the proc root /proc is the host's: /proc/1/cgroup: "
                + "not a regular file (a FIFO)"), ProcView.check(HostRoot.of(root)));
    }
}
