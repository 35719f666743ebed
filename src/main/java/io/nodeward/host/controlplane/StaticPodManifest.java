package io.nodeward.host.controlplane;

import io.nodeward.host.proc.ProcessTable;
import io.nodeward.host.proc.RunningProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A static pod manifest as the kubelet runs it: the container whose command line is a control-plane
 * component's ({@code command} then {@code args}, which the kubelet hands to the runtime as argv), its
 * plain environment variables, and where its volume mounts come from on the host, so a path a flag
 * names inside the container can be read on the host. Only what nodeward needs is kept; the kubelet
 * decodes manifests leniently ({@code pkg/kubelet/config/common.go} tryDecodeSinglePod uses the
 * universal decoder, not the strict one), so unknown fields are ignored here too.
 *
 * @param path      the manifest's host path
 * @param component the component the container runs, e.g. {@code kube-apiserver}
 * @param argv      the container's {@code command} followed by its {@code args}
 * @param env       its environment variables with a literal {@code value}, by name
 * @param mounts    its volume mounts whose volume is a {@code hostPath}: mount path to host path
 */
record StaticPodManifest(String path, String component, List<String> argv, Map<String, String> env,
                         Map<String, String> mounts) {

    StaticPodManifest {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        mounts = Map.copyOf(mounts);
    }

    /** The process this manifest makes, as {@link ProcessTable#identify} sees a command line. */
    RunningProcess asProcess() {
        return ProcessTable.identify(0, argv).orElseThrow();
    }

    /**
     * Where {@code containerPath} (absolute, as a flag names it inside the container) is on the host:
     * under the deepest {@code hostPath} mount that contains it. Empty when no such mount does: the file
     * is then in the container image or an emptyDir, which the host does not show.
     */
    Optional<String> hostPathOf(String containerPath) {
        Path wanted = Path.of(containerPath).normalize();
        String best = null;
        for (String mountPath : mounts.keySet()) {
            if (wanted.startsWith(Path.of(mountPath)) && (best == null || mountPath.length() > best.length())) {
                best = mountPath;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Path rest = Path.of(best).relativize(wanted);
        Path host = Path.of(mounts.get(best));
        return Optional.of((rest.toString().isEmpty() ? host : host.resolve(rest)).normalize().toString());
    }

    /**
     * The manifest's control-plane container, if the document is a Pod with one; pure. A container
     * without {@code command} runs its image's entrypoint, which the manifest does not show, so it
     * cannot be recognised (kubeadm and RKE2 always write {@code command}).
     */
    static Optional<StaticPodManifest> of(String path, Map<String, Object> document) {
        if (!"Pod".equals(document.get("kind"))) {
            return Optional.empty();
        }
        Map<String, Object> spec = map(document.get("spec"));
        Map<String, String> hostPaths = new LinkedHashMap<>();
        for (Object volume : list(spec.get("volumes"))) {
            Map<String, Object> v = map(volume);
            Object hostPath = map(v.get("hostPath")).get("path");
            if (v.get("name") instanceof String name && hostPath instanceof String host) {
                hostPaths.put(name, host);
            }
        }
        for (Object item : list(spec.get("containers"))) {
            Map<String, Object> container = map(item);
            List<String> argv = new ArrayList<>();
            strings(container.get("command"), argv);
            if (argv.isEmpty()) {
                continue;
            }
            strings(container.get("args"), argv);
            Optional<RunningProcess> process = ProcessTable.identify(0, argv);
            if (process.isEmpty() || !ControlPlaneReader.COMPONENTS.contains(process.get().name())) {
                continue;
            }
            return Optional.of(new StaticPodManifest(path, process.get().name(), argv, env(container),
                    mounts(container, hostPaths)));
        }
        return Optional.empty();
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object item : list(container.get("env"))) {
            Map<String, Object> variable = map(item);
            if (variable.get("name") instanceof String name && variable.get("value") != null) {
                env.put(name, String.valueOf(variable.get("value")));
            }
        }
        return env;
    }

    private static Map<String, String> mounts(Map<String, Object> container, Map<String, String> hostPaths) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object item : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(item);
            if (mount.get("name") instanceof String name && mount.get("mountPath") instanceof String mountPath
                    && hostPaths.containsKey(name)) {
                String host = hostPaths.get(name);
                if (mount.get("subPath") instanceof String subPath && !subPath.isEmpty()) {
                    host = Path.of(host).resolve(subPath).normalize().toString();
                }
                mounts.put(Path.of(mountPath).normalize().toString(), host);
            }
        }
        return mounts;
    }

    private static void strings(Object value, List<String> into) {
        for (Object item : list(value)) {
            into.add(String.valueOf(item));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
