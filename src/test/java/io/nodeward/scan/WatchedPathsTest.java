package io.nodeward.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WatchedPathsTest {

    @TempDir
    Path dir;

    @Test
    void theDropInDirectoryIsWatchedWithTheSubdirectoriesTheKubeletAlsoReads() throws IOException {
        Path top = Files.createDirectories(dir.resolve("kubelet.conf.d"));
        Path sub = Files.createDirectories(top.resolve("sub"));
        Files.writeString(sub.resolve("05.conf"), "readOnlyPort: 0\n");
        Files.createSymbolicLink(top.resolve("linked"), Files.createDirectories(dir.resolve("elsewhere")));

        // the link is not followed: the kubelet's walk does not descend into it either
        assertEquals(List.of(top, sub), WatchedPaths.dropInDirectories(top));
    }

    @Test
    void aDropInDirectoryThatIsNotThereIsStillWatchedSoItsCreationIsSeen() {
        Path missing = dir.resolve("kubelet.conf.d");

        assertEquals(List.of(missing), WatchedPaths.dropInDirectories(missing));
    }
}
