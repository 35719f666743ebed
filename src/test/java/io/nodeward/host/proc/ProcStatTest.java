package io.nodeward.host.proc;

import io.nodeward.host.Fifos;
import io.nodeward.host.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProcStatTest {

    /** A kubelet's stat as the kernel prints it (do_task_stat, fs/proc/array.c), cut after field 25. */
    private static final String KUBELET = "1234 (kubelet) S 1 1234 1234 0 -1 4194560 91837 0 12 0 5126 2210 0 0 20 0"
            + " 17 0 1721 2101800960 22513\n";

    @Test
    void theParentIsField4() {
        assertEquals(OptionalInt.of(1), ProcStat.parseParentPid(KUBELET));
    }

    @Test
    void theStartTimeIsField22() {
        assertEquals(OptionalLong.of(1721), ProcStat.parseStartTime(KUBELET));
    }

    @Test
    void fieldsAreCountedFromTheLastParenthesisSoANameWithSpacesAndParenthesesCannotShiftThem() {
        String stat = "4711 (evil) S 2 3 (x) R 1 4711 4711 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 98765 0 0\n";

        assertEquals(OptionalInt.of(1), ProcStat.parseParentPid(stat));
        assertEquals(OptionalLong.of(98765), ProcStat.parseStartTime(stat));
    }

    @Test
    void aLineShorterThanField22HasNoStartTime() {
        assertEquals(OptionalLong.empty(), ProcStat.parseStartTime("1234 (kubelet) S 1 1234 1234\n"));
    }

    @Test
    void aStartTimeThatIsNotANumberIsNone() {
        assertEquals(OptionalLong.empty(), ProcStat.parseStartTime(KUBELET.replace(" 1721 ", " soon ")));
    }

    @Test
    void readsTheStartTimeOfAPidUnderTheProcRoot(@TempDir Path root) throws IOException {
        ProcFixtures.stat(root, 1234, "kubelet", 1);

        assertEquals(OptionalLong.of(1721), ProcStat.startTime(HostRoot.of(root), 1234));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAtStatIsAnErrorNotAHang(@TempDir Path root) throws Exception {
        Fifos.mkfifo(root.resolve("proc/1234/stat"));

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> ProcStat.parentPid(HostRoot.of(root), 1234));
        assertEquals("not a regular file (a FIFO)", e.getReason());
    }
}
