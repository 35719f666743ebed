package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One node of each distribution, laid out as the distribution's own code lays it out (the repository and
 * file are named on each fixture), scanned by the real scanner with no Kubernetes version configured: the
 * distribution is recognised from the kubelet's process and files ({@code benchmarks/distributions.yaml}),
 * the benchmark is chosen from it and the running kubelet's version, and the checks that the layout makes
 * interesting get the verdict it deserves. Modes and owners are those the distribution writes; git keeps
 * neither, so they are set here.
 */
class DistributionScenarioTest {

    private static final String NODEADM = "nodeadm (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go writeKubeletConfig)";
    private static final String NOT_IN_EKS = "not a check of the CIS Amazon EKS Benchmark v1.7.0, whose worker node section"
            + " has 3.1.1-3.1.4 (the kubelet's kubeconfig and config file) and 3.2.1-3.2.9 (the kubelet's settings) only";
    private static final String EKS_HOSTNAME = "the EKS AMIs always set --hostname-override to the EC2 private DNS"
            + " name (or instance ID), which the node's IAM identity is checked against; the CIS Amazon EKS Benchmark"
            + " v1.7.0 has no such check";
    private static final String K3S_NO_UNIT = "the kubelet has no systemd unit of its own: k3s runs it inside the k3s"
            + " process and RKE2 starts it as a child of rke2 (k3s-io/k3s pkg/daemons/agent, rancher/rke2"
            + " pkg/executor/staticpod Kubelet), with its arguments, not a unit file";
    private static final String K3S_HOSTNAME = "k3s and RKE2 always pass --hostname-override with the node's name"
            + " (k3s-io/k3s pkg/daemons/agent kubeletArgsAndConfig), so the cloud and the cluster agree on it";

    @TempDir
    Path dir;

    // ---- Amazon EKS

    /**
     * An AL2023 node as nodeadm leaves it: awslabs/amazon-eks-ami nodeadm/internal/kubelet (config.go writes
     * config.json and the user's drop-in 40-nodeadm.conf 0644, kubeconfig.go the IAM-token kubeconfig 0644,
     * environment.go the flags into /etc/eks/kubelet/environment), and templates/al2023/runtime/rootfs's
     * kubelet.service (copied with `cp -r`, 0644). systemd splits $NODEADM_KUBELET_ARGS into argv.
     */
    private NodeTree eksAl2023() {
        return NodeTree.of(dir, "linux-base", "eks-al2023")
                .binary("/usr/bin/kubelet", "v1.31.2-eks-7f9249a")
                .process(1, "/usr/lib/systemd/systemd", "--switched-root", "--system", "--deserialize=31")
                .process(2048, "/usr/bin/kubelet", "--node-ip=10.0.1.23",
                        "--hostname-override=ip-10-0-1-23.us-west-2.compute.internal",
                        "--image-credential-provider-config=/etc/eks/image-credential-provider/config.json",
                        "--config=/etc/kubernetes/kubelet/config.json",
                        "--config-dir=/etc/kubernetes/kubelet/config.json.d",
                        "--kubeconfig=/var/lib/kubelet/kubeconfig",
                        "--image-credential-provider-bin-dir=/etc/eks/image-credential-provider",
                        "--cloud-provider=external", "--runtime-cgroups=/runtime.slice/containerd.service")
                .write("/proc/2048/cgroup", "0::/runtime.slice/kubelet.service\n");
    }

