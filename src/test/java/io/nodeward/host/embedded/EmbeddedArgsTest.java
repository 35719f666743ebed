package io.nodeward.host.embedded;

import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.CommandLineFlags;
import io.nodeward.host.proc.Component;
import io.nodeward.host.proc.ProcFixtures;
import io.nodeward.host.proc.ProcessSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k3s's and kubelite's argument sources, against the rules of their code (cited in {@link K3sArgs}, {@link MicroK8sArgs}). */
class EmbeddedArgsTest {

    @TempDir
    Path root;

    private void write(String hostPath, String text) throws IOException {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private EmbeddedArgs args(boolean kubelet, int pid, String... argv) throws IOException {
        ProcFixtures.cmdline(root, pid, argv);
        HostScan host = HostScan.of(HostRoot.of(root));
        ProcessSnapshot.Entry entry = host.processes().entry(pid).orElseThrow();
        Component.Embedded embedded = new Component.Embedded(entry,
                io.nodeward.host.proc.ProcessTable.embeddedKubelet(entry.argv()).orElseThrow());
        return kubelet ? EmbeddedArgs.kubelet(host, embedded) : EmbeddedArgs.kubeProxy(host, embedded);
    }

    private static CommandLineFlags flags(EmbeddedArgs args) {
        return assertInstanceOf(EmbeddedArgs.Found.class, args).args().parse(Set.of(), CommandLineFlags.ACCUMULATING);
    }

    @Test
    void k3sDefaultsAreReplacedByKubeletArgsAndTheCommandLineComesAfterTheConfigFile() throws IOException {
        write("/etc/rancher/k3s/config.yaml", "data-dir: /srv/k3s\nnode-name: Edge-1\nkubelet-arg: read-only-port=10255\n");
        write("/etc/rancher/k3s/config.yaml.d/10-x.yml", "kubelet-arg+: [\"feature-gates=A=true\"]\n");

        CommandLineFlags flags = flags(args(true, 812, "/usr/local/bin/k3s", "agent",
                "--kubelet-arg", "feature-gates+=B=false", "--kubelet-arg=config=/etc/kubelet.yaml"));

        assertEquals("/srv/k3s/agent/etc/kubelet.conf.d", flags.get("config-dir").orElseThrow());
        assertEquals("k3s default (pkg/daemons/agent)", flags.source("config-dir"));
        assertEquals("/srv/k3s/agent/kubelet.kubeconfig", flags.get("kubeconfig").orElseThrow());
        assertEquals("10255", flags.get("read-only-port").orElseThrow());
        assertEquals("k3s config /etc/rancher/k3s/config.yaml: kubelet-arg", flags.source("read-only-port"));
        assertEquals("A=true,B=false", flags.get("feature-gates").orElseThrow());
        assertEquals("k3s config /etc/rancher/k3s/config.yaml.d/10-x.yml: kubelet-arg, "
                + "k3s --kubelet-arg on /proc/812/cmdline", flags.source("feature-gates"));
        // the node name is not lower-cased when given; config= is copied into the config-dir by k3s, not passed
        assertEquals("Edge-1", flags.get("hostname-override").orElseThrow());
        assertTrue(flags.get("config").isEmpty());
    }

    @Test
    void k3sDisableKubeProxyAndAMalformedConfigFile() throws IOException {
        write("/etc/rancher/k3s/config.yaml", "disable-kube-proxy: true\n");
        assertEquals(new EmbeddedArgs.Disabled("kube-proxy is disabled "
                + "(k3s config /etc/rancher/k3s/config.yaml: disable-kube-proxy)"), args(false, 733, "k3s", "server"));

        write("/etc/rancher/k3s/config.yaml", "disable-agent: true\n");
        assertEquals(new EmbeddedArgs.Disabled("kubelet is disabled "
                + "(k3s config /etc/rancher/k3s/config.yaml: disable-agent)"), args(true, 733, "k3s", "server"));

        write("/etc/rancher/k3s/config.yaml", "kubelet-arg: [\n");
        EmbeddedArgs broken = args(true, 733, "k3s", "server");
        assertTrue(assertInstanceOf(EmbeddedArgs.Failed.class, broken).reason()
                .startsWith("k3s config /etc/rancher/k3s/config.yaml: malformed YAML"), broken.toString());
    }

    @Test
    void kubeliteArgsFilesAreUnquotedAndExpandedLineByLine() throws IOException {
        write("/var/snap/microk8s/current/args/kubelet", """
                # comment
                --kubeconfig=${SNAP_DATA}/credentials/kubelet.config

                --node-labels="a=b,c=d"
                --root-dir=$SNAP_COMMON/var/lib/kubelet --v=${UNSET}2
                """);

        CommandLineFlags flags = flags(args(true, 2210, "/snap/microk8s/7229/kubelite"));

        assertEquals("/var/snap/microk8s/current/credentials/kubelet.config", flags.get("kubeconfig").orElseThrow());
        assertEquals("MicroK8s /var/snap/microk8s/current/args/kubelet:2", flags.source("kubeconfig"));
        assertEquals("a=b,c=d", flags.get("node-labels").orElseThrow());
        assertEquals("/var/snap/microk8s/common/var/lib/kubelet", flags.get("root-dir").orElseThrow());
        assertEquals("2", flags.get("v").orElseThrow());
        assertEquals("MicroK8s /var/snap/microk8s/current/args/kubelet:5", flags.source("v"));
        assertEquals(new EmbeddedArgs.Failed("MicroK8s args file /var/snap/microk8s/current/args/kube-proxy does not exist"),
                args(false, 2210, "/snap/microk8s/7229/kubelite"));
    }
}
