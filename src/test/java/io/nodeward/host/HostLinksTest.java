package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostLinksTest {

    @TempDir
    Path host;

    @Test
    void absoluteAndRelativeLinksAlongThePathStayInsideTheRoot() throws Exception {
        Files.createDirectories(host.resolve("usr/lib/systemd/system"));
        Files.createSymbolicLink(host.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(host.resolve("etc"));
        Files.createSymbolicLink(host.resolve("etc/unit"), Path.of("/lib/systemd/system/../../../../../../kubelet.service"));

        assertEquals(host.resolve("usr/lib/systemd/system/kubelet.service"),
                HostLinks.follow(HostRoot.of(host), "/lib/systemd/system/kubelet.service"));
        assertEquals(host.resolve("kubelet.service"), HostLinks.follow(HostRoot.of(host), "/etc/unit"));
    }

    @Test
    void aLinkLoopIsRefusedLikeTheKernelDoes() throws Exception {
        Files.createSymbolicLink(host.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(host.resolve("b"), Path.of("/a"));

        assertEquals("/a: too many levels of symbolic links",
                assertThrows(FileSystemException.class, () -> HostLinks.follow(HostRoot.of(host), "/a")).getMessage());
    }

    @Test
    void linksFollowedAreCountedSoADanglingLinkIsNotMistakenForNoFile() throws Exception {
        Files.createDirectories(host.resolve("var/lib/kubelet"));
        Files.createSymbolicLink(host.resolve("var/lib/kubelet/config.yaml"), Path.of("/etc/kubelet/gone.yaml"));

        assertEquals(new HostLinks.Followed(host.resolve("etc/kubelet/gone.yaml"), 1),
                HostLinks.followCounting(HostRoot.of(host), "/var/lib/kubelet/config.yaml"));
        assertEquals(new HostLinks.Followed(host.resolve("var/lib/kubelet/other.yaml"), 0),
                HostLinks.followCounting(HostRoot.of(host), "/var/lib/kubelet/other.yaml"));
    }
}
