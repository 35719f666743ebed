package io.nodeward.host.controlplane;

import java.util.Optional;

/**
 * Where a control-plane component's command line was read: the running process's
 * {@code /proc/<pid>/cmdline}, or, when it is down, its static pod manifest. Either way the manifest
 * says where the files its flags name live on the host.
 *
 * @param where    how a flag's source ends: {@code on /proc/4100/cmdline} or
 *                 {@code in manifest /etc/kubernetes/manifests/kube-apiserver.yaml (not running)}
 * @param manifest the static pod manifest the component runs from
 */
record Origin(String where, StaticPodManifest manifest) {

    static Origin running(int pid, StaticPodManifest manifest) {
        return new Origin("on /proc/" + pid + "/cmdline", manifest);
    }

    static Origin down(StaticPodManifest manifest) {
        return new Origin("in manifest " + manifest.path() + " (not running)", manifest);
    }

    String flagSource(String flag) {
        return "flag --" + flag + " " + where;
    }

    /**
     * The host path of a file the component opens at {@code containerPath} (a flag's value), through the
     * manifest's hostPath mounts; throws with the reason when the host does not show it.
     */
    String hostFile(String flag, String containerPath) throws RefusedConfig {
        if (!containerPath.startsWith("/")) {
            throw new RefusedConfig("--" + flag + " " + containerPath + " is relative to the container's"
                    + " working directory, which the manifest does not show");
        }
        Optional<String> host = manifest.hostPathOf(containerPath);
        if (host.isEmpty()) {
            throw new RefusedConfig("--" + flag + " " + containerPath + " is on no hostPath volume of "
                    + manifest.path() + ": it lives inside the container, which nodeward cannot read");
        }
        return host.get();
    }
}
