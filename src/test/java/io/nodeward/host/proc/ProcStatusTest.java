package io.nodeward.host.proc;

import io.nodeward.host.Fifos;
import io.nodeward.host.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatusTest {

    /** An etcd's status as proc_pid_status (fs/proc/array.c) prints it on Linux 6.8, lines not used elided. */
    private static final String ETCD = """
            Name:\tetcd
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t2211
            Pid:\t2211
            PPid:\t2102
            Uid:\t0\t0\t0\t0
            Gid:\t0\t0\t0\t0
            FDSize:\t128
            Groups:\t0 1 2 3 4 6 10 11 20 26 27
            CapInh:\t0000000000000000
            CapPrm:\t000001ffffffffff
            CapEff:\t000001ffffffffff
            CapBnd:\t000001ffffffffff
            CapAmb:\t0000000000000000
            NoNewPrivs:\t0
            Seccomp:\t0
            Seccomp_filters:\t0
            """;

    /** A hardened process: non-root ids, no capabilities, no_new_privs and a seccomp filter. */
    private static final String NODEWARD = """
            Name:\tnodeward
            Uid:\t65532\t65532\t65532\t65532
            Gid:\t65532\t65532\t65532\t65532
            CapEff:\t0000000000000000
            NoNewPrivs:\t1
            Seccomp:\t2
            """;

    @Test
    void readsTheFourUserAndGroupIds() {
        ProcStatus status = ProcStatus.parse(NODEWARD);

        assertEquals(new ProcStatus.Ids(65532, 65532, 65532, 65532), status.uid());
        assertEquals(new ProcStatus.Ids(65532, 65532, 65532, 65532), status.gid());
    }

    @Test
    void theEffectiveCapabilitiesAreABitSet() {
        ProcStatus status = ProcStatus.parse(ETCD);

        assertEquals(OptionalLong.of(0x1ffffffffffL), status.capEff());
        assertTrue(status.hasCapability(21)); // CAP_SYS_ADMIN
    }

    @Test
    void noCapabilitiesMeansNoneEffective() {
        assertFalse(ProcStatus.parse(NODEWARD).hasCapability(21));
    }

    @Test
    void noNewPrivsAndSeccompAreRead() {
        assertEquals(Optional.of(true), ProcStatus.parse(NODEWARD).noNewPrivs());
        assertEquals(OptionalInt.of(ProcStatus.SECCOMP_FILTER), ProcStatus.parse(NODEWARD).seccomp());
        assertEquals(Optional.of(false), ProcStatus.parse(ETCD).noNewPrivs());
        assertEquals(OptionalInt.of(0), ProcStatus.parse(ETCD).seccomp());
    }

    @Test
    void linesAnOlderKernelDoesNotPrintAreEmptyNotGuessed() {
        ProcStatus status = ProcStatus.parse("Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");

        assertEquals(Optional.empty(), status.noNewPrivs());
        assertEquals(OptionalInt.empty(), status.seccomp());
        assertEquals(OptionalLong.empty(), status.capEff());
    }

    @Test
    void anIdOfMinusOneIsKept() {
        assertEquals(-1, ProcStatus.parse(NODEWARD.replace("Uid:\t65532\t65532\t65532\t65532",
                "Uid:\t0\t0\t4294967295\t0")).uid().saved());
    }

    @Test
    void withoutAUidLineTheFileIsNotAStatus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStatus.parse("Name:\tx\nGid:\t0\t0\t0\t0\n"));
        assertEquals("no Uid line", e.getMessage());
    }

    @Test
    void aMalformedLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStatus.parse(NODEWARD.replace("NoNewPrivs:\t1", "NoNewPrivs:\tyes")));
        assertEquals("'NoNewPrivs:\tyes' is neither 0 nor 1", e.getMessage());
    }

    @Test
    void readsTheStatusOfAPidUnderTheProcRoot(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/2211"));
        Files.writeString(root.resolve("proc/2211/status"), ETCD);

        assertEquals(0, ProcStatus.read(HostRoot.of(root), 2211).uid().effective());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAtStatusIsAnErrorNotAHang(@TempDir Path root) throws Exception {
        Fifos.mkfifo(root.resolve("proc/2211/status"));

        FileSystemException e = assertThrows(FileSystemException.class, () -> ProcStatus.read(HostRoot.of(root), 2211));
        assertEquals("not a regular file (a FIFO)", e.getReason());
    }
}
