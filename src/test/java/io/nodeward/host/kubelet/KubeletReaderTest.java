package io.nodeward.host.kubelet;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kubelet's effective configuration, read from whole node trees. */
class KubeletReaderTest {

    private static final String CFG = "default (config file in use)";
    private static final String FLAGS = "default (flags only)";

    /**
     * What every config file and drop-in the kubelet loads starts with: without a kind it refuses the
     * file, and without this apiVersion the config file (see {@code KubeletDecodingTest}).
     */
    static final String KUBELET_CONFIGURATION = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

    @TempDir
    Path node;

    // ---- realistic nodes

    @Test
    void kubeadmWorkerTakesTheConfigFileAndItsDefaults() {
        Map<String, Fact> facts = read(Path.of("src/test/resources/hostroot/kubeadm-worker"));
        String file = "config file /var/lib/kubelet/config.yaml";

        assertPresent(facts, "kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config");
        assertPresent(facts, "kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf", "flag --kubeconfig");
        assertPresent(facts, "kubelet.bootstrapKubeconfig", "/etc/kubernetes/bootstrap-kubelet.conf",
                "flag --bootstrap-kubeconfig");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", file);
        assertPresent(facts, "kubelet.authentication.webhook.enabled", "true", file);
        assertPresent(facts, "kubelet.authentication.x509.clientCAFile", "/etc/kubernetes/pki/ca.crt", file);
        assertPresent(facts, "kubelet.authorization.mode", "Webhook", file);
        assertPresent(facts, "kubelet.rotateCertificates", "true", file);
        assertPresent(facts, "kubelet.staticPodPath", "/etc/kubernetes/manifests", file);
        assertPresent(facts, "kubelet.cgroupDriver", "systemd", file);
        assertPresent(facts, "kubelet.clusterDNS", "10.96.0.10", file);
        assertPresent(facts, "kubelet.healthzPort", "10248", file);
        assertPresent(facts, "kubelet.readOnlyPort", "0", CFG);
        assertPresent(facts, "kubelet.port", "10250", CFG);
        assertPresent(facts, "kubelet.eventRecordQPS", "50", CFG);
        assertPresent(facts, "kubelet.makeIPTablesUtilChains", "true", CFG);
        assertPresent(facts, "kubelet.podPidsLimit", "-1", CFG);
        assertPresent(facts, "kubelet.seccompDefault", "false", CFG);
        assertPresent(facts, "kubelet.protectKernelDefaults", "false", CFG);
        assertPresent(facts, "kubelet.serverTLSBootstrap", "false", CFG);
        assertPresent(facts, "kubelet.featureGates.RotateKubeletServerCertificate", "true", CFG);
        assertAbsent(facts, "kubelet.tlsCipherSuites", "not set");
        assertAbsent(facts, "kubelet.tlsCertFile", "not set");
        assertAbsent(facts, "kubelet.hostnameOverride", "not set");
        assertAbsent(facts, "kubelet.configDir", "not set");
    }

    @Test
    void kubeadmsZeroDurationsAreDefaultedByTheKubeletNotTakenLiterally() {
        Map<String, Fact> facts = read(Path.of("src/test/resources/hostroot/kubeadm-worker"));

        // kubeadm writes "streamingConnectionIdleTimeout: 0s"; the kubelet's defaulting makes it 4h,
        // and the source says why the report disagrees with the file
        String zero = "config file /var/lib/kubelet/config.yaml sets 0s, which the kubelet replaces with its default";
        assertPresent(facts, "kubelet.streamingConnectionIdleTimeout", "4h0m0s", zero);
        assertPresent(facts, "kubelet.authentication.webhook.cacheTTL", "2m0s", zero);
        assertPresent(facts, "kubelet.authorization.webhook.cacheUnauthorizedTTL", "30s", zero);
    }

