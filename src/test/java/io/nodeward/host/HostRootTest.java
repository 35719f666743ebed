package io.nodeward.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the host is, and whether its proc directory is a kernel's procfs. */
class HostRootTest {

    @TempDir
    Path dir;

    @Test
    void theMachinesOwnProcIsAKernelProcfs() {
        assertTrue(new HostRoot(Path.of("/"), Path.of("/proc")).kernelProc());
    }

    @Test
    void aFixtureTreesProcIsNot() {
        assertFalse(HostRoot.of(dir).kernelProc());
    }

    @Test
    void aProcDirectoryThatIsNotThereIsNot() {
        assertFalse(new HostRoot(dir, dir.resolve("no-proc")).kernelProc());
    }

    @Test
    void hostPathsResolveUnderTheRootAndNeverClimbOut() {
        HostRoot root = HostRoot.of(dir);

        assertEquals(dir.resolve("etc/passwd"), root.resolve("/etc/../../etc/passwd"));
        assertEquals("/etc/passwd", root.display(root.resolve("etc/passwd")));
        assertEquals("/proc/1/net/tcp", root.display(root.proc("1/net/tcp")));
    }
}
