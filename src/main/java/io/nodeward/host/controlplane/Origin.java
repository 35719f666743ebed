package io.nodeward.host.controlplane;

import io.nodeward.host.proc.CommandLineFlags;

import java.util.Map;
import java.util.Optional;

/**
 * Where a control-plane component's command line was read: the running process's
 * {@code /proc/<pid>/cmdline}, or, when it is down, its static pod manifest, which says where the files
 * its flags name live on the host; or the arguments k3s builds for a component it runs in its own
 * process, each with its source, whose files are the host's own paths.
 *
 * @param where    how a flag's source ends: {@code on /proc/4100/cmdline} or
 *                 {@code in manifest /etc/kubernetes/manifests/kube-apiserver.yaml (not running)}
 * @param manifest the static pod manifest the component runs from, if it is a static pod
 * @param sourced  the flags with their own sources, for an embedded component
 */
record Origin(String where, Optional<StaticPodManifest> manifest, Optional<CommandLineFlags> sourced) {

    static Origin running(int pid, StaticPodManifest manifest) {
        return new Origin("on /proc/" + pid + "/cmdline", Optional.of(manifest), Optional.empty());
    }

    static Origin down(StaticPodManifest manifest) {
        return new Origin("in manifest " + manifest.path() + " (not running)", Optional.of(manifest), Optional.empty());
    }

    /** A component k3s runs in-process: its flags' sources are k3s's (defaults, config file, command line). */
    static Origin embedded(CommandLineFlags sourced) {
        return new Origin("in k3s", Optional.empty(), Optional.of(sourced));
    }

    String flagSource(String flag) {
        return sourced.map(f -> f.source(flag)).orElse("flag --" + flag + " " + where);
    }

    /** The container's environment variables with literal values (none for an embedded component). */
    Map<String, String> env() {
        return manifest.map(StaticPodManifest::env).orElse(Map.of());
    }

    /** The manifest's path, or where the component's arguments come from. */
    String describe() {
        return manifest.map(m -> "manifest " + m.path()).orElse(where);
    }

    /**
     * The host path of a file the component opens at {@code containerPath} (a flag's value), through the
     * manifest's hostPath mounts; throws with the reason when the host does not show it. An embedded
     * component runs in the host's mount namespace: its paths are host paths.
     */
    String hostFile(String flag, String containerPath) throws RefusedConfig {
        if (!containerPath.startsWith("/")) {
            throw new RefusedConfig("--" + flag + " " + containerPath + " is relative to the "
                    + (manifest.isPresent() ? "container's" : "process's") + " working directory, which nodeward"
                    + " does not resolve");
        }
        if (manifest.isEmpty()) {
            return containerPath;
        }
        Optional<String> host = manifest.get().hostPathOf(containerPath);
        if (host.isEmpty()) {
            throw new RefusedConfig("--" + flag + " " + containerPath + " is on no hostPath volume of "
                    + manifest.get().path() + ": it lives inside the container, which nodeward cannot read");
        }
        return host.get();
    }
}
