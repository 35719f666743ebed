package io.nodeward.scan;

import io.nodeward.host.FactReader;
import io.nodeward.host.audit.AuditPolicyReader;
import io.nodeward.host.controlplane.ControlPlaneReader;
import io.nodeward.host.distribution.DistributionReader;
import io.nodeward.host.file.FileFactsReader;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.kubeproxy.KubeProxyReader;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.ssh.SshdConfigReader;
import io.nodeward.host.version.UpgradeReader;
import io.nodeward.benchmark.Distributions;
import io.nodeward.benchmark.ReleaseTable;

import java.time.Clock;

import java.util.List;
import java.util.Set;

/**
 * The fact readers, in the one order they run: processes first (everything else reads through
 * them), then the kubelet's configuration, then the control plane (its static pods live in the
 * kubelet's staticPodPath), then kube-proxy's and sshd's configuration, then the audit policy the API
 * server names, then the files those name, then the sockets, then the versions of the running binaries,
 * then the distribution (recognised from the kubelet's arguments, settings and version, read by then).
 * A list by hand, in one place, because the order is the dependency and reads best
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
     * @param releases        each Kubernetes minor version's end of life, for the upgrade facts
     * @param clock           today, for the days left until the kubelet's end of life
     * @param distributions   how each distribution's nodes are recognised ({@code distributions.yaml})
     */
    static List<FactReader> all(boolean kubeletExpected, Set<Integer> ports, ReleaseTable releases, Clock clock,
                                Distributions distributions) {
        return List.of(new ProcessReader(kubeletExpected), new KubeletReader(), new ControlPlaneReader(),
                new KubeProxyReader(), new SshdConfigReader(), new AuditPolicyReader(), new FileFactsReader(),
                new PortReader(ports), new UpgradeReader(releases, clock), new DistributionReader(distributions));
    }

}
