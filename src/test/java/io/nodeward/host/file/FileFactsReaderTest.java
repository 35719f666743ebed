package io.nodeward.host.file;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.Observed;
import org.junit.jupiter.api.BeforeEach;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File facts on a node tree built in a temp dir, with real modes and owners (tests run as root). */
class FileFactsReaderTest {

    @TempDir
    Path host;

    HostRoot root;

    @BeforeEach
    void hostWithAccounts() throws IOException {
        root = HostRoot.of(host);
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\netcd:x:999:999::/var/lib/etcd:/usr/sbin/nologin\n", 0644, 0, 0);
        write("etc/group", "root:x:0:\netcd:x:999:\n", 0644, 0, 0);
    }

    @Test
    void kubeletConfigPathModeAndOwnerComeFromTheConfigFact() throws IOException {
        write("var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n", 0600, 0, 0);

        Map<String, Fact> facts = read(known("kubelet.config", "/var/lib/kubelet/config.yaml"));

        assertPresent(facts, "file.kubelet-config.path", "/var/lib/kubelet/config.yaml", "/var/lib/kubelet/config.yaml");
        assertPresent(facts, "file.kubelet-config.mode", "0600", "/var/lib/kubelet/config.yaml");
        assertPresent(facts, "file.kubelet-config.owner", "root:root", "/var/lib/kubelet/config.yaml");
    }

    @Test
    void kubeletConfigCoversTheConfigFileAndEveryDropInInTheKubeletsOrder() throws IOException {
        write("var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n", 0600, 0, 0);
        write("etc/kubernetes/kubelet.conf.d/20-seccomp.conf", "seccompDefault: true\n", 0644, 0, 0);
        write("etc/kubernetes/kubelet.conf.d/10-auth.conf", "readOnlyPort: 0\n", 0600, 999, 0);
        write("etc/kubernetes/kubelet.conf.d/sub/15-nested.conf", "maxPods: 50\n", 0600, 0, 0);
        write("etc/kubernetes/kubelet.conf.d/30-ignored.yaml", "maxPods: 10\n", 0666, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config"))
                .add(Fact.present("kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir"))
                .build());

        assertEquals(List.of(new Observed("0600", "/var/lib/kubelet/config.yaml"),
                        new Observed("0600", "/etc/kubernetes/kubelet.conf.d/10-auth.conf"),
                        new Observed("0644", "/etc/kubernetes/kubelet.conf.d/20-seccomp.conf"),
                        // filepath.WalkDir: "sub" sorts after "20-..." and is walked where it sorts
                        new Observed("0600", "/etc/kubernetes/kubelet.conf.d/sub/15-nested.conf")),
                facts.get("file.kubelet-config.mode").observed());
        assertEquals(new Observed("etcd:root", "/etc/kubernetes/kubelet.conf.d/10-auth.conf"),
                facts.get("file.kubelet-config.owner").observed().get(1));
    }

    @Test
    void withoutADropInDirectoryKubeletConfigIsTheConfigFileAlone() throws IOException {
        write("var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n", 0640, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config"))
                .add(Fact.absent("kubelet.configDir", "not set"))
                .build());

        assertPresent(facts, "file.kubelet-config.mode", "0640", "/var/lib/kubelet/config.yaml");
    }

    @Test
    void dropInsAloneAreCheckedWhenTheKubeletHasNoConfigFile() throws IOException {
        write("etc/kubernetes/kubelet.conf.d/10-auth.conf", "readOnlyPort: 0\n", 0664, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.absent("kubelet.config", "not set"))
                .add(Fact.present("kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir"))
                .build());

