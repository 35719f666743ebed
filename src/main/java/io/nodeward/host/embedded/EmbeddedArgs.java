package io.nodeward.host.embedded;

import io.nodeward.host.HostScan;
import io.nodeward.host.proc.Component;

/**
 * What an embedding distribution passes its kubelet or kube-proxy, read from the distribution's own
 * sources: {@link K3sArgs} for {@code k3s server|agent}, {@link MicroK8sArgs} for MicroK8s kubelite.
 */
public sealed interface EmbeddedArgs {

    /** The arguments, each with its source. */
    record Found(SourcedArgs args) implements EmbeddedArgs {
    }

    /** A source the distribution reads could not be read: every setting is unknown. */
    record Failed(String reason) implements EmbeddedArgs {
    }

    /** The distribution is configured not to run the component (k3s {@code disable-kube-proxy}). */
    record Disabled(String reason) implements EmbeddedArgs {
    }

    /** The embedded kubelet's arguments. */
    static EmbeddedArgs kubelet(HostScan host, Component.Embedded embedded) {
        return embedded.distribution().startsWith("k3s")
                ? K3sArgs.read(host, embedded.entry()).kubelet()
                : MicroK8sArgs.kubelet(host, embedded.entry());
    }

    /**
     * The arguments of {@code component} (kube-apiserver, kube-controller-manager, kube-scheduler or etcd)
     * embedded in the {@code k3s server} process {@code k3s}: for etcd, its {@code --config-file}.
     */
    static EmbeddedArgs k3sControlPlane(HostScan host, io.nodeward.host.proc.ProcessSnapshot.Entry k3s,
                                        String component) {
        return K3sArgs.read(host, k3s).controlPlane(component);
    }

    /** The embedded kube-proxy's arguments. */
    static EmbeddedArgs kubeProxy(HostScan host, Component.Embedded embedded) {
        return embedded.distribution().startsWith("k3s")
                ? K3sArgs.read(host, embedded.entry()).kubeProxy()
                : MicroK8sArgs.kubeProxy(host, embedded.entry());
    }
}
