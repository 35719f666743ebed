package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rendered DaemonSet's agent container turned into {@code ctr run} arguments, setting by setting,
 * the way the kubelet and containerd's CRI plugin turn a pod into a runc spec: so the test runs the
 * image as {@code daemonset/} says, not as a copy of it would. A setting this class does not know
 * fails the test rather than being dropped.
 *
 * <p>ctr 1.6 (Debian 12) has no {@code --user}: it cannot override the image's non-root user. The
 * test therefore mounts the imported image ({@code ctr images mount}) and runs that root file system
 * with {@code --rootfs}, applying the image's entrypoint, environment and working directory itself,
 * as the CRI plugin does, and the pod's user: uid 0, which is runc's default for a spec without one.
 */
final class DaemonSetAsCtrRun {

    /** Every Linux capability (capability.h, up to CAP_CHECKPOINT_RESTORE): "drop ALL" drops each. */
    private static final List<String> ALL_CAPABILITIES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH",
            "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
            "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO",
            "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE",
            "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
            "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
            "CHECKPOINT_RESTORE");

    private final PodSpec pod;
    private final Container agent;

    DaemonSetAsCtrRun(DaemonSet daemonSet) {
        this.pod = daemonSet.getSpec().getTemplate().getSpec();
        assertEquals(1, pod.getContainers().size(), "containers in the DaemonSet");
        assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(), "no init containers");
        this.agent = pod.getContainers().get(0);
    }

    /** The container's memory limit in bytes: the cgroup's. */
    long memoryLimitBytes() {
        Quantity limit = agent.getResources().getLimits().get("memory");
        assertNotNull(limit, "the DaemonSet sets a memory limit");
        return Quantity.getAmountInBytes(limit).longValueExact();
    }

    /** Time between SIGTERM and SIGKILL when the pod is deleted. */
    long terminationGraceSeconds() {
        return Objects.requireNonNullElse(pod.getTerminationGracePeriodSeconds(), 30L);
    }

    /**
     * @param image        the image's configuration (entrypoint, env, working directory)
     * @param rootfs       the mounted image
     * @param volumes      where the test keeps emptyDirs and stand-ins for host paths this machine lacks
     * @param fieldRefs    the downward API's values ({@code spec.nodeName}...)
     * @param envOverrides the test's own settings, each a stated deviation from the manifest
     * @param network      the network namespace the pod's containers share
     * @param cgroup       the cgroup path runc creates for the container
     * @param ctrFlags     how ctr keeps the container's output and state (log, fifo and runc directories)
     */
    List<String> arguments(OciImageTarball image, Path rootfs, Path volumes, Map<String, String> fieldRefs,
                           Map<String, String> envOverrides, Path network, String cgroup, List<String> ctrFlags,
                           String id) {
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--rootfs"));
        args.addAll(ctrFlags);
        securityContext(args);
        if (Boolean.TRUE.equals(pod.getHostPID())) {
            // The test's own pid namespace is the machine's (/proc/1 is not readable in this sandbox).
            args.addAll(List.of("--with-ns", "pid:/proc/" + ProcessHandle.current().pid() + "/ns/pid"));
        }
        assertTrue(!Boolean.TRUE.equals(pod.getHostNetwork()), "the test runs the pod in its own network namespace");
        args.addAll(List.of("--with-ns", "network:" + network));
        args.addAll(List.of("--memory-limit", Long.toString(memoryLimitBytes()), "--cgroup", cgroup));
        mounts(args, volumes);
        env(image, fieldRefs, envOverrides).forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        args.addAll(List.of("--cwd", image.workingDir().isEmpty() ? "/" : image.workingDir()));
        args.add(rootfs.toString());
        args.add(id);
        args.addAll(process(image));
        return args;
    }

    private void securityContext(List<String> args) {
        var container = agent.getSecurityContext();
        var podContext = pod.getSecurityContext();
        Long user = container.getRunAsUser() != null ? container.getRunAsUser() : podContext.getRunAsUser();
        assertEquals(0L, user, "ctr 1.6 runs --rootfs as uid 0 and cannot set another user");
        assertTrue(!Boolean.TRUE.equals(container.getPrivileged()), "privileged is not modelled");
        if (Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            args.add("--read-only");
        }
        if (!Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            args.add("--allow-new-privs");
        }
        var seccomp = container.getSeccompProfile() != null ? container.getSeccompProfile() : podContext.getSeccompProfile();
        if (seccomp != null && "RuntimeDefault".equals(seccomp.getType())) {
            args.add("--seccomp");
        } else {
            fail("only seccomp RuntimeDefault is modelled, not " + seccomp);
        }
        var capabilities = container.getCapabilities();
        List<String> added = capabilities.getAdd();
        for (String cap : added) {
            args.addAll(List.of("--cap-add", "CAP_" + cap));
        }
        for (String cap : capabilities.getDrop()) {
            List<String> dropped = "ALL".equals(cap) ? ALL_CAPABILITIES : List.of(cap);
            dropped.stream().filter(c -> !added.contains(c)).forEach(c -> args.addAll(List.of("--cap-drop", "CAP_" + c)));
        }
    }

    private void mounts(List<String> args, Path volumes) {
        Map<String, Volume> byName = new LinkedHashMap<>();
        pod.getVolumes().forEach(v -> byName.put(v.getName(), v));
        Map<String, Path> standIns = new LinkedHashMap<>();
        for (VolumeMount mount : agent.getVolumeMounts()) {
            Volume volume = byName.get(mount.getName());
            assertNotNull(volume, "volume " + mount.getName());
            Path source = source(volume, volumes);
            if (source.startsWith(volumes.resolve("host-missing"))) {
                standIns.put(mount.getMountPath(), source);
            }
            String mode = Boolean.TRUE.equals(mount.getReadOnly()) ? "ro" : "rw";
            args.addAll(List.of("--mount", "type=bind,src=" + source + ",dst=" + mount.getMountPath() + ",options=rbind:" + mode));
        }
        // A mount inside a stand-in needs its mount point there, as on a node where the kubelet made
        // those directories (/var/lib/kubelet/pods, plugins...: the masks).
        for (VolumeMount mount : agent.getVolumeMounts()) {
            standIns.forEach((path, standIn) -> {
                if (mount.getMountPath().startsWith(path + "/")) {
                    try {
                        Files.createDirectories(standIn.resolve(mount.getMountPath().substring(path.length() + 1)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
    }

    /**
     * What the kubelet would mount. A hostPath this machine lacks becomes an empty directory of the
     * test's (DirectoryOrCreate would make one on the host: the test writes nothing there; Directory
     * would refuse the pod: this machine is no node, it has no kubelet).
     */
    private static Path source(Volume volume, Path volumes) {
        try {
            if (volume.getHostPath() != null) {
                Path host = Path.of(volume.getHostPath().getPath());
                if (Files.exists(host)) {
                    return host;
                }
                String type = volume.getHostPath().getType();
                assertTrue(Set.of("Directory", "DirectoryOrCreate").contains(type),
                        "host path " + host + " (type " + type + ") is missing on this machine");
                return Files.createDirectories(volumes.resolve("host-missing").resolve(volume.getName()));
            }
            if (volume.getEmptyDir() != null || volume.getConfigMap() != null
                    && Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                // An optional ConfigMap that does not exist is mounted as an empty directory.
                return Files.createDirectories(volumes.resolve(volume.getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fail("volume " + volume.getName() + " of a kind the test does not model");
    }

    /** The image's environment, then the container's (which wins, as in the kubelet), then the test's. */
    private Map<String, String> env(OciImageTarball image, Map<String, String> fieldRefs, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(image.env());
        for (EnvVar var : agent.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
                String field = var.getValueFrom().getFieldRef().getFieldPath();
                assertTrue(fieldRefs.containsKey(field), "the test gives no value for the downward API's " + field);
                env.put(var.getName(), fieldRefs.get(field));
            } else {
                fail("env " + var.getName() + " of a kind the test does not model");
            }
        }
        env.putAll(overrides);
        return env;
    }

    /**
     * Kubernetes' rules (Container.command/args): command replaces the entrypoint and drops the image's
     * Cmd; args replaces the Cmd.
     */
    private List<String> process(OciImageTarball image) {
        boolean command = agent.getCommand() != null && !agent.getCommand().isEmpty();
        boolean args = agent.getArgs() != null && !agent.getArgs().isEmpty();
        List<String> process = new ArrayList<>(command ? agent.getCommand() : image.entrypoint());
        process.addAll(args ? agent.getArgs() : command ? List.of() : image.cmd());
        return process;
    }
}