    @Test
    void eksAl2023IsRecognisedByNodeadmsConfigAndAuditedWithTheEksBenchmarkOfItsKubeletVersion() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        assertEquals(new NodeDistribution("eks", "Amazon EKS", "AL2023 (nodeadm): kubelet.config = "
                + "/etc/kubernetes/kubelet/config.json (flag --config); written by " + NODEADM), report.distribution());
        assertEquals("eks-1.7", report.benchmark());
        assertEquals("eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a", report.benchmarkReason());
    }

    @Test
    void eksAl2023FilesThatNodeadmWrites0644PassTheEksLimitWhereCisWants0600() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        assertResult(report, "4.1.5", PASS, "0644", "/var/lib/kubelet/kubeconfig");
        assertResult(report, "4.1.9", PASS, "0644", "/etc/kubernetes/kubelet/config.json");
        assertEquals("Ensure that the kubeconfig file permissions are set to 644 or more restrictive (CIS EKS 3.1.1)",
                find(report, "4.1.5").title());
    }

    @Test
    void eksAl2023HostnameOverrideThatNodeadmAlwaysSetsIsNotApplicable() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        assertSkipped(report, "4.2.7", EKS_HOSTNAME);
        assertSkipped(report, "4.2.12", NOT_IN_EKS);
    }

    @Test
    void eksAl2023KubeletWithAnIamTokenAndNoBootstrapKubeconfigHasNoClientCertificateToRotate() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        // CIS 4.2.10 would FAIL the default rotateCertificates: false
        assertResult(report, "4.2.10", PASS, "kubelet.bootstrapKubeconfig: not set", "not set");
    }

    @Test
    void eksOnOutpostsBootstrapsAClientCertificateSoItsRotationCounts() {
        // nodeadm kubeconfig.go: with enableOutpost the kubeconfig is written as --bootstrap-kubeconfig
        NodeTree node = eksAl2023().process(2048, "/usr/bin/kubelet", "--config=/etc/kubernetes/kubelet/config.json",
                "--bootstrap-kubeconfig=/var/lib/kubelet/bootstrap-kubeconfig", "--kubeconfig=/var/lib/kubelet/kubeconfig");

        ScanReport report = node.scan("ip-10-0-1-23", Optional.empty());

        assertResult(report, "4.2.10", FAIL, "kubelet.rotateCertificates: false; kubelet.bootstrapKubeconfig: "
                + "/var/lib/kubelet/bootstrap-kubeconfig", "default (config file in use); flag --bootstrap-kubeconfig");
    }

    @Test
    void eksAl2023DropInOfTheUsersKubeletConfigIsRead() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        // nodeadm writes spec.kubelet.config as a drop-in; kube-bench never reads --config-dir
        assertResult(report, "4.2.8", WARN, "10", "drop-in /etc/kubernetes/kubelet/config.json.d/40-nodeadm.conf");
    }

    @Test
    void eksControlPlaneChecksAreNotApplicableBecauseAwsRunsTheControlPlane() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.empty());

        assertSkipped(report, "1.2.1", "Amazon EKS runs and manages the control plane (API server, controller manager,"
                + " scheduler, etcd, their files and audit policy); none of it is on the nodes, and the CIS Amazon EKS"
                + " Benchmark has no node check for it");
    }

    @Test
    void aConfiguredKubernetesVersionWinsOverTheKubeletsOwn() {
        ScanReport report = eksAl2023().scan("ip-10-0-1-23", Optional.of("1.33"));

        assertEquals("eks-1.8", report.benchmark());
        assertEquals("eks-1.8 for Amazon EKS, Kubernetes 1.33 (nodeward.kubernetes.version)", report.benchmarkReason());
    }

    @Test
    void anUnknownKubeletVersionGetsTheDistributionsDefaultAndSaysWhy() {
        ScanReport report = eksAl2023().delete("/usr/bin/kubelet").scan("ip-10-0-1-23", Optional.empty());

        assertEquals("eks-1.8", report.benchmark());
        assertEquals("eks-1.8 for Amazon EKS, the kubelet's version is unknown (/usr/bin/kubelet (argv[0] of"
                + " /proc/2048/cmdline; /proc/2048/exe: no such file) is not visible under the host root) (the default)",
                report.benchmarkReason());
    }

    /**
     * An AL2 node as bootstrap.sh leaves it (awslabs/amazon-eks-ami at b2289030^, templates/al2/runtime):
     * bootstrap.sh copies kubelet-containerd.service over kubelet.service and writes the
     * 10-kubelet-args.conf drop-in with `cat <<EOF >` (0644), edits kubelet-config.json with jq, and the
     * AMI build moved kubelet-kubeconfig to /var/lib/kubelet/kubeconfig (0644).
     */
    @Test
    void eksAl2IsRecognisedByBootstrapShsConfigAndItsUnitIsNotAnEksCheck() {
        NodeTree node = NodeTree.of(dir, "linux-base", "eks-al2")
                .binary("/usr/bin/kubelet", "v1.29.10-eks-94953ac")
                .process(1, "/usr/lib/systemd/systemd", "--switched-root", "--system", "--deserialize", "21")
                // ExecStart of kubelet-containerd.service, then $KUBELET_ARGS of the drop-in
                .process(3310, "/usr/bin/kubelet", "--config", "/etc/kubernetes/kubelet/kubelet-config.json",
                        "--kubeconfig", "/var/lib/kubelet/kubeconfig",
                        "--container-runtime-endpoint", "unix:///run/containerd/containerd.sock",
                        "--image-credential-provider-config", "/etc/eks/image-credential-provider/config.json",
                        "--image-credential-provider-bin-dir", "/etc/eks/image-credential-provider",
                        "--node-ip=10.0.1.23",
                        "--pod-infra-container-image=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/pause:3.5",
                        "--v=2", "--hostname-override=ip-10-0-1-23.us-west-2.compute.internal", "--cloud-provider=external")
                .write("/proc/3310/cgroup", "0::/runtime.slice/kubelet.service\n");

        ScanReport report = node.scan("ip-10-0-1-23", Optional.empty());

        assertEquals("eks", report.distribution().id());
        assertEquals("AL2 (bootstrap.sh): kubelet.config = /etc/kubernetes/kubelet/kubelet-config.json (flag --config);"
                + " the AL2 AMI's kubelet.service (awslabs/amazon-eks-ami templates/al2/runtime/kubelet-containerd.service)",
                report.distribution().evidence());
        assertEquals("eks-1.7 for Amazon EKS, kubelet v1.29.10-eks-94953ac", report.benchmarkReason());
        // the unit and bootstrap.sh's drop-in are 0644: CIS 4.1.1 would FAIL them, the EKS benchmark has no such check
        assertSkipped(report, "4.1.1", NOT_IN_EKS);
        assertResult(report, "4.1.5", PASS, "0644", "/var/lib/kubelet/kubeconfig");
        assertSkipped(report, "4.2.7", EKS_HOSTNAME);
    }

    // ---- GKE / kube-up on GCE (Container-Optimized OS)

    /**
     * A kube-up node on COS, as kubernetes/kubernetes cluster/gce lays it out: configure.sh downloads
     * /home/kubernetes/kubelet-config.yaml with umask 077 (0600), util.sh build-kubelet-config writes
     * readOnlyPort: 10255 into it, configure-helper.sh start-kubelet writes /etc/default/kubelet and
     * kubelet.service with `cat <<EOF >` (0644) and runs /home/kubernetes/bin/kubelet with util.sh
     * construct-linux-kubelet-flags and --config; the kubelet writes its kubeconfig 0600 after TLS bootstrap.
     */
    private NodeTree cosKubeUp() {
        return NodeTree.of(dir, "linux-base", "cos-kube-up")
                .binary("/home/kubernetes/bin/kubelet", "v1.33.5")
                .mode("/home/kubernetes/kubelet-config.yaml", "rw-------")
                .mode("/var/lib/kubelet/kubeconfig", "rw-------")
                .process(1, "/sbin/init")
                .process(1517, "/home/kubernetes/bin/kubelet", "--v=2", "--cloud-provider=external",
                        "--experimental-mounter-path=/home/kubernetes/containerized_mounter/mounter",
                        "--cert-dir=/var/lib/kubelet/pki/",
                        "--image-credential-provider-config=/home/kubernetes/cri-auth-config.yaml",
                        "--image-credential-provider-bin-dir=/home/kubernetes/bin",
                        "--bootstrap-kubeconfig=/var/lib/kubelet/bootstrap-kubeconfig",
                        "--kubeconfig=/var/lib/kubelet/kubeconfig", "--volume-plugin-dir=/home/kubernetes/flexvolume",
                        "--node-labels=cloud.google.com/metadata-proxy-ready=true",
                        "--container-runtime-endpoint=unix:///run/containerd/containerd.sock",
                        "--runtime-cgroups=/system.slice/containerd.service",
                        "--config", "/home/kubernetes/kubelet-config.yaml", "--cgroup-driver=systemd")
                .write("/proc/1517/cgroup", "0::/system.slice/kubelet.service\n");
    }

    @Test
    void cosKubeUpIsRecognisedByItsHomeKubernetesLayoutAndFallsBackToCis() {
        ScanReport report = cosKubeUp().scan("kubernetes-minion-group-x7k2", Optional.empty());

        assertEquals(new NodeDistribution("gke", "GKE / kube-up on GCE", "Container-Optimized OS layout: kubelet.config"
                + " = /home/kubernetes/kubelet-config.yaml (flag --config); kubernetes/kubernetes"
                + " cluster/gce/gci/configure-helper.sh (KUBELET_CONFIG_FILE_ARG)"), report.distribution());
        assertEquals("cis-1.12 for GKE / kube-up on GCE (CIS: no GKE / kube-up on GCE benchmark), kubelet v1.33.5",
                report.benchmarkReason());
    }

    @Test
    void cosKubeUpReadOnlyPortFromItsKubeletConfigIsOpenAndFails() {
        ScanReport report = cosKubeUp().scan("kubernetes-minion-group-x7k2", Optional.empty());

        // util.sh print-common-kubelet-config writes readOnlyPort: 10255, and the kubelet listens there
        assertResult(report, "4.2.4", WARN, "kubelet.readOnlyPort: 10255; port.10255.listening: true",
                "config file /home/kubernetes/kubelet-config.yaml; /proc/1/net/tcp6 [::]:10255");
        assertEquals(FAIL, find(report, "port-10255").status());
    }

    @Test
    void cosKubeUpUnitWrittenWithTheDefaultUmaskFailsButItsConfigDownloadedWithUmask077Passes() {
        ScanReport report = cosKubeUp().scan("kubernetes-minion-group-x7k2", Optional.empty());

        assertResult(report, "4.1.1", FAIL, "0644", "/etc/systemd/system/kubelet.service");
        assertResult(report, "4.1.9", PASS, "0600", "/home/kubernetes/kubelet-config.yaml");
        assertResult(report, "4.2.3", PASS, "/etc/srv/kubernetes/pki/ca-certificates.crt",
                "config file /home/kubernetes/kubelet-config.yaml");
    }

    // ---- kubespray

    /**
     * A kubespray worker: roles/kubernetes/node/tasks/kubelet.yml renders kubelet.env and
     * kubelet-config.yaml (both 0600) and kubelet.service (0644) from the role's templates and defaults
     * (containerd, nodelocaldns, kube_override_hostname = the inventory name); `kubeadm join` writes
     * /etc/kubernetes/kubelet.conf 0600, with the CA in kubespray's kube_cert_dir /etc/kubernetes/ssl.
     */
    private NodeTree kubespray() {
        return NodeTree.of(dir, "linux-base", "kubespray")
                .binary("/usr/local/bin/kubelet", "v1.33.4")
                .mode("/etc/kubernetes/kubelet.env", "rw-------")
                .mode("/etc/kubernetes/kubelet-config.yaml", "rw-------")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------")
                .process(1, "/sbin/init")
                // kubelet.service's ExecStart with kubelet.env's variables expanded
                .process(1422, "/usr/local/bin/kubelet", "--v=2", "--node-ip=10.0.0.22", "--hostname-override=node2",
                        "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
                        "--config=/etc/kubernetes/kubelet-config.yaml", "--kubeconfig=/etc/kubernetes/kubelet.conf",
                        "--runtime-cgroups=/system.slice/containerd.service")
                .write("/proc/1422/cgroup", "0::/system.slice/kubelet.service\n");
    }

    @Test
    void kubesprayIsKubeadmWithItsOwnKubeletConfigPath() {
        ScanReport report = kubespray().scan("node2", Optional.empty());

        assertEquals(new NodeDistribution("kubeadm", "kubeadm", "kubespray: kubelet.kubeconfig: /etc/kubernetes/kubelet.conf;"
                + " kubelet.config: /etc/kubernetes/kubelet-config.yaml (flag --kubeconfig; flag --config);"
                + " kubernetes-sigs/kubespray roles/kubernetes/node/templates/kubelet.env.v1beta1.j2"), report.distribution());
        assertEquals("cis-1.12 for kubeadm (CIS: no kubeadm benchmark), kubelet v1.33.4", report.benchmarkReason());
    }

    @Test
    void kubesprayUnitTemplatedWithMode0644FailsItsConfigTemplatedWith0600Passes() {
        ScanReport report = kubespray().scan("node2", Optional.empty());

        assertResult(report, "4.1.1", FAIL, "0644", "/etc/systemd/system/kubelet.service");
        assertResult(report, "4.1.9", PASS, "0600", "/etc/kubernetes/kubelet-config.yaml");
        assertResult(report, "4.1.7", PASS, "0644", "/etc/kubernetes/ssl/ca.crt");
    }

    @Test
    void kubesprayDefaultsRotateCertificatesButLeavePodPidsUnlimitedAndOverrideTheHostname() {
        ScanReport report = kubespray().scan("node2", Optional.empty());
        String config = "config file /etc/kubernetes/kubelet-config.yaml";

        // Jinja renders the booleans as True (failSwapOn, webhook.enabled): YAML 1.1 booleans the kubelet accepts
        assertResult(report, "4.2.10", PASS, "true", config);
        assertResult(report, "4.2.13", WARN, "-1", config);
        assertResult(report, "4.2.7", WARN, "node2", "flag --hostname-override");
        assertResult(report, "4.2.8", WARN, "50", config);
    }

    // ---- OpenShift

    /**
     * An OpenShift worker on AWS, as openshift/machine-config-operator renders it: templates/worker/01-worker-kubelet
     * (kubelet.conf, a KubeletConfiguration, 0644; kubelet.service), the kubens drop-in of
     * templates/common/_base/units and the logging and node-env drop-ins (0644). kubenswrapper and kubensenter
     * exec the kubelet, so its argv starts at /usr/bin/kubelet; systemd expands ${KUBELET_NODE_NAME} from node.env.
     */
    private NodeTree openShift() {
        return NodeTree.of(dir, "linux-base", "openshift-worker")
                .binary("/usr/bin/kubelet", "v1.31.6")
                .mode("/var/lib/kubelet/kubeconfig", "rw-------")
                .process(1, "/usr/lib/systemd/systemd", "--switched-root", "--system", "--deserialize", "16")
                .process(2210, "/usr/bin/kubelet", "--config=/etc/kubernetes/kubelet.conf",
                        "--config-dir=/etc/openshift/kubelet.conf.d", "--bootstrap-kubeconfig=/etc/kubernetes/kubeconfig",
                        "--kubeconfig=/var/lib/kubelet/kubeconfig", "--container-runtime-endpoint=/var/run/crio/crio.sock",
                        "--runtime-cgroups=/system.slice/crio.service",
                        "--node-labels=node-role.kubernetes.io/worker,node.openshift.io/os_id=rhcos,",
                        "--node-ip=0.0.0.0", "--minimum-container-ttl-duration=6m0s",
                        "--volume-plugin-dir=/etc/kubernetes/kubelet-plugins/volume/exec", "--cloud-provider=external",
                        "--image-credential-provider-bin-dir=/usr/libexec/kubelet-image-credential-provider-plugins",
                        "--image-credential-provider-config=/etc/kubernetes/credential-providers/ecr-credential-provider.yaml",
                        "--hostname-override=ip-10-0-2-31.ec2.internal",
                        "--provider-id=aws:///us-east-1a/i-0fedcba9876543210", "--v=2")
                .write("/proc/2210/cgroup", "0::/system.slice/kubelet.service\n");
    }

    @Test
    void openShiftIsRecognisedByTheMachineConfigOperatorsKubeletArguments() {
        ScanReport report = openShift().scan("ip-10-0-2-31", Optional.empty());

        assertEquals("openshift", report.distribution().id());
        assertEquals("cis-1.12", report.benchmark());
    }

    @Test
    void openShiftKubeletConfIsTheKubeletConfigurationWrittenWithMode0644() {
        ScanReport report = openShift().scan("ip-10-0-2-31", Optional.empty());

        // on kubeadm /etc/kubernetes/kubelet.conf is the kubeconfig; here it is --config, and the kubeconfig is elsewhere
        assertResult(report, "4.1.9", FAIL, "0644", "/etc/kubernetes/kubelet.conf");
        assertResult(report, "4.1.5", PASS, "0600", "/var/lib/kubelet/kubeconfig");
        assertResult(report, "4.2.13", PASS, "4096", "config file /etc/kubernetes/kubelet.conf");
        assertResult(report, "4.2.12", PASS, "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,"
                + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
                + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "config file /etc/kubernetes/kubelet.conf");
    }

    @Test
    void openShiftUnitAndEveryDropInTheOperatorWritesAreEachNamed() {
        ScanReport report = openShift().scan("ip-10-0-2-31", Optional.empty());
        String unit = "/etc/systemd/system/kubelet.service";

        assertResult(report, "4.1.1", FAIL, "0644 (" + unit + "), 0644 (" + unit + ".d/01-kubens.conf), 0644 (" + unit
                + ".d/20-logging.conf), 0644 (" + unit + ".d/20-node-env.conf)", unit + ", " + unit + ".d/01-kubens.conf, "
                + unit + ".d/20-logging.conf, " + unit + ".d/20-node-env.conf");
    }

    // ---- Cluster API (kubeadm bootstrap)

    @Test
    void clusterApiNodeIsKubeadmRecognisedByTheBootstrapSentinel() {
        // kubernetes-sigs/cluster-api bootstrap/kubeadm/pkg/cloudinit: kubeadm join, then the sentinel file;
        // the kubelet's flags are kubeadm's 10-kubeadm.conf plus kubeadm-flags.env
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped", "capi-worker")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------")
                .mode("/run/kubeadm/kubeadm-join-config.yaml", "rw-r-----")
                .binary("/usr/bin/kubelet", "v1.33.2")
                .process(1234, "/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
                        "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
                        "--cloud-provider=external", "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
                        "--pod-infra-container-image=registry.k8s.io/pause:3.10");

        ScanReport report = node.scan("capi-md-0-x2x9k", Optional.empty());

        assertEquals(new NodeDistribution("kubeadm", "kubeadm", "Cluster API (kubeadm bootstrap): kubelet.kubeconfig ="
                + " /etc/kubernetes/kubelet.conf (flag --kubeconfig); /run/cluster-api/bootstrap-success.complete exists;"
                + " kubernetes-sigs/cluster-api bootstrap/kubeadm/pkg/cloudinit/cloudinit.go (sentinelFileCommand)"),
                report.distribution());
        assertEquals("cis-1.12 for kubeadm (CIS: no kubeadm benchmark), kubelet v1.33.2", report.benchmarkReason());
        // kubeadm writes /var/lib/kubelet/config.yaml 0644, the deb package the unit 0644
        assertResult(report, "4.1.9", FAIL, "0644", "/var/lib/kubelet/config.yaml");
        assertResult(report, "4.1.5", PASS, "0600", "/etc/kubernetes/kubelet.conf");
    }

    // ---- RKE2 and K3s

    /**
     * An RKE2 agent: rancher/rke2 pkg/executor/staticpod Kubelet starts `kubelet` (argv[0] as given, found on
     * the PATH in the data dir's bin) with its own three flags, then k3s's kubeletArgsAndConfig arguments
     * (k3s-io/k3s pkg/daemons/agent/agent_linux.go, sorted by name) for the data dir /var/lib/rancher/rke2;
     * k3s writes the 00-rke2-defaults.conf drop-in 0600 (writeKubeletConfig).
     */
    private NodeTree rke2() {
        String bin = "/var/lib/rancher/rke2/data/v1.31.2-rke2r1-0f3c6b1c9e8a/bin/kubelet";
        String agent = "/var/lib/rancher/rke2/agent";
        return NodeTree.of(dir, "linux-base", "rke2-agent")
                .binary(bin, "v1.31.2+rke2r1")
                .mode(agent + "/etc/kubelet.conf.d/00-rke2-defaults.conf", "rw-------")
                .mode(agent + "/kubelet.kubeconfig", "rw-------")
                .mode(agent + "/client-ca.crt", "rw-------")
                .process(1, "/sbin/init")
                .process(700, "/usr/local/bin/rke2", "agent")
                .process(1810, "kubelet", "--volume-plugin-dir=/var/lib/kubelet/volumeplugins", "--file-check-frequency=5s",
                        "--sync-frequency=30s", "--cloud-provider=external",
                        "--config-dir=" + agent + "/etc/kubelet.conf.d", "--hostname-override=rke2-worker-1",
                        "--kubeconfig=" + agent + "/kubelet.kubeconfig", "--node-ip=10.0.0.31", "--node-labels=",
                        "--read-only-port=0")
                .write("/proc/1810/cgroup", "0::/system.slice/rke2-agent.service\n")
                .link("/proc/1810/exe", bin);
    }

    @Test
    void rke2IsRecognisedByItsDataDirAndAuditedWithTheRke2ProfileOfItsKubeletVersion() {
        ScanReport report = rke2().scan("rke2-worker-1", Optional.empty());

        assertEquals(new NodeDistribution("rke2", "RKE2", "kubelet.kubeconfig = /var/lib/rancher/rke2/agent/kubelet.kubeconfig"
                + " (flag --kubeconfig); rancher/rke2 pkg/cli/cmds/server.go (data dir /var/lib/rancher/rke2), k3s-io/k3s"
                + " kubeletArgsAndConfig (--kubeconfig)"), report.distribution());
        assertEquals("rke2-cis-1.12", report.benchmark());
        assertEquals("rke2-cis-1.12 for RKE2, kubelet v1.31.2+rke2r1 (older than every mapped version: the default)",
                report.benchmarkReason());
    }

    @Test
    void rke2ChecksOfAKubeletUnitHostnameAndClientRotationAreNotApplicable() {
        ScanReport report = rke2().scan("rke2-worker-1", Optional.empty());

        assertSkipped(report, "4.1.1", K3S_NO_UNIT);
        assertSkipped(report, "4.2.7", K3S_HOSTNAME);
        assertSkipped(report, "4.2.10", "k3s and RKE2 issue the kubelet's client certificate themselves"
                + " (client-kubelet.crt, named in <data-dir>/agent/kubelet.kubeconfig) and renew it when they start"
                + " within 120 days of its expiry; the kubelet's own rotation is not used");
    }

    @Test
    void rke2ScoresWhatItsProfileAutomatesWithK3sStricterCaMode() {
        ScanReport report = rke2().scan("rke2-worker-1", Optional.empty());
        String dropIn = "drop-in /var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf";

        assertResult(report, "4.1.7", PASS, "0600", "/var/lib/rancher/rke2/agent/client-ca.crt");
        // CIS leaves 4.2.9 manual; the K3s guide automates it, and k3s's drop-in sets the serving certificate
        assertResult(report, "4.2.9", PASS, "kubelet.tlsCertFile: /var/lib/rancher/rke2/agent/serving-kubelet.crt;"
                + " kubelet.tlsPrivateKeyFile: /var/lib/rancher/rke2/agent/serving-kubelet.key", dropIn);
        assertResult(report, "4.2.4", PASS, "kubelet.readOnlyPort: 0; port.10255.listening: false",
                "flag --read-only-port; /proc/1/net/tcp, /proc/1/net/tcp6");
    }

    @Test
    void k3sIsRecognisedByTheProcessEmbeddingItsKubelet() {
        NodeTree node = NodeTree.of(dir, "linux-base", "k3s-agent")
                .mode("/var/lib/rancher/k3s/agent/etc/kubelet.conf.d/00-k3s-defaults.conf", "rw-------")
                .process(1, "/sbin/init")
                .process(812, "/usr/local/bin/k3s", "agent");

        ScanReport report = node.scan("k3s-agent-1");

        assertEquals(new NodeDistribution("k3s", "K3s", "the kubelet runs in /usr/local/bin/k3s; k3s runs the kubelet"
                + " inside `k3s server` / `k3s agent` (k3s-io/k3s pkg/daemons/agent/agent.go startKubelet)"), report.distribution());
        assertEquals("k3s-cis-1.12 for K3s, Kubernetes v1.33.2 (nodeward.kubernetes.version)", report.benchmarkReason());
        assertSkipped(report, "4.2.7", K3S_HOSTNAME);
    }

    // ---- MicroK8s, no distribution, no kubelet, a pod posing

    @Test
    void microK8sIsRecognisedByKubeliteAndFallsBackToCis() {
        NodeTree node = NodeTree.of(dir, "linux-base", "microk8s")
                .link("/var/snap/microk8s/current", "7229")
                .process(1, "/sbin/init")
                .process(2210, "/snap/microk8s/7229/kubelite", "--kubelet-args-file=/var/snap/microk8s/7229/args/kubelet");

        ScanReport report = node.scan("mk8s-1");

        assertEquals("microk8s", report.distribution().id());
        assertEquals("cis-1.12 for MicroK8s (CIS: no MicroK8s benchmark), Kubernetes v1.33.2 (nodeward.kubernetes.version)",
                report.benchmarkReason());
    }

    @Test
    void aKubeletNoDistributionRecognisesIsUnknownAndGetsGenericCis() {
        NodeTree node = NodeTree.of(dir, "linux-base", "flags-only-legacy")
                .process(1, "/sbin/init")
                .process(700, "/usr/local/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.kubeconfig");

        ScanReport report = node.scan("legacy-1");

        assertEquals(new NodeDistribution("unknown", "unknown",
                "the kubelet's arguments and files match no distribution's markers (distributions.yaml)"), report.distribution());
        assertEquals("cis-1.12 for an unrecognised distribution (CIS), Kubernetes v1.33.2 (nodeward.kubernetes.version)",
                report.benchmarkReason());
    }

    @Test
    void aMachineWithoutAKubeletIsUnknownSayingSo() {
        NodeTree node = NodeTree.of(dir, "linux-base", "plain-sshd").process(1, "/sbin/init");

        ScanReport report = node.scan("plain-1", Optional.empty());

        assertEquals(new NodeDistribution("unknown", "unknown",
                "no distribution's markers hold: process.kubelet: kubelet is not running"), report.distribution());
        assertEquals("cis-1.12 for an unrecognised distribution (CIS), the kubelet's version is unknown"
                + " (kubelet does not run on this node) (the default)", report.benchmarkReason());
    }

    @Test
    void aPodRunningK3sCannotMakeAKubeadmNodeLookLikeK3s() {
        // the markers read the node's kubelet process only; a k3s in a pod (vcluster) is no embedding of it
        NodeTree node = NodeTree.of(dir, "linux-base", "kubeadm-worker", "kubeadm-shipped")
                .mode("/etc/kubernetes/kubelet.conf", "rw-------")
                .podProcess(5120, "6f1e0c2a9b8d4e7f8a1b2c3d4e5f6a7b", "/bin/k3s", "server");

        ScanReport report = node.scan("worker-1");

        assertEquals("kubeadm", report.distribution().id());
        assertEquals("cis-1.12", report.benchmark());
    }

    private static void assertSkipped(ScanReport report, String id, String reason) {
        CheckResult result = find(report, id);
        assertEquals(SKIP, result.status(), id + ": " + result.actual());
        assertEquals(reason, result.reason(), id + " reason");
    }
}