    @Test
    void cloudNodeWithJsonConfigAtANonStandardPathPassedSpaceSeparated() {
        Map<String, Fact> facts = read(Path.of("src/test/resources/hostroot/cloud-node"));
        String file = "config file /etc/kubernetes/kubelet/kubelet-config.json";

        assertPresent(facts, "kubelet.config", "/etc/kubernetes/kubelet/kubelet-config.json", "flag --config");
        assertPresent(facts, "kubelet.kubeconfig", "/var/lib/kubelet/kubeconfig", "flag --kubeconfig");
        assertPresent(facts, "kubelet.hostnameOverride", "ip-10-0-1-23.ec2.internal", "flag --hostname-override");
        assertPresent(facts, "kubelet.nodeIp", "10.0.1.23", "flag --node-ip");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", file);
        assertPresent(facts, "kubelet.authorization.mode", "Webhook", file);
        assertPresent(facts, "kubelet.readOnlyPort", "0", file);
        assertPresent(facts, "kubelet.maxPods", "29", file);
        assertPresent(facts, "kubelet.serverTLSBootstrap", "true", file);
        assertPresent(facts, "kubelet.protectKernelDefaults", "true", file);
        assertPresent(facts, "kubelet.featureGates.RotateKubeletServerCertificate", "true", file);
        assertPresent(facts, "kubelet.tlsCipherSuites", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
                + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", file);
        assertPresent(facts, "kubelet.evictionHard.memory.available", "100Mi", file);
        assertPresent(facts, "kubelet.rotateCertificates", "false", CFG);
    }

    @Test
    void flagsOnlyKubeletRunsWithLegacyDefaults() throws IOException {
        kubelet("/usr/local/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.kubeconfig",
                "--pod-manifest-path=/etc/kubernetes/manifests", "--v=2");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "10255", FLAGS);
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "true", FLAGS);
        assertPresent(facts, "kubelet.authentication.webhook.enabled", "false", FLAGS);
        assertPresent(facts, "kubelet.authorization.mode", "AlwaysAllow", FLAGS);
        assertPresent(facts, "kubelet.streamingConnectionIdleTimeout", "4h0m0s", FLAGS);
        assertPresent(facts, "kubelet.staticPodPath", "/etc/kubernetes/manifests", "flag --pod-manifest-path");
        // --v is no KubeletConfiguration field nor a modelled flag: the catalogue keeps it out
        assertFalse(facts.containsKey("kubelet.v"));
        assertAbsent(facts, "kubelet.config", "not set");
    }

    @Test
    void dropInsOverrideTheConfigFileInFileNameOrderAndAFlagOverridesBoth() throws IOException {
        kubelet("/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml",
                "--config-dir=/etc/kubernetes/kubelet.conf.d", "--event-qps=0");
        write("var/lib/kubelet/config.yaml", """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                readOnlyPort: 10255
                eventRecordQPS: 5
                clusterDomain: cluster.local
                authentication:
                  anonymous:
                    enabled: true
                  x509:
                    clientCAFile: /etc/kubernetes/pki/ca.crt
                tlsCipherSuites: [TLS_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA]
                """);
        write("etc/kubernetes/kubelet.conf.d/50-domain.conf", KUBELET_CONFIGURATION + "clusterDomain: b.example\n");
        write("etc/kubernetes/kubelet.conf.d/10-ro.conf", KUBELET_CONFIGURATION + """
                readOnlyPort: 0
                eventRecordQPS: 10
                clusterDomain: a.example
                tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                """);
        write("etc/kubernetes/kubelet.conf.d/20-auth.conf", KUBELET_CONFIGURATION + """
                authentication:
                  anonymous:
                    enabled: false
                """);
        write("etc/kubernetes/kubelet.conf.d/30-ignored.yaml", "seccompDefault: true\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "0", "drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf");
        assertPresent(facts, "kubelet.clusterDomain", "b.example", "drop-in /etc/kubernetes/kubelet.conf.d/50-domain.conf");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false",
                "drop-in /etc/kubernetes/kubelet.conf.d/20-auth.conf");
        // a merge, not a replacement: the sibling from the config file survives
        assertPresent(facts, "kubelet.authentication.x509.clientCAFile", "/etc/kubernetes/pki/ca.crt",
                "config file /var/lib/kubelet/config.yaml");
        // lists are replaced whole
        assertPresent(facts, "kubelet.tlsCipherSuites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf");
        assertPresent(facts, "kubelet.eventRecordQPS", "0", "flag --event-qps");
        assertPresent(facts, "kubelet.seccompDefault", "false", CFG);
        assertPresent(facts, "kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir");
    }

    @Test
    void dropInsInSubdirectoriesAreAppliedInTheKubeletsWalkOrder() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 10255\n");
        write("etc/kubernetes/kubelet.conf.d/10.conf", KUBELET_CONFIGURATION + "readOnlyPort: 10255\neventRecordQPS: 1\nclusterDomain: ten.example\n");
        // WalkDir reaches sub/ when its name comes up: after 10.conf, before zz.conf
        write("etc/kubernetes/kubelet.conf.d/sub/05.conf", KUBELET_CONFIGURATION + "readOnlyPort: 0\neventRecordQPS: 2\n");
        write("etc/kubernetes/kubelet.conf.d/zz.conf", KUBELET_CONFIGURATION + "eventRecordQPS: 3\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "0", "drop-in /etc/kubernetes/kubelet.conf.d/sub/05.conf");
        assertPresent(facts, "kubelet.eventRecordQPS", "3", "drop-in /etc/kubernetes/kubelet.conf.d/zz.conf");
        assertPresent(facts, "kubelet.clusterDomain", "ten.example", "drop-in /etc/kubernetes/kubelet.conf.d/10.conf");
    }

    @Test
    void aSymlinkToADirectoryAmongTheDropInsIsNotWalked() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");
        write("etc/kubernetes/kubelet.conf.d/10.conf", KUBELET_CONFIGURATION + "eventRecordQPS: 1\n");
        write("etc/elsewhere/20.conf", KUBELET_CONFIGURATION + "readOnlyPort: 10255\n");
        Files.createSymbolicLink(node.resolve("etc/kubernetes/kubelet.conf.d/linked"), Path.of("/etc/elsewhere"));

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "0", "config file /var/lib/kubelet/config.yaml");
        assertPresent(facts, "kubelet.eventRecordQPS", "1", "drop-in /etc/kubernetes/kubelet.conf.d/10.conf");
    }

    @Test
    void aSymlinkedConfigDirIsWalkedOnlyWhenTheFlagEndsInASlash() throws IOException {
        // WalkDir lstat()s its root: a link there is one entry, not a directory, unless "/" makes lstat follow it
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 10255\n");
        write("etc/kubelet-dropins/10-ro.conf", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");
        Files.createDirectories(node.resolve("etc/kubernetes"));
        Files.createSymbolicLink(node.resolve("etc/kubernetes/kubelet.conf.d"), Path.of("/etc/kubelet-dropins"));

        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d");
        assertPresent(read(node), "kubelet.readOnlyPort", "10255", "config file /var/lib/kubelet/config.yaml");

        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d/");
        assertPresent(read(node), "kubelet.readOnlyPort", "0", "drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf");
    }

    @Test
    void featureGatesFlagMergesIntoTheConfigFilesGates() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml",
                "--feature-gates=RotateKubeletServerCertificate=true,KubeletTracing=false");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + """
                featureGates:
                  RotateKubeletServerCertificate: false
                  GracefulNodeShutdown: true
                """);

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.featureGates.RotateKubeletServerCertificate", "true", "flag --feature-gates");
        assertPresent(facts, "kubelet.featureGates.KubeletTracing", "false", "flag --feature-gates");
        assertPresent(facts, "kubelet.featureGates.GracefulNodeShutdown", "true",
                "config file /var/lib/kubelet/config.yaml");
    }

    @Test
    void repeatedFeatureGatesFlagsAddUpAndALaterOneWinsGateByGate() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml",
                "--feature-gates=RotateKubeletServerCertificate=false,KubeletTracing=true",
                "--feature-gates=KubeletTracing=false", "--tls-cipher-suites=TLS_AES_128_GCM_SHA256",
                "--tls-cipher-suites=TLS_AES_256_GCM_SHA384");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.featureGates.RotateKubeletServerCertificate", "false", "flag --feature-gates");
        assertPresent(facts, "kubelet.featureGates.KubeletTracing", "false", "flag --feature-gates");
        // pflag's string slices append after the first occurrence
        assertPresent(facts, "kubelet.tlsCipherSuites", "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384",
                "flag --tls-cipher-suites");
    }

    @Test
    void hyperkubeKubeletIsReadLikeAnyOther() throws IOException {
        kubelet("/hyperkube", "kubelet", "--read-only-port=0", "--anonymous-auth=false");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "0", "flag --read-only-port");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", "flag --anonymous-auth");
    }

    @Test
    void yamlNumbersAndBooleansAreNormalised() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--make-iptables-util-chains=F");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + """
                readOnlyPort: 10255
                seccompDefault: True
                podPidsLimit: 4096
                """);

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "10255", "config file /var/lib/kubelet/config.yaml");
        assertPresent(facts, "kubelet.seccompDefault", "true", "config file /var/lib/kubelet/config.yaml");
        assertPresent(facts, "kubelet.podPidsLimit", "4096", "config file /var/lib/kubelet/config.yaml");
        assertPresent(facts, "kubelet.makeIPTablesUtilChains", "false", "flag --make-iptables-util-chains");
    }

    // ---- broken inputs: errors naming the host path, flags stay known

    @Test
    void malformedYamlMakesFileSettingsErrorsWithPathAndLineButFlagsStayKnown() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--read-only-port=0",
                "--kubeconfig=/etc/kubernetes/kubelet.conf");
        write("var/lib/kubelet/config.yaml", """
                apiVersion: kubelet.config.k8s.io/v1beta1
                authentication:
                  anonymous:
                    enabled: false
                   webhook: [
                """);

        Map<String, Fact> facts = read(node);

        Fact anonymous = facts.get("kubelet.authentication.anonymous.enabled");
        assertEquals(Fact.State.ERROR, anonymous.state());
        assertEquals("kubelet config file /var/lib/kubelet/config.yaml:5: malformed YAML: "
                + "expected <block end>, but found '<block mapping start>'", anonymous.reason());
        assertEquals(anonymous.reason(), facts.get("kubelet.authorization.mode").reason());
        assertPresent(facts, "kubelet.readOnlyPort", "0", "flag --read-only-port");
        assertPresent(facts, "kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf", "flag --kubeconfig");
        assertPresent(facts, "kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config");
    }

    @Test
    void configPathThatIsADirectoryIsAnError() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        Files.createDirectories(node.resolve("var/lib/kubelet/config.yaml"));

        assertError(read(node), "kubelet.readOnlyPort",
                "kubelet config file /var/lib/kubelet/config.yaml: is a directory, not a file");
    }

    @Test
    void danglingSymlinkIsAnErrorNotADefault() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        Files.createDirectories(node.resolve("var/lib/kubelet"));
        Files.createSymbolicLink(node.resolve("var/lib/kubelet/config.yaml"), Path.of("/etc/kubelet/gone.yaml"));

        assertError(read(node), "kubelet.authentication.anonymous.enabled",
                "kubelet config file /var/lib/kubelet/config.yaml: dangling symbolic link to /etc/kubelet/gone.yaml");
    }

    @Test
    void absoluteSymlinksAreFollowedInsideTheHostRoot() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        write("etc/kubelet/real.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 10255\n");
        Files.createDirectories(node.resolve("var/lib/kubelet"));
        Files.createSymbolicLink(node.resolve("var/lib/kubelet/config.yaml"), Path.of("/etc/kubelet/real.yaml"));

        assertPresent(read(node), "kubelet.readOnlyPort", "10255", "config file /var/lib/kubelet/config.yaml");
    }

    @Test
    void hugeConfigFileIsNotReadAndIsAnError() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        write("var/lib/kubelet/config.yaml", "# padding\n".repeat(ConfigFiles.MAX_BYTES / 10 + 1));

        assertError(read(node), "kubelet.readOnlyPort",
                "kubelet config file /var/lib/kubelet/config.yaml: larger than 1048576 bytes, not read");
    }

    @Test
    void missingConfigFileIsAnError() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");

        assertError(read(node), "kubelet.readOnlyPort", "kubelet config file /var/lib/kubelet/config.yaml: no such file");
    }

    @Test
    void malformedDropInIsAnErrorNamingTheDropIn() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d",
                "--anonymous-auth=false");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");
        write("etc/kubernetes/kubelet.conf.d/10-bad.conf", "readOnlyPort: [10255\n");

        Map<String, Fact> facts = read(node);

        Fact port = facts.get("kubelet.readOnlyPort");
        assertEquals(Fact.State.ERROR, port.state());
        assertEquals("kubelet drop-in /etc/kubernetes/kubelet.conf.d/10-bad.conf:2: malformed YAML: "
                + "expected ',' or ']', but got <stream end>", port.reason());
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", "flag --anonymous-auth");
    }

    // ---- one test per kube-bench mistake about the effective configuration (reference/kube-bench.md §2)

    @Test
    void spaceSeparatedFlagValueIsTheValueNotTrue_kubeBench2095() throws IOException {
        kubelet("kubelet", "--read-only-port", "10255", "--config", "/etc/kubernetes/kubelet/kubelet-config.json");
        write("etc/kubernetes/kubelet/kubelet-config.json", "{\"apiVersion\": \"kubelet.config.k8s.io/v1beta1\", \"kind\": \"KubeletConfiguration\", \"authorization\": {\"mode\": \"AlwaysAllow\"}}");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.readOnlyPort", "10255", "flag --read-only-port");
        assertPresent(facts, "kubelet.config", "/etc/kubernetes/kubelet/kubelet-config.json", "flag --config");
        assertPresent(facts, "kubelet.authorization.mode", "AlwaysAllow",
                "config file /etc/kubernetes/kubelet/kubelet-config.json");
    }

    @Test
    void configFlagIsNotMatchedInsideConfigDir() throws IOException {
        kubelet("kubelet", "--config-dir=/etc/kubernetes/kubelet.conf.d");
        write("etc/kubernetes/kubelet.conf.d/10-ro.conf", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");

        Map<String, Fact> facts = read(node);

        assertAbsent(facts, "kubelet.config", "not set");
        assertPresent(facts, "kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir");
        assertPresent(facts, "kubelet.readOnlyPort", "0", "drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf");
        // without --config the kubelet starts from its legacy defaults
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "true", FLAGS);
    }

    @Test
    void relativeConfigIsResolvedAgainstTheKubeletsWorkingDirectory_kubeBench1256() throws IOException {
        kubelet("kubelet", "--config=kubelet_conf.json");
        ProcFixtures.cwd(node, 1234, "/etc/kubernetes");
        write("etc/kubernetes/kubelet_conf.json", "{\"apiVersion\": \"kubelet.config.k8s.io/v1beta1\", \"kind\": \"KubeletConfiguration\", \"readOnlyPort\": 0, \"authentication\": {\"webhook\": {\"enabled\": true}}}");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.config", "/etc/kubernetes/kubelet_conf.json", "flag --config");
        assertPresent(facts, "kubelet.readOnlyPort", "0", "config file /etc/kubernetes/kubelet_conf.json");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", CFG);
        assertPresent(facts, "kubelet.authorization.mode", "Webhook", CFG);
    }

    @Test
    void relativeConfigWithUnreadableWorkingDirectoryIsAnError() throws IOException {
        kubelet("kubelet", "--config=kubelet_conf.json", "--anonymous-auth=false");

        Map<String, Fact> facts = read(node);

        String reason = "cannot resolve relative --config kubelet_conf.json: cannot read /proc/1234/cwd: no such file";
        assertError(facts, "kubelet.config", reason);
        assertError(facts, "kubelet.authorization.mode", reason);
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", "flag --anonymous-auth");
    }

    @Test
    void relativePathsInTheConfigFileAreResolvedAgainstItsDirectory() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + """
                authentication:
                  x509:
                    clientCAFile: pki/ca.crt
                tlsCertFile: ../kubelet-tls/kubelet.crt
                tlsPrivateKeyFile: ./pki/kubelet.key
                staticPodPath: manifests
                """);

        Map<String, Fact> facts = read(node);
        String source = "config file /var/lib/kubelet/config.yaml";

        assertPresent(facts, "kubelet.authentication.x509.clientCAFile", "/var/lib/kubelet/pki/ca.crt", source);
        assertPresent(facts, "kubelet.tlsCertFile", "/var/lib/kubelet-tls/kubelet.crt", source);
        assertPresent(facts, "kubelet.tlsPrivateKeyFile", "/var/lib/kubelet/pki/kubelet.key", source);
        assertPresent(facts, "kubelet.staticPodPath", "/var/lib/kubelet/manifests", source);
    }

    @Test
    void relativeFlagAndDropInPathsAreResolvedAgainstTheKubeletsWorkingDirectory() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--config-dir=/etc/kubernetes/kubelet.conf.d",
                "--kubeconfig=kubelet.conf", "--client-ca-file=pki/ca.crt");
        ProcFixtures.cwd(node, 1234, "/etc/kubernetes");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");
        // drop-ins are merged as written: the kubelet resolves nothing in them against their directory
        write("etc/kubernetes/kubelet.conf.d/10-tls.conf", KUBELET_CONFIGURATION + "tlsCertFile: certs/kubelet.crt\n");

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf", "flag --kubeconfig");
        assertPresent(facts, "kubelet.authentication.x509.clientCAFile", "/etc/kubernetes/pki/ca.crt",
                "flag --client-ca-file");
        assertPresent(facts, "kubelet.tlsCertFile", "/etc/kubernetes/certs/kubelet.crt",
                "drop-in /etc/kubernetes/kubelet.conf.d/10-tls.conf");
    }

    @Test
    void aRelativePathWithUnreadableWorkingDirectoryIsAnErrorForThatSettingOnly() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml", "--kubeconfig=kubelet.conf");
        write("var/lib/kubelet/config.yaml", KUBELET_CONFIGURATION + "readOnlyPort: 0\n");

        Map<String, Fact> facts = read(node);

        assertError(facts, "kubelet.kubeconfig",
                "cannot resolve relative --kubeconfig kubelet.conf: cannot read /proc/1234/cwd: no such file");
        assertPresent(facts, "kubelet.readOnlyPort", "0", "config file /var/lib/kubelet/config.yaml");
    }

    @Test
    void omittedKeysWithAConfigFileTakeConfigDefaults_cis421And422() throws IOException {
        kubelet("kubelet", "--config=/var/lib/kubelet/config.yaml");
        write("var/lib/kubelet/config.yaml", """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                rotateCertificates: true
                """);

        Map<String, Fact> facts = read(node);

        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", CFG);
        assertPresent(facts, "kubelet.authorization.mode", "Webhook", CFG);
    }

    @Test
    void flagsOnlyKubeletsReadOnlyPortIs10255_kubeBench346() throws IOException {
        kubelet("/usr/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.conf");

        assertPresent(read(node), "kubelet.readOnlyPort", "10255", FLAGS);
    }

    @Test
    void dropInsAreMerged_kubeBench1973() throws IOException {
        // k3s-style: the auth settings live only in a drop-in
        kubelet("kubelet", "--config=/var/lib/rancher/k3s/agent/etc/kubelet.conf",
                "--config-dir=/var/lib/rancher/k3s/agent/etc/kubelet.conf.d");
        write("var/lib/rancher/k3s/agent/etc/kubelet.conf", KUBELET_CONFIGURATION);
        write("var/lib/rancher/k3s/agent/etc/kubelet.conf.d/00-k3s-defaults.conf", KUBELET_CONFIGURATION + """
                authentication:
                  anonymous:
                    enabled: false
                  x509:
                    clientCAFile: /var/lib/rancher/k3s/agent/client-ca.crt
                authorization:
                  mode: Webhook
                """);

        Map<String, Fact> facts = read(node);
        String dropIn = "drop-in /var/lib/rancher/k3s/agent/etc/kubelet.conf.d/00-k3s-defaults.conf";

        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", dropIn);
        assertPresent(facts, "kubelet.authentication.x509.clientCAFile", "/var/lib/rancher/k3s/agent/client-ca.crt", dropIn);
        assertPresent(facts, "kubelet.authorization.mode", "Webhook", dropIn);
    }

    @Test
    void aCommandLineCutAtOneMebibyteMakesEveryKubeletFactAnError() throws IOException {
        // flags after the padding are lost: the defaults in their place must not be reported
        kubelet("/usr/bin/kubelet", "--node-labels=" + "x".repeat(1 << 20), "--read-only-port=10255");

        Map<String, Fact> facts = read(node);

        assertEquals(KubeletSettings.ALL.size(), facts.size());
        facts.values().forEach(f -> assertError(facts, f.key(),
                "/proc/1234/cmdline: command line longer than 1 MiB, not read whole"));
    }

    // ---- no kubelet

    @Test
    void noKubeletMeansEveryKubeletFactIsAbsent() throws IOException {
        ProcFixtures.cmdline(node, 1, "/sbin/init");

        Map<String, Fact> facts = read(node);

        assertEquals(KubeletSettings.ALL.size(), facts.size());
        facts.values().forEach(f -> {
            assertEquals(Fact.State.ABSENT, f.state(), f.key());
            assertEquals("kubelet is not running", f.reason(), f.key());
        });
    }

    // ---- helpers

    private void kubelet(String... argv) throws IOException {
        ProcFixtures.cmdline(node, 1234, argv);
    }

    private void write(String hostPath, String content) throws IOException {
        Path file = node.resolve(hostPath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Runs the readers in their real order: processes first, then the kubelet; shared with {@link KubeletDecodingTest}. */
    static Map<String, Fact> read(Path tree) {
        HostScan host = HostScan.of(HostRoot.of(tree));
        List<Fact> processes = new ProcessReader().read(host, HostFacts.builder().build());
        HostFacts known = HostFacts.builder().addAll(processes).build();
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (Fact fact : new KubeletReader().read(host, known)) {
            assertTrue(facts.put(fact.key(), fact) == null, "duplicate fact " + fact.key());
        }
        return facts;
    }

    static void assertPresent(Map<String, Fact> facts, String key, String value, String source) {
        Fact fact = facts.get(key);
        assertTrue(fact != null, "no fact " + key);
        assertEquals(Fact.State.PRESENT, fact.state(), key + ": " + fact.reason());
        assertEquals(value, fact.value(), key);
        assertEquals(source, fact.source(), key);
    }

    private static void assertAbsent(Map<String, Fact> facts, String key, String reason) {
        Fact fact = facts.get(key);
        assertEquals(Fact.State.ABSENT, fact.state(), key + " = " + fact.value());
        assertEquals(reason, fact.reason(), key);
    }

    static void assertError(Map<String, Fact> facts, String key, String reason) {
        Fact fact = facts.get(key);
        assertTrue(fact != null, "no fact " + key);
        assertEquals(Fact.State.ERROR, fact.state(), key + " = " + fact.value());
        assertEquals(reason, fact.reason(), key);
    }
}