        assertPresent(facts, "file.kubelet-config.mode", "0664", "/etc/kubernetes/kubelet.conf.d/10-auth.conf");
    }

    @Test
    void anEmptyDropInDirectoryWithoutAConfigFileLeavesNothingToCheck() throws IOException {
        Files.createDirectories(host.resolve("etc/kubernetes/kubelet.conf.d"));

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.absent("kubelet.config", "not set"))
                .add(Fact.present("kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir"))
                .build());

        assertAbsent(facts, "file.kubelet-config.mode",
                "kubelet has no --config, and its --config-dir /etc/kubernetes/kubelet.conf.d holds no drop-in");
    }

    @Test
    void aDropInDirectoryLinkIsWalkedOnlyWhenTheFlagEndsInASlashAsTheKubeletDoes() throws IOException {
        write("var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n", 0600, 0, 0);
        write("srv/kubelet-dropins/10-auth.conf", "readOnlyPort: 0\n", 0666, 0, 0);
        Files.createDirectories(host.resolve("etc/kubernetes"));
        Files.createSymbolicLink(host.resolve("etc/kubernetes/kubelet.conf.d"), Path.of("/srv/kubelet-dropins"));
        HostFacts.Builder known = HostFacts.builder()
                .add(Fact.present("kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config"));

        Map<String, Fact> unfollowed = read(known.add(Fact.present("kubelet.configDir",
                "/etc/kubernetes/kubelet.conf.d", "flag --config-dir")).build());
        Map<String, Fact> followed = read(known.add(Fact.present("kubelet.configDir",
                "/etc/kubernetes/kubelet.conf.d/", "flag --config-dir")).build());

        assertEquals(1, unfollowed.get("file.kubelet-config.mode").observed().size());
        assertEquals(new Observed("0666", "/etc/kubernetes/kubelet.conf.d/10-auth.conf"),
                followed.get("file.kubelet-config.mode").observed().get(1));
    }

    @Test
    void aDropInDirectoryTheKubeletCannotWalkIsAnError() throws IOException {
        write("etc/kubernetes/kubelet.conf.d", "not a directory\n", 0644, 0, 0);
        Files.delete(host.resolve("etc/kubernetes/kubelet.conf.d"));

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.absent("kubelet.config", "not set"))
                .add(Fact.present("kubelet.configDir", "/etc/kubernetes/kubelet.conf.d", "flag --config-dir"))
                .build());

        assertError(facts, "file.kubelet-config.mode", "kubelet drop-in directory /etc/kubernetes/kubelet.conf.d:"
                + " no such file (the kubelet refuses to start on that too)");
    }

    @Test
    void aMaskedKubeletUnitIsAbsentSayingSo() throws IOException {
        write("usr/lib/systemd/system/kubelet.service", "[Service]\n", 0644, 0, 0);
        Files.createDirectories(host.resolve("etc/systemd/system"));
        Files.createSymbolicLink(host.resolve("etc/systemd/system/kubelet.service"), Path.of("/dev/null"));

        Map<String, Fact> facts = read(HostFacts.builder().build());

        assertAbsent(facts, "file.kubelet-unit.mode",
                "/etc/systemd/system/kubelet.service is a symbolic link to /dev/null: kubelet.service is masked");
    }

    @Test
    void ownerNamesComeFromTheHostPasswdAndGroup() throws IOException {
        write("etc/kubernetes/kubelet.conf", "apiVersion: v1\n", 0644, 999, 999);

        Map<String, Fact> facts = read(known("kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf"));

        assertPresent(facts, "file.kubelet-kubeconfig.mode", "0644", "/etc/kubernetes/kubelet.conf");
        assertPresent(facts, "file.kubelet-kubeconfig.owner", "etcd:etcd", "/etc/kubernetes/kubelet.conf");
    }

    @Test
    void withoutAReadableGroupFileOwnersAreAnErrorNamingItWhileModesStayKnown() throws IOException {
        Files.delete(host.resolve("etc/group"));
        Files.createDirectories(host.resolve("etc/group"));
        write("etc/kubernetes/kubelet.conf", "apiVersion: v1\n", 0600, 0, 0);

        Map<String, Fact> facts = read(known("kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf"));

        assertPresent(facts, "file.kubelet-kubeconfig.mode", "0600", "/etc/kubernetes/kubelet.conf");
        assertError(facts, "file.kubelet-kubeconfig.owner",
                "cannot name the owner: /etc/group: not a regular file (a directory)");
    }

    @Test
    void withoutAPasswdFileOwnersAreAnErrorNotNumbersThatFailRootRoot() throws IOException {
        Files.delete(host.resolve("etc/passwd"));
        write("etc/kubernetes/kubelet.conf", "apiVersion: v1\n", 0600, 0, 0);

        Map<String, Fact> facts = read(known("kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf"));

        assertError(facts, "file.kubelet-kubeconfig.owner", "cannot name the owner: /etc/passwd does not exist");
    }

    @Test
    void idsTheHostCannotNameAreShownAsNumbers() throws IOException {
        write("etc/kubernetes/pki/ca.crt", "cert\n", 0666, 1234, 4321);

        Map<String, Fact> facts = read(known("kubelet.authentication.x509.clientCAFile", "/etc/kubernetes/pki/ca.crt"));

        assertPresent(facts, "file.kubelet-client-ca.mode", "0666", "/etc/kubernetes/pki/ca.crt");
        assertPresent(facts, "file.kubelet-client-ca.owner", "1234:4321", "/etc/kubernetes/pki/ca.crt");
    }

    @Test
    void setuidAndStickyBitsAreKeptInTheMode() throws IOException {
        write("var/lib/kube-proxy/kubeconfig.conf", "apiVersion: v1\n", 0, 0, 0);
        Files.setAttribute(host.resolve("var/lib/kube-proxy/kubeconfig.conf"), "unix:mode", 05755);

        Map<String, Fact> facts = read(known("kube-proxy.kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf"));

        assertPresent(facts, "file.kube-proxy-kubeconfig.mode", "5755", "/var/lib/kube-proxy/kubeconfig.conf");
    }

    @Test
    void anAbsoluteSymlinkIsFollowedInsideTheHostRootAndShownByItsOwnPath() throws IOException {
        write("var/lib/kubelet/kubeconfig", "apiVersion: v1\n", 0600, 999, 0);
        Files.createDirectories(host.resolve("etc/kubernetes"));
        Files.createSymbolicLink(host.resolve("etc/kubernetes/kubelet.conf"), Path.of("/var/lib/kubelet/kubeconfig"));

        Map<String, Fact> facts = read(known("kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf"));

        assertPresent(facts, "file.kubelet-kubeconfig.mode", "0600", "/etc/kubernetes/kubelet.conf");
        assertPresent(facts, "file.kubelet-kubeconfig.owner", "etcd:root", "/etc/kubernetes/kubelet.conf");
    }

    @Test
    void aRoleWhoseSourceFactIsAbsentIsAbsentWithTheReason() {
        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.absent("kubelet.kubeconfig", "not set")).build());

        assertAbsent(facts, "file.kubelet-kubeconfig.mode", "kubelet has no --kubeconfig (not set)");
        assertAbsent(facts, "file.kubelet-kubeconfig.path", "kubelet has no --kubeconfig (not set)");
        assertAbsent(facts, "file.kube-proxy-kubeconfig.owner", "kube-proxy reads no kubeconfig (not observed on this node)");
    }

    @Test
    void aRoleWhoseSourceFactIsAnErrorIsAnError() {
        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.error("kubelet.config", "/proc/42/cmdline: cannot read")).build());

        assertError(facts, "file.kubelet-config.mode",
                "cannot tell which files: kubelet.config is unknown (/proc/42/cmdline: cannot read)");
    }

    @Test
    void aMissingFileTheKubeletNamesIsAnErrorNotASkip() {
        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("process.kubelet", "812", "/proc/812/cmdline"))
                .add(Fact.present("kubelet.config", "/var/lib/kubelet/config.yaml", "flag --config")).build());

        String reason = "/var/lib/kubelet/config.yaml is named by flag --config but is not visible under the host root"
                + " (not mounted?)";
        assertError(facts, "file.kubelet-config.mode", reason);
        assertError(facts, "file.kubelet-config.owner", reason);
        assertError(facts, "file.kubelet-config.path", reason);
    }

    /** kubeadm's kube-proxy DaemonSet pod, as the kubelet lays out its ConfigMap volume on the node. */
    static final String POD = "/var/lib/kubelet/pods/1f2e0a4c-7b3d-4e5f-9a8b-0c1d2e3f4a5b";
    static final String CONFIG_MAP = POD + "/volumes/kubernetes.io~configmap/kube-proxy";
    static final String KUBE_PROXY_CGROUP = "0::/kubepods.slice/kubepods-besteffort.slice/"
            + "kubepods-besteffort-pod1f2e0a4c_7b3d_4e5f_9a8b_0c1d2e3f4a5b.slice/cri-containerd-9a8b.scope\n";

    @Test
    void theKubeconfigOfAKubeProxyPodIsCheckedWhereItsConfigMapVolumeIsOnTheHost() throws IOException {
        kubeProxyPod("1328 1320 259:1 " + CONFIG_MAP + " /var/lib/kube-proxy ro,relatime - ext4 /dev/root rw\n");
        // AtomicWriter (pkg/volume/util/atomic_writer.go): files in a timestamped directory, ..data links to it,
        // and each key links through ..data; defaultMode unset gives 0644
        write(CONFIG_MAP.substring(1) + "/..2025_06_02_08_14_55.3401853129/kubeconfig.conf", "apiVersion: v1\n", 0644, 0, 0);
        Files.createSymbolicLink(host.resolve(CONFIG_MAP.substring(1) + "/..data"),
                Path.of("..2025_06_02_08_14_55.3401853129"));
        Files.createSymbolicLink(host.resolve(CONFIG_MAP.substring(1) + "/kubeconfig.conf"),
                Path.of("..data/kubeconfig.conf"));

        Map<String, Fact> facts = read(kubeProxyFacts());

        assertPresent(facts, "file.kube-proxy-kubeconfig.path", CONFIG_MAP + "/kubeconfig.conf", CONFIG_MAP + "/kubeconfig.conf");
        assertPresent(facts, "file.kube-proxy-kubeconfig.mode", "0644", CONFIG_MAP + "/kubeconfig.conf");
        assertPresent(facts, "file.kube-proxy-kubeconfig.owner", "root:root", CONFIG_MAP + "/kubeconfig.conf");
    }

    @Test
    void aKubeProxyPodsKubeconfigMountedButNotVisibleToTheAgentIsAnError() throws IOException {
        kubeProxyPod("1328 1320 259:1 " + CONFIG_MAP + " /var/lib/kube-proxy ro,relatime - ext4 /dev/root rw\n");

        Map<String, Fact> facts = read(kubeProxyFacts());

        assertError(facts, "file.kube-proxy-kubeconfig.mode", CONFIG_MAP + "/kubeconfig.conf (kube-proxy's "
                + "/var/lib/kube-proxy/kubeconfig.conf, mounted at /var/lib/kube-proxy from the host's " + CONFIG_MAP
                + ") is named by config file /var/lib/kube-proxy/config.conf but is not visible under the host root"
                + " (not mounted?)");
    }

    @Test
    void aKubeProxyPodsKubeconfigInsideItsImageIsNoFileOfTheNode() throws IOException {
        kubeProxyPod("");

        Map<String, Fact> facts = read(kubeProxyFacts());

        assertAbsent(facts, "file.kube-proxy-kubeconfig.mode", "/var/lib/kube-proxy/kubeconfig.conf is in kube-proxy's"
                + " container file system (its image, an overlay mounted at /), not a file of the node");
    }

    @Test
    void aKubeProxyPodWhoseMountsCannotBeReadIsAnErrorNotASkip() throws IOException {
        kubeProxyProcess();

        Map<String, Fact> facts = read(kubeProxyFacts());

        assertError(facts, "file.kube-proxy-kubeconfig.owner", "kube-proxy runs in a pod (/proc/4242/cgroup is "
                + KUBE_PROXY_CGROUP.strip().substring(3) + ") and its mount table cannot be read, so where"
                + " /var/lib/kube-proxy/kubeconfig.conf is on the host is unknown: /proc/4242/mountinfo does not exist");
    }

    /** kube-proxy 4242 in a pod whose root is an overlay, with {@code volumes} (mountinfo lines) on top. */
    private void kubeProxyPod(String volumes) throws IOException {
        kubeProxyProcess();
        write("proc/1/mountinfo", "22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw\n", 0444, 0, 0);
        write("proc/4242/mountinfo", "1320 1280 0:55 / / rw,relatime master:232 - overlay overlay rw\n" + volumes,
                0444, 0, 0);
    }

    /** kubeadm's kube-proxy container as process 4242, in a besteffort pod. */
    private void kubeProxyProcess() throws IOException {
        write("proc/4242/cmdline", "/usr/local/bin/kube-proxy\0--config=/var/lib/kube-proxy/config.conf\0", 0444, 0, 0);
        write("proc/4242/cgroup", KUBE_PROXY_CGROUP, 0444, 0, 0);
    }

    private static HostFacts kubeProxyFacts() {
        return HostFacts.builder()
                .add(Fact.present("process.kube-proxy", "4242", "/proc/4242/cmdline"))
                .add(Fact.present("kube-proxy.kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf",
                        "config file /var/lib/kube-proxy/config.conf"))
                .build();
    }

    @Test
    void aMissingKubeProxyKubeconfigOfAKubeProxyOnTheHostIsAnError() throws IOException {
        write("proc/4242/cgroup", "0::/system.slice/kube-proxy.service\n", 0444, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("process.kube-proxy", "4242", "/proc/4242/cmdline"))
                .add(Fact.present("kube-proxy.kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf", "flag --kubeconfig"))
                .build());

        assertError(facts, "file.kube-proxy-kubeconfig.owner", "/var/lib/kube-proxy/kubeconfig.conf is named by "
                + "flag --kubeconfig but is not visible under the host root (not mounted?)");
    }

    @Test
    void withoutSshdAndWithoutItsDefaultConfigTheSshdConfigRoleIsAbsent() {
        Map<String, Fact> facts = read(HostFacts.builder().add(Fact.absent("sshd.configfile",
                "sshd is not running and /etc/ssh/sshd_config does not exist")).build());

        assertAbsent(facts, "file.sshd-config.mode",
                "no sshd config file (sshd is not running and /etc/ssh/sshd_config does not exist)");
    }

    @Test
    void aRunningSshdsConfigFileWeCannotSeeIsAnErrorNotASkip() {
        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("process.sshd", "812", "/proc/812/cmdline"))
                .add(Fact.present("sshd.configfile", "/etc/ssh/sshd_config",
                        "OpenSSH default (no -f on /proc/812/cmdline)"))
                .build());

        assertError(facts, "file.sshd-config.mode", "/etc/ssh/sshd_config is named by OpenSSH default"
                + " (no -f on /proc/812/cmdline) but is not visible under the host root (not mounted?)");
    }

    @Test
    void aDanglingSymlinkIsAnErrorNamingThePath() throws IOException {
        Files.createDirectories(host.resolve("etc/kubernetes"));
        Files.createSymbolicLink(host.resolve("etc/kubernetes/kubelet.conf"), Path.of("/etc/kubernetes/gone.conf"));

        Map<String, Fact> facts = read(known("kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf"));

        assertError(facts, "file.kubelet-kubeconfig.mode",
                "/etc/kubernetes/kubelet.conf is a dangling symlink to /etc/kubernetes/gone.conf");
    }

    @Test
    void aDirectoryWhereAFileIsExpectedIsAnError() throws IOException {
        Files.createDirectories(host.resolve("var/lib/kubelet/config.yaml"));

        Map<String, Fact> facts = read(known("kubelet.config", "/var/lib/kubelet/config.yaml"));

        assertError(facts, "file.kubelet-config.owner", "/var/lib/kubelet/config.yaml is a directory, expected a file");
    }

    @Test
    void sshdConfigIsTheFileSshdReadsNotTheDefaultPath() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin yes\n", 0600, 0, 0);
        write("etc/ssh/hardened_config", "PermitRootLogin no\n", 0644, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder()
                .add(Fact.present("process.sshd", "812", "/proc/812/cmdline"))
                .add(Fact.present("sshd.configfile", "/etc/ssh/hardened_config", "sshd -f on /proc/812/cmdline"))
                .build());

        assertPresent(facts, "file.sshd-config.mode", "0644", "/etc/ssh/hardened_config");
        assertPresent(facts, "file.sshd-config.owner", "root:root", "/etc/ssh/hardened_config");
    }

    @Test
    void kubeletUnitIsTheHighestPriorityUnitPlusEveryDropInOnePerFile() throws IOException {
        write("usr/lib/systemd/system/kubelet.service", "[Service]\n", 0644, 0, 0);
        write("lib/systemd/system/kubelet.service", "[Service]\n", 0777, 0, 0); // lower priority: not used
        write("usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "[Service]\n", 0666, 0, 0); // masked
        write("etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "[Service]\n", 0600, 0, 0);
        write("run/systemd/system/kubelet.service.d/20-cloud.conf", "[Service]\n", 0640, 999, 999);
        write("etc/systemd/system/kubelet.service.d/README", "not a drop-in\n", 0777, 0, 0);

        Map<String, Fact> facts = read(HostFacts.builder().build());

        assertEquals(List.of(
                        new Observed("0644", "/usr/lib/systemd/system/kubelet.service"),
                        new Observed("0600", "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf"),
                        new Observed("0640", "/run/systemd/system/kubelet.service.d/20-cloud.conf")),
                facts.get("file.kubelet-unit.mode").observed());
        assertEquals(List.of(
                        new Observed("root:root", "/usr/lib/systemd/system/kubelet.service"),
                        new Observed("root:root", "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf"),
                        new Observed("etcd:etcd", "/run/systemd/system/kubelet.service.d/20-cloud.conf")),
                facts.get("file.kubelet-unit.owner").observed());
    }

    @Test
    void noKubeletUnitAnywhereIsAbsent() {
        Map<String, Fact> facts = read(HostFacts.builder().build());

        assertEquals(Fact.State.ABSENT, facts.get("file.kubelet-unit.mode").state());
        assertTrue(facts.get("file.kubelet-unit.mode").reason().startsWith(
                "no kubelet.service in systemd's unit search path (/etc/systemd/system.control, "));
    }

    @Test
    void aDanglingDropInMakesTheWholeUnitRoleAnError() throws IOException {
        write("etc/systemd/system/kubelet.service", "[Service]\n", 0644, 0, 0);
        Files.createDirectories(host.resolve("etc/systemd/system/kubelet.service.d"));
        Files.createSymbolicLink(host.resolve("etc/systemd/system/kubelet.service.d/90-x.conf"), Path.of("nowhere.conf"));

        Map<String, Fact> facts = read(HostFacts.builder().build());

        assertError(facts, "file.kubelet-unit.mode",
                "/etc/systemd/system/kubelet.service.d/90-x.conf is a dangling symlink to nowhere.conf");
    }

    @Test
    void everyRoleProducesPathModeAndOwner() {
        Map<String, Fact> facts = read(HostFacts.builder().build());

        assertEquals(FileRole.ALL.size() * 3, facts.size());
    }

    private Map<String, Fact> read(HostFacts known) {
        return new FileFactsReader().read(HostScan.of(root), known).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    private static HostFacts known(String key, String hostPath) {
        return HostFacts.builder().add(Fact.present(key, hostPath, "flag --x")).build();
    }

    private void write(String relative, String content, int mode, int uid, int gid) throws IOException {
        Path file = host.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setAttribute(file, "unix:mode", mode);
        Files.setAttribute(file, "unix:uid", uid);
        Files.setAttribute(file, "unix:gid", gid);
    }

    private static void assertPresent(Map<String, Fact> facts, String key, String value, String source) {
        assertEquals(Fact.present(key, value, source), facts.get(key));
    }

    private static void assertAbsent(Map<String, Fact> facts, String key, String reason) {
        assertEquals(Fact.absent(key, reason), facts.get(key));
    }

    private static void assertError(Map<String, Fact> facts, String key, String reason) {
        assertEquals(Fact.error(key, reason), facts.get(key));
    }
}
