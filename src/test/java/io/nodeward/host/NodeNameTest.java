package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
