package io.nodeward.host;

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

import java.util.List;

/**
 * Every fact key a reader may produce and so a benchmark may name: the union of each reader's
 * declared {@code KEYS}. The benchmark loader rejects any other key, so a typo in a benchmark file
 * fails at start, with a suggestion, instead of silently never matching. The keys are documented,
 * with examples, in {@code benchmarks/README.md}.
 */
public final class FactKeys {

    public static final KeySpace ALL = KeySpace.union(List.of(ProcessReader.KEYS, KubeletReader.KEYS,
            ControlPlaneReader.KEYS, KubeProxyReader.KEYS, SshdConfigReader.KEYS, AuditPolicyReader.KEYS,
            FileFactsReader.KEYS, PortReader.KEYS, UpgradeReader.KEYS, DistributionReader.KEYS));

    private FactKeys() {
    }
}
