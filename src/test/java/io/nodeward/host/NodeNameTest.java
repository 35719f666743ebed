package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The node's one name, for the scanner's reports and the publisher's Node alike. */
class NodeNameTest {

    @TempDir
    Path host;

    private HostRoot hostWithHostname(String content) throws IOException {
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/hostname"), content);
        return HostRoot.of(host);
    }

    @Test
    void theConfiguredNameWins() throws IOException {
        assertEquals("n1", new NodeName(hostWithHostname("worker-9\n"), Optional.of("n1")).name());
    }

    @Test
    void withoutAConfiguredNameItIsTheHostsEtcHostnameNotThePodsHostName() throws IOException {
        assertEquals("worker-9", new NodeName(hostWithHostname("# set by cloud-init\nworker-9\n"), Optional.of(" ")).name());
    }

    @Test
    void withoutEtcHostnameItIsTheHostKernelsName() throws IOException {
        Files.createDirectories(host.resolve("proc/sys/kernel"));
        Files.writeString(host.resolve("proc/sys/kernel/hostname"), "worker-10\n");
        assertEquals("worker-10", new NodeName(HostRoot.of(host), Optional.empty()).name());
    }

    /** In a pod the kernel's host name is the pod's: the one a node agent must never take for the node's. */
    private HostRoot withPodsKernelHostname(HostRoot root) throws IOException {
        Files.createDirectories(host.resolve("proc/sys/kernel"));
        Files.writeString(host.resolve("proc/sys/kernel/hostname"), "nodeward-x7k2p\n");
        return root;
    }

    @Test
    void inAPodWithoutNodeNameItIsTheHostsEtcHostname() throws IOException {
        HostRoot root = withPodsKernelHostname(hostWithHostname("worker-9\n"));
        assertEquals("worker-9", new NodeName(root, Optional.empty(), true).name());
    }

    @Test
    void inAPodWithoutNodeNameOrAReadableEtcHostnameStartFailsRatherThanNameThePod() throws IOException {
        HostRoot root = withPodsKernelHostname(HostRoot.of(host));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NodeName(root, Optional.empty(), true));
        assertEquals("cannot tell which node this is: NODE_NAME is not set (set it from the downward API:"
                + " fieldRef spec.nodeName) and the host's /etc/hostname cannot be read (no such file);"
                + " the pod's own host name is the pod's, not the node's", e.getMessage());
    }

    @Test
    void inAPodAConfiguredNameNeedsNoHostFile() {
        assertEquals("n1", new NodeName(HostRoot.of(host), Optional.of("n1"), true).name());
    }

    @Test
    void anAbsoluteSymlinkIsFollowedOnTheHostNotInTheContainer() throws IOException {
        Files.createDirectories(host.resolve("etc/nodeward-test"));
        Files.writeString(host.resolve("etc/nodeward-test/hostname"), "worker-11\n");
        Files.createSymbolicLink(host.resolve("etc/hostname"), Path.of("/etc/nodeward-test/hostname"));
        assertEquals("worker-11", NodeName.resolve(withPodsKernelHostname(HostRoot.of(host)), Optional.empty()));
    }

    @Test
    void aFifoAtEtcHostnameIsNotOpenedAndTheCliFallsBackToTheKernelsName() throws Exception {
        Fifos.mkfifo(host.resolve("etc/hostname"));
        HostRoot root = withPodsKernelHostname(HostRoot.of(host));
        assertEquals("nodeward-x7k2p", assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> NodeName.resolve(root, Optional.empty())));
    }

    @Test
    void anOversizedEtcHostnameIsNotRead() throws IOException {
        HostRoot root = hostWithHostname("#".repeat(NodeName.MAX_BYTES) + "\nworker-9\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NodeName(root, Optional.empty(), true));
        assertEquals("cannot tell which node this is: NODE_NAME is not set (set it from the downward API:"
                + " fieldRef spec.nodeName) and the host's /etc/hostname cannot be read (larger than 4096 bytes,"
                + " not read); the pod's own host name is the pod's, not the node's", e.getMessage());
    }
}
