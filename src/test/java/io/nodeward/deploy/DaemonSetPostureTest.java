package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent's pod posture, as rendered, against DESIGN.md "Posture of the agent itself". */
class DaemonSetPostureTest {

    private final DaemonSet daemonSet = RenderedBase.one(DaemonSet.class);
    private final PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
    private final Container agent = onlyContainer();

    private Container onlyContainer() {
        assertEquals(1, pod.getContainers().size(), "containers in the agent pod");
        assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(),
                "no init containers (each would need its own hardening)");
        return pod.getContainers().get(0);
    }

    @Test
    void sharesTheHostPidNamespaceButNotItsNetworkOrIpc() {
        assertEquals(Boolean.TRUE, pod.getHostPID(), "hostPID");
        assertNotEquals(Boolean.TRUE, pod.getHostNetwork(), "hostNetwork");
        assertNotEquals(Boolean.TRUE, pod.getHostIPC(), "hostIPC");
    }

    @Test
    void isNotPrivilegedAndCannotGainPrivileges() {
        var sc = agent.getSecurityContext();
        assertNotEquals(Boolean.TRUE, sc.getPrivileged(), "privileged");
        assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation");
        assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
    }

    @Test
    void dropsEveryCapabilityButDacReadSearch() {
        var caps = agent.getSecurityContext().getCapabilities();
        assertEquals(List.of("ALL"), caps.getDrop(), "capabilities.drop");
        assertEquals(List.of("DAC_READ_SEARCH"), caps.getAdd(), "capabilities.add");
    }

    @Test
    void runsAsRootUnderTheRuntimeDefaultSeccompProfile() {
        // Container-level settings override the pod's; the effective value is what counts.
        var containerSc = agent.getSecurityContext();
        var podSc = pod.getSecurityContext();
        var seccomp = containerSc.getSeccompProfile() != null ? containerSc.getSeccompProfile() : podSc.getSeccompProfile();
        assertNotNull(seccomp, "seccompProfile (pod or container)");
        assertEquals("RuntimeDefault", seccomp.getType(), "seccompProfile.type");
        Long uid = containerSc.getRunAsUser() != null ? containerSc.getRunAsUser() : podSc.getRunAsUser();
        assertEquals(0L, uid, "runAsUser");
    }

    @Test
    void mountsEveryHostPathReadOnlyUnderHost() {
        Map<String, Volume> hostPathVolumes = pod.getVolumes().stream()
                .filter(v -> v.getHostPath() != null)
                .collect(Collectors.toMap(Volume::getName, v -> v));
        List<VolumeMount> hostMounts = agent.getVolumeMounts().stream()
                .filter(m -> hostPathVolumes.containsKey(m.getName()))
                .toList();
        assertEquals(hostPathVolumes.size(), hostMounts.size(), "each hostPath volume is mounted exactly once");
        for (VolumeMount mount : hostMounts) {
            String hostPath = hostPathVolumes.get(mount.getName()).getHostPath().getPath();
            assertEquals(Boolean.TRUE, mount.getReadOnly(), "readOnly of " + mount.getMountPath());
            assertEquals("IfPossible", mount.getRecursiveReadOnly(), "recursiveReadOnly of " + mount.getMountPath());
            assertEquals("/host" + hostPath, mount.getMountPath(), "mount path of host " + hostPath);
            assertNull(mount.getSubPath(), "subPath of " + mount.getMountPath());
            assertTrue(mount.getMountPropagation() == null || "None".equals(mount.getMountPropagation()),
                    "mountPropagation of " + mount.getMountPath());
        }
    }

    @Test
    void mountsExactlyTheNarrowHostPathsTheChecksNeed() {
        Map<String, String> typeByHostPath = new TreeMap<>();
        pod.getVolumes().stream().filter(v -> v.getHostPath() != null)
                .forEach(v -> typeByHostPath.put(v.getHostPath().getPath(), v.getHostPath().getType()));
        assertEquals(new TreeMap<>(Map.of(
                "/etc/kubernetes", "DirectoryOrCreate",
                "/var/lib/kubelet", "Directory",
                "/var/lib/kube-proxy", "DirectoryOrCreate",
                "/etc/systemd/system", "DirectoryOrCreate",
                "/lib/systemd/system", "DirectoryOrCreate",
                "/usr/lib/systemd/system", "DirectoryOrCreate",
                "/etc/ssh", "DirectoryOrCreate",
                "/etc/passwd", "File",
                "/etc/group", "File")), typeByHostPath, "hostPath volumes (path -> type)");
        for (String path : typeByHostPath.keySet()) {
            assertNotEquals("/", path, "the host's whole filesystem must never be mounted");
            assertTrue(!path.equals("/proc") && !path.equals("/sys") && !path.equals("/var/run")
                    && !path.equals("/run") && !path.endsWith(".sock"), "no runtime sockets or pseudo-filesystems: " + path);
        }
    }

    @Test
    void hidesOtherPodsVolumesAndKubeletSocketsBehindEmptyReadOnlyMounts() {
        Volume masked = pod.getVolumes().stream().filter(v -> v.getName().equals("masked")).findFirst()
                .orElseGet(() -> fail("no volume named masked"));
        assertNotNull(masked.getEmptyDir(), "masked is an emptyDir");
        Set<String> maskedPaths = agent.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("masked"))
                .peek(m -> assertEquals(Boolean.TRUE, m.getReadOnly(), "readOnly of " + m.getMountPath()))
                .map(VolumeMount::getMountPath)
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "/host/var/lib/kubelet/pods",
                "/host/var/lib/kubelet/plugins",
                "/host/var/lib/kubelet/plugins_registry",
                "/host/var/lib/kubelet/pod-resources",
                "/host/var/lib/kubelet/device-plugins"), maskedPaths);
    }

    @Test
    void onlyTmpIsWritable() {
        List<String> writable = agent.getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .map(VolumeMount::getMountPath)
                .toList();
        assertEquals(List.of("/tmp"), writable, "writable mounts");
        Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
        assertNotNull(tmp.getEmptyDir(), "/tmp is an emptyDir");
        assertEquals(new Quantity("16Mi"), tmp.getEmptyDir().getSizeLimit(), "/tmp sizeLimit");
    }

    @Test
    void readsOptionalUserBenchmarksFromAConfigMap() {
        Volume benchmarks = pod.getVolumes().stream().filter(v -> v.getName().equals("benchmarks")).findFirst().orElseThrow();
        assertEquals("nodeward-benchmarks", benchmarks.getConfigMap().getName());
        assertEquals(Boolean.TRUE, benchmarks.getConfigMap().getOptional(), "the ConfigMap is optional");
        assertEquals("/etc/nodeward", env("NODEWARD_BENCHMARKS_DIR").getValue());
    }

    @Test
    void takesTheNodeNameAndHostIpFromTheDownwardApi() {
        assertEquals("spec.nodeName", env("NODE_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("status.hostIP", env("HOST_IP").getValueFrom().getFieldRef().getFieldPath());
    }

    @Test
    void pointsTheAgentAtTheHostRootAndTheHostProcessTable() {
        assertEquals("/host", env("NODEWARD_HOST_ROOT").getValue());
        assertEquals("/proc", env("NODEWARD_HOST_PROC").getValue());
        assertEquals("60s", env("NODEWARD_SCAN_INTERVAL").getValue());
    }

    @Test
    void servesTheReportOnLoopbackOnlyAndExposesOnlyTheManagementPort() {
        assertEquals("127.0.0.1", env("QUARKUS_HTTP_HOST").getValue(), "the report must not reach the pod network");
        assertEquals(1, agent.getPorts().size(), "declared container ports");
        assertEquals(9000, agent.getPorts().get(0).getContainerPort());
        assertEquals("management", agent.getPorts().get(0).getName());
        assertNull(agent.getPorts().get(0).getHostPort(), "hostPort");
    }

    @Test
    void probesHealthOnTheManagementPort() {
        assertProbe(agent.getLivenessProbe(), "/q/health/live");
        assertProbe(agent.getReadinessProbe(), "/q/health/ready");
        assertProbe(agent.getStartupProbe(), "/q/health/live");
    }

    @Test
    void requestsLittleAndCapsMemory() {
        var resources = agent.getResources();
        assertEquals(new Quantity("20m"), resources.getRequests().get("cpu"));
        assertEquals(new Quantity("128Mi"), resources.getRequests().get("memory"));
        assertEquals(new Quantity("192Mi"), resources.getLimits().get("memory"));
        assertNull(resources.getLimits().get("cpu"), "no CPU limit: a throttled scan is a stale scan");
    }

    @Test
    void updatesAtMostATenthOfTheNodesAtOnce() {
        var strategy = daemonSet.getSpec().getUpdateStrategy();
        assertEquals("RollingUpdate", strategy.getType());
        assertEquals(new IntOrString("10%"), strategy.getRollingUpdate().getMaxUnavailable());
    }

    @Test
    void runsOnEveryNodeIncludingTheControlPlane() {
        assertEquals(1, pod.getTolerations().size(), "tolerations");
        var toleration = pod.getTolerations().get(0);
        assertEquals("Exists", toleration.getOperator());
        assertNull(toleration.getKey(), "no key: tolerates every taint");
        assertNull(toleration.getEffect(), "no effect: NoSchedule and NoExecute alike");
        assertEquals(Map.of("kubernetes.io/os", "linux"), pod.getNodeSelector());
        assertNull(pod.getAffinity(), "no affinity that could exclude nodes");
    }

    @Test
    void usesItsOwnServiceAccountWithAToken() {
        assertEquals("nodeward", pod.getServiceAccountName());
        assertEquals(Boolean.TRUE, pod.getAutomountServiceAccountToken(), "it patches its own Node");
    }

    private void assertProbe(Probe probe, String path) {
        assertNotNull(probe, "probe for " + path);
        var get = probe.getHttpGet();
        assertEquals(path, get.getPath());
        assertEquals(9000, resolvePort(get.getPort()), "port of the probe on " + path);
    }

    private int resolvePort(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return agent.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .findFirst().orElseGet(() -> fail("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    private EnvVar env(String name) {
        return agent.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseGet(() -> fail("no env " + name + " on the agent container"));
    }
}
