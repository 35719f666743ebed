package io.nodeward.host.kubeproxy;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.ProcFixtures;
import io.nodeward.host.proc.ProcessReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KubeProxyReaderTest {

    /** kube-proxy refuses a config file without these (cmd/kube-proxy/app/options.go loadConfig). */
    private static final String KUBE_PROXY_CONFIGURATION =
            "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n";

    @TempDir
    Path node;

    /** kubeadm's kube-proxy pod (in the fixture): its ConfigMap volume, where the kubelet put it on the node. */
    static final String KUBEADM_CONFIG_MAP = "/var/lib/kubelet/pods/3e9a7c52-8f0b-4d61-a2c4-6b1d9e0f7a35/volumes/"
            + "kubernetes.io~configmap/kube-proxy";

    @Test
    void kubeadmsKubeProxyConfigIsReadFromItsConfigMapVolumeOnTheHost() {
        Map<String, Fact> facts = read(Path.of("src/test/resources/hostroot/kubeadm-worker"));

        String config = "config file /var/lib/kube-proxy/config.conf, host path " + KUBEADM_CONFIG_MAP + "/config.conf";
        assertPresent(facts, "kube-proxy.config", "/var/lib/kube-proxy/config.conf", "flag --config");
        assertPresent(facts, "kube-proxy.hostnameOverride", "worker-1", "flag --hostname-override");
        // kubeadm's ConfigMap names the kubeconfig as the pod sees it; the file checks find it on the host
        assertPresent(facts, "kube-proxy.kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf", config);
        // metricsBindAddress: "" is defaulted (SetDefaults_KubeProxyConfiguration)
        assertPresent(facts, "kube-proxy.metricsBindAddress", "127.0.0.1:10249",
                "default: no metricsBindAddress in " + config);
    }

    @Test
    void aKubeProxyPodWhoseMountTableCannotBeReadHasAnUnknownKubeconfigAndLeavesMetricsToTheSockets()
            throws IOException {
        ProcFixtures.cmdline(node, 2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf");
        ProcFixtures.cgroup(node, 2301, "0::/kubepods.slice/kubepods-besteffort.slice/"
                + "kubepods-besteffort-pod3e9a7c52_8f0b_4d61_a2c4_6b1d9e0f7a35.slice/cri-containerd-9b2f4e6a1c3d5e7f.scope");

        Map<String, Fact> facts = read(node);

        String why = "kube-proxy runs in a pod (/proc/2301/cgroup is /kubepods.slice/kubepods-besteffort.slice/"
                + "kubepods-besteffort-pod3e9a7c52_8f0b_4d61_a2c4_6b1d9e0f7a35.slice/cri-containerd-9b2f4e6a1c3d5e7f.scope)"
                + " and its mount table cannot be read, so where /var/lib/kube-proxy/config.conf is on the host is"
                + " unknown: /proc/2301/mountinfo does not exist";
        assertEquals(Fact.error("kube-proxy.kubeconfig", "kube-proxy takes its kubeconfig from its --config file,"
                + " which cannot be read: " + why), facts.get("kube-proxy.kubeconfig"));
        assertEquals(Fact.absent("kube-proxy.metricsBindAddress", why + "; the live socket table decides"),
                facts.get("kube-proxy.metricsBindAddress"));
    }

    @Test
    void aKubeProxyConfigInTheContainersImageIsNoHostFile() throws IOException {
        ProcFixtures.cmdline(node, 2301, "/usr/local/bin/kube-proxy", "--config=/etc/kube-proxy/config.yaml");
        ProcFixtures.cgroup(node, 2301, "0::/kubepods.slice/kubepods-pod5b1c.slice/cri-containerd-4d2e.scope");
        write("proc/1/mountinfo", "22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw\n");
        write("proc/2301/mountinfo", "1320 1280 0:55 / / rw,relatime master:232 - overlay overlay rw\n"
                + "1328 1320 259:1 /var/lib/kubelet/pods/5b1c/volumes/kubernetes.io~configmap/kp /var/lib/kube-proxy"
                + " ro,relatime - ext4 /dev/root rw\n");

        Map<String, Fact> facts = read(node);

        assertEquals("kube-proxy takes its kubeconfig from its --config file, which cannot be read: "
                        + "/etc/kube-proxy/config.yaml is in kube-proxy's container file system (its image, an overlay"
                        + " mounted at /), not a file of the node",
                facts.get("kube-proxy.kubeconfig").reason());
        assertEquals(Fact.State.ERROR, facts.get("kube-proxy.kubeconfig").state());
    }

    @Test
    void aHostKubeProxysMissingConfigIsAnErrorNotAbsent() throws IOException {
        ProcFixtures.cmdline(node, 300, "/usr/local/bin/kube-proxy", "--config=/etc/kube-proxy/config.yaml");
        ProcFixtures.cgroup(node, 300, "0::/system.slice/kube-proxy.service");

        Fact metrics = read(node).get("kube-proxy.metricsBindAddress");

        assertEquals(Fact.State.ERROR, metrics.state());
        assertEquals("kube-proxy --config /etc/kube-proxy/config.yaml is not visible under the host root, and "
                + "kube-proxy runs on the host (/proc/300/cgroup shows no pod): not mounted?", metrics.reason());
    }

    @Test
    void aMissingConfigWithUnreadableCgroupIsAnError() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--config=/etc/kube-proxy/config.yaml");

        assertEquals(Fact.State.ERROR, read(node).get("kube-proxy.metricsBindAddress").state());
    }

    @Test
    void withConfigTheFileAloneCountsAndTheFlagsItReplacesAreIgnored() throws IOException {
        // cmd/kube-proxy/app/options.go Complete: o.config = c replaces what --kubeconfig and
        // --metrics-bind-address wrote; only logging flags and --hostname-override survive
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--kubeconfig", "/var/lib/kube-proxy/kubeconfig",
                "--metrics-bind-address=0.0.0.0:10249", "--config=/etc/kube-proxy/config.yaml");
        write("etc/kube-proxy/config.yaml", KUBE_PROXY_CONFIGURATION + "metricsBindAddress: 127.0.0.1:10249\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kube-proxy.metricsBindAddress", "127.0.0.1:10249", "config file /etc/kube-proxy/config.yaml");
        assertEquals(Fact.absent("kube-proxy.kubeconfig", "no clientConnection.kubeconfig in config file "
                + "/etc/kube-proxy/config.yaml: kube-proxy uses its in-cluster service account; flag --kubeconfig is"
                + " ignored: with --config, kube-proxy takes every setting but logging and --hostname-override from"
                + " the file"), facts.get("kube-proxy.kubeconfig"));
    }

    @Test
    void withoutConfigTheFlagsAreTheSettings() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--kubeconfig", "/var/lib/kube-proxy/kubeconfig",
                "--metrics-bind-address=0.0.0.0:10249");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kube-proxy.metricsBindAddress", "0.0.0.0:10249", "flag --metrics-bind-address");
        assertPresent(facts, "kube-proxy.kubeconfig", "/var/lib/kube-proxy/kubeconfig", "flag --kubeconfig");
    }

    @Test
    void theConfigFilesKubeconfigIsTheOneKubeProxyLoads() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--config=/etc/kube-proxy/config.yaml",
                "--kubeconfig=/etc/kube-proxy/ignored.conf");
        write("etc/kube-proxy/config.yaml", KUBE_PROXY_CONFIGURATION
                + "clientConnection:\n  kubeconfig: /etc/kube-proxy/kubeconfig.conf\n");

        assertPresent(read(node), "kube-proxy.kubeconfig", "/etc/kube-proxy/kubeconfig.conf",
                "config file /etc/kube-proxy/config.yaml; flag --kubeconfig is ignored: with --config, kube-proxy"
                        + " takes every setting but logging and --hostname-override from the file");
    }

    @Test
    void anEmptyConfigFileHasNoKind() throws IOException {
        // cmd/kube-proxy/app/options.go loadConfig has no empty-file check (unlike the kubelet's
        // fsLoader): the codec finds no kind
        ProcFixtures.cmdline(node, 300, "/usr/local/bin/kube-proxy", "--config=/etc/kube-proxy/config.yaml");
        write("etc/kube-proxy/config.yaml", "");

        Fact fact = read(node).get(KubeProxyReader.METRICS_BIND_ADDRESS);
        assertEquals(Fact.State.ERROR, fact.state());
        assertEquals("kube-proxy config file /etc/kube-proxy/config.yaml: kube-proxy refuses it: failed to decode:"
                + " Object 'Kind' is missing in ''", fact.reason());
    }

    @Test
    void aMetricsBindAddressOfTheWrongTypeIsRefused() throws IOException {
        // kubernetes-sigs/json: a number into a string field is fatal in the strict and the lenient pass
        ProcFixtures.cmdline(node, 300, "/usr/local/bin/kube-proxy", "--config=/etc/kube-proxy/config.yaml");
        write("etc/kube-proxy/config.yaml", KUBE_PROXY_CONFIGURATION + "metricsBindAddress: 10249\n");

        assertEquals("kube-proxy config file /etc/kube-proxy/config.yaml: kube-proxy refuses it: failed to decode:"
                + " json: cannot unmarshal number into Go struct field KubeProxyConfiguration.metricsBindAddress of type string",
                read(node).get(KubeProxyReader.METRICS_BIND_ADDRESS).reason());
    }

    @Test
    void metricsBindAddressFromTheConfigFileOnTheHost() throws IOException {
        ProcFixtures.cmdline(node, 300, "/usr/local/bin/kube-proxy", "--config", "/etc/kube-proxy/config.yaml");
        write("etc/kube-proxy/config.yaml", """
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                metricsBindAddress: 0.0.0.0:10249
                """);

        assertPresent(read(node), "kube-proxy.metricsBindAddress", "0.0.0.0:10249",
                "config file /etc/kube-proxy/config.yaml");
    }

    @Test
    void aRelativeConfigIsReadAgainstKubeProxysWorkingDirectory() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--config=config.yaml");
        ProcFixtures.cwd(node, 300, "/etc/kube-proxy");
        write("etc/kube-proxy/config.yaml", KUBE_PROXY_CONFIGURATION + "metricsBindAddress: 0.0.0.0:10249\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kube-proxy.config", "/etc/kube-proxy/config.yaml", "flag --config");
        assertPresent(facts, "kube-proxy.metricsBindAddress", "0.0.0.0:10249", "config file /etc/kube-proxy/config.yaml");
    }

    @Test
    void aRelativeConfigWithUnreadableWorkingDirectoryIsAnError() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--config=config.yaml");

        Map<String, Fact> facts = read(node);

        String reason = "cannot resolve relative --config config.yaml: cannot read /proc/300/cwd: no such file";
        assertEquals(reason, facts.get("kube-proxy.config").reason());
        assertEquals(Fact.State.ERROR, facts.get("kube-proxy.metricsBindAddress").state());
        assertEquals(reason, facts.get("kube-proxy.metricsBindAddress").reason());
    }

    @Test
    void malformedConfigFileIsAnError() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--config=/etc/kube-proxy/config.yaml");
        write("etc/kube-proxy/config.yaml", "metricsBindAddress: [\n");

        Fact fact = read(node).get("kube-proxy.metricsBindAddress");

        assertEquals(Fact.State.ERROR, fact.state());
        assertEquals("kube-proxy config file /etc/kube-proxy/config.yaml:2: malformed YAML: "
                + "expected the node content, but found '<stream end>'", fact.reason());
    }

    @Test
    void aCommandLineCutAtOneMebibyteMakesItsFactsErrors() throws IOException {
        ProcFixtures.cmdline(node, 300, "kube-proxy", "--hostname-override=" + "x".repeat(1 << 20),
                "--metrics-bind-address=0.0.0.0:10249");

        Map<String, Fact> facts = read(node);

        assertEquals(3, facts.size());
        facts.values().forEach(f -> {
            assertEquals(Fact.State.ERROR, f.state(), f.key());
            assertEquals("/proc/300/cmdline: command line longer than 1 MiB, not read whole", f.reason(), f.key());
        });
    }

    @Test
    void noKubeProxyMeansItsFactsAreAbsent() throws IOException {
        ProcFixtures.cmdline(node, 1, "/sbin/init");

        Map<String, Fact> facts = read(node);

        assertEquals(3, facts.size());
        facts.values().forEach(f -> assertEquals("kube-proxy is not running", f.reason(), f.key()));
    }

    private void write(String hostPath, String content) throws IOException {
        Path file = node.resolve(hostPath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Map<String, Fact> read(Path tree) {
        HostScan host = HostScan.of(HostRoot.of(tree));
        List<Fact> processes = new ProcessReader().read(host, HostFacts.builder().build());
        return new KubeProxyReader().read(host, HostFacts.builder().addAll(processes).build()).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    private static void assertPresent(Map<String, Fact> facts, String key, String value, String source) {
        Fact fact = facts.get(key);
        assertEquals(Fact.State.PRESENT, fact.state(), key + ": " + fact.reason());
        assertEquals(value, fact.value(), key);
        assertEquals(source, fact.source(), key);
    }
}
