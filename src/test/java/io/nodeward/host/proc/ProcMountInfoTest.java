package io.nodeward.host.proc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** proc(5)'s /proc/pid/mountinfo format, parsed from lines as the kernel writes them. */
class ProcMountInfoTest {

    @Test
    void theFieldsAroundTheOptionalOnesAreRead() {
        List<ProcMountInfo.Mount> mounts = ProcMountInfo.parse("""
                36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
                1328 1320 259:1 /var/lib/kubelet/pods/3e9a/volumes/kubernetes.io~configmap/kube-proxy /var/lib/kube-proxy ro,relatime - ext4 /dev/root rw
                1320 1280 0:55 / / rw,relatime shared:5 master:232 - overlay overlay rw,lowerdir=/a:/b
                """);

        assertEquals(List.of(new ProcMountInfo.Mount(36, "98:0", "/mnt1", "/mnt2", "ext3"),
                new ProcMountInfo.Mount(1328, "259:1", "/var/lib/kubelet/pods/3e9a/volumes/kubernetes.io~configmap/kube-proxy",
                        "/var/lib/kube-proxy", "ext4"),
                new ProcMountInfo.Mount(1320, "0:55", "/", "/", "overlay")), mounts);
    }

    @Test
    void theKernelsOctalEscapesAreUndone() {
        ProcMountInfo.Mount mount = ProcMountInfo.parse(
                "40 22 259:1 /srv/my\\040dir /mnt/back\\134slash\\011tab rw - ext4 /dev/root rw\n").get(0);

        assertEquals("/srv/my dir", mount.root());
        assertEquals("/mnt/back\\slash\ttab", mount.mountPoint());
    }

    @Test
    void aLineWithoutTheSeparatorIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcMountInfo.parse("22 1 259:1 / / rw ext4 /dev/root rw\n"));

        assertEquals("line 1 is not a mountinfo line: 22 1 259:1 / / rw ext4 /dev/root rw", e.getMessage());
    }
}
