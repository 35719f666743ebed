package io.nodeward.host;

import io.nodeward.host.controlplane.ControlPlaneReader;
import io.nodeward.host.file.FileFactsReader;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.kubeproxy.KubeProxyReader;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.ssh.SshdConfigReader;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reader, run in the scanner's order over every fixture tree and over a node full of things no
 * reader may report (unknown kubelet fields, flags kube-proxy lacks, keywords sshd lacks), produces
 * only keys it declares: a benchmark can therefore name every key a reader reports, and the loader's
 * check against {@link FactKeys#ALL} rejects nothing a reader could have produced.
 */
class ReadersProduceDeclaredKeysTest {

    @TempDir
    Path dir;

    private static List<FactReader> readers() {
        return List.of(new ProcessReader(), new KubeletReader(), new ControlPlaneReader(), new KubeProxyReader(),
                new SshdConfigReader(), new io.nodeward.host.audit.AuditPolicyReader(),
                new FileFactsReader(), new PortReader(Set.of(1, 22, 10250, 10255, 65535)),
                new io.nodeward.host.version.UpgradeReader(io.nodeward.benchmark.ReleaseTable.of(java.util.Map.of()),
                        java.time.Clock.systemUTC()),
                new io.nodeward.host.distribution.DistributionReader(REPOSITORY_DISTRIBUTIONS));
    }

    /** The repository's benchmarks/distributions.yaml. */
    private static final io.nodeward.benchmark.Distributions REPOSITORY_DISTRIBUTIONS;

    static {
        try {
            REPOSITORY_DISTRIBUTIONS = io.nodeward.benchmark.Distributions.parse("distributions.yaml",
                    Files.readString(Path.of("benchmarks/distributions.yaml")), FactKeys.ALL);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyFixtureTreeYieldsOnlyDeclaredKeys() throws IOException {
        List<String> trees;
        try (Stream<Path> entries = Files.list(NodeTree.FIXTURES)) {
            trees = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(trees.size() >= 10, "fixture trees: " + trees);
        for (String tree : trees) {
            Path root = NodeTree.of(Files.createDirectory(dir.resolve(tree)), tree).root();
            assertOnlyDeclaredKeys(tree, root);
        }
    }

    @Test
    void aNodeFullOfUndeclaredNamesYieldsOnlyDeclaredKeys() throws IOException {
        Path root = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "debian-cloud-sshd")
                .process(1234, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml", "--made-up-flag=1",
                        "--feature-gates=SomeGate=true", "--v=2")
                .process(2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf",
                        "--no-such-flag=x", "--h", "--v=2", "--metrics-bind-address=0.0.0.0:10249")
                .process(812, "/usr/sbin/sshd", "-D", "-o", "NoSuchKeyword=yes", "-o", "KeepAlive=no")
                .write("/var/lib/kubelet/config.yaml", """
                        apiVersion: kubelet.config.k8s.io/v1beta1
                        kind: KubeletConfiguration
                        readOnlyPort: 0
                        notAKubeletField: true
                        evictionHard:
                          imagefs/available: 15%
                          memory.available: 100Mi
                        ? HOSTILE
                        : true
                        """.replace("HOSTILE", "readOnlyPort" + ".x".repeat(1_999)))
                // an unknown keyword in the file makes sshd refuse the file, so every sshd fact would be an
                // ERROR (SshdConfigReaderTest); the undeclared sshd name comes through -o above instead
                .write("/etc/ssh/sshd_config", """
                        PermitRootLogin no
                        ChallengeResponseAuthentication no
                        HostDSAKey /etc/ssh/ssh_host_dsa_key
                        Match User deploy
                            X11Forwarding yes
                        """)
                .root();

        Map<String, Fact> facts = assertOnlyDeclaredKeys("undeclared names", root);

        assertEquals("no", facts.get("sshd.permitrootlogin").value());
        assertEquals("no", facts.get("sshd.kbdinteractiveauthentication").value());
        assertEquals("no", facts.get("sshd.tcpkeepalive").value());
        assertEquals("/etc/ssh/ssh_host_dsa_key", facts.get("sshd.hostkey").value());
        assertEquals("0", facts.get("kubelet.readOnlyPort").value());
        assertEquals("100Mi", facts.get("kubelet.evictionHard.memory.available").value());
        assertEquals("0.0.0.0:10249", facts.get("kube-proxy.metricsBindAddress").value());
        assertEquals("2", facts.get("kube-proxy.v").value());
        assertFalse(facts.keySet().stream().anyMatch(k -> k.toLowerCase().contains("nosuch")
                || k.toLowerCase().contains("notakeyword") || k.contains("notAKubeletField")
                || k.contains("madeUpFlag") || k.equals("kube-proxy.h")), facts.keySet().toString());
    }

    @Test
    void theUnionHoldsEveryReadersKeys() {
        for (FactReader reader : readers()) {
            for (KeyPattern pattern : reader.keys().patterns()) {
                assertTrue(FactKeys.ALL.patterns().contains(pattern), reader.name() + ": " + pattern);
            }
        }
    }

    /** Runs the readers over {@code root}, asserting each key is its reader's; returns the facts by key. */
    private static Map<String, Fact> assertOnlyDeclaredKeys(String node, Path root) {
        HostScan host = HostScan.of(new HostRoot(root, root.resolve("proc")));
        HostFacts.Builder known = HostFacts.builder();
        List<Fact> all = new ArrayList<>();
        for (FactReader reader : readers()) {
            List<Fact> facts = reader.read(host, known.build());
            for (Fact fact : facts) {
                assertTrue(reader.keys().contains(fact.key()), node + ": reader " + reader.name()
                        + " produced undeclared key '" + fact.key() + "'");
                assertTrue(FactKeys.ALL.contains(fact.key()), node + ": " + fact.key());
            }
            known.addAll(facts);
            all.addAll(facts);
        }
        assertFalse(all.isEmpty(), node);
        return all.stream().collect(Collectors.toMap(Fact::key, Function.identity(), (a, b) -> a));
    }
}
