package io.nodeward.scan;

import io.nodeward.host.FactReader;
import io.nodeward.host.audit.AuditPolicyReader;
import io.nodeward.host.controlplane.ControlPlaneReader;
import io.nodeward.host.file.FileFactsReader;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.kubeproxy.KubeProxyReader;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.ssh.SshdConfigReader;

import java.util.List;
import java.util.Set;

/**
 * The fact readers, in the one order they run: processes first (everything else reads through
 * them), then the kubelet's, kube-proxy's and sshd's configuration, then whether this is a
 * control-plane node (from the processes and the kubelet's static pod manifests), then the files
 * those name, then the sockets. A list by hand, in one place, because the order is the dependency and reads best
 * written out; each reader declares the keys it produces ({@link FactReader#keys()}).
 */
final class FactReaders {

    private FactReaders() {
    }

    /**
     * Every reader.
     *
     * @param kubeletExpected see {@link ScannerSettings#kubeletExpected()}
     * @param ports           the ports the port reader reports on
     */
    static List<FactReader> all(boolean kubeletExpected, Set<Integer> ports) {
        return List.of(new ProcessReader(kubeletExpected), new KubeletReader(), new KubeProxyReader(),
                new SshdConfigReader(), new ControlPlaneReader(), new AuditPolicyReader(),
                new FileFactsReader(), new PortReader(ports));
    }

}
