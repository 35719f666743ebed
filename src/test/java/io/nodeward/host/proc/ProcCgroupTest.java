package io.nodeward.host.proc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCgroupTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // cgroup v2, systemd driver, Burstable and Guaranteed
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0c4bd3f6_5d2e_4f2a_9a51_2b8f0d0e7c11.slice/cri-containerd-4f1c0a9e.scope",
            "/kubepods.slice/kubepods-pod0c4bd3f6_5d2e_4f2a_9a51_2b8f0d0e7c11.slice/crio-4f1c0a9e.scope",
            // cgroupfs driver (v1 or v2)
            "/kubepods/burstable/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e",
            "/kubepods/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e",
            // kind: the node is itself a container
            "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/x.scope",
            // seen from inside another cgroup namespace: the kubepods ancestor is cut off
            "/../../besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e",
            // a static pod's UID is 32 hex digits
            "/../../burstable/pod7d8ca5b1e4b8e2c1f0a9d3e6b5c4a291/4f1c0a9e"})
    void recognisesPodCgroups(String path) {
        assertTrue(ProcCgroup.isPodPath(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/system.slice/kubelet.service", "/system.slice/ssh.service", "/init.scope", "/",
            "/user.slice/user-1000.slice/session-3.scope", "/../../../../system.slice/kubelet.service",
            "/system.slice/docker-0c4bd3f65d2e.scope/system.slice/kubelet.service"})
    void hostCgroupsAreNotPods(String path) {
        assertFalse(ProcCgroup.isPodPath(path), path);
    }

    @Test
    void readsThePathOfEveryHierarchyOfCgroupV1() {
        List<String> paths = ProcCgroup.paths("""
                12:pids:/system.slice/kubelet.service
                4:memory:/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e
                1:name=systemd:/system.slice/kubelet.service
                0::/system.slice/kubelet.service
                """);

        assertEquals(List.of("/system.slice/kubelet.service",
                "/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e",
                "/system.slice/kubelet.service", "/system.slice/kubelet.service"), paths);
        assertEquals(Optional.of("/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e"),
                ProcCgroup.podPath(paths));
    }
}
