package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessTableTest {

    static Stream<Arguments> recognised() {
        return Stream.of(
                Arguments.of(List.of("/usr/bin/kubelet", "--v=2"), "kubelet", List.of("--v=2")),
                Arguments.of(List.of("kubelet"), "kubelet", List.of()),
                Arguments.of(List.of("/hyperkube", "kubelet", "--read-only-port=0"), "kubelet", List.of("--read-only-port=0")),
                Arguments.of(List.of("/usr/local/bin/hyperkube", "kube-proxy", "--v=1"), "kube-proxy", List.of("--v=1")),
                Arguments.of(List.of("kube-controller-manager", "--bind-address=127.0.0.1"), "kube-controller-manager",
                        List.of("--bind-address=127.0.0.1")),
                Arguments.of(List.of("etcd", "--data-dir=/var/lib/etcd"), "etcd", List.of("--data-dir=/var/lib/etcd")),
                Arguments.of(List.of("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"), "sshd", List.of()),
                Arguments.of(List.of("sshd: root@pts/0", "", "", ""), "sshd", List.of()),
                Arguments.of(List.of("/usr/sbin/sshd", "-D"), "sshd", List.of("-D")));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("recognised")
    void recognisesComponentsByProgramBaseName(List<String> argv, String name, List<String> args) {
        RunningProcess process = ProcessTable.identify(9, argv).orElseThrow();

        assertEquals(name, process.name());
        assertEquals(args, process.args());
    }

    static Stream<List<String>> notComponents() {
        return Stream.of(List.of(), List.of("/usr/bin/containerd"), List.of("kubelet-wrapper", "--config=x"),
                List.of("/usr/bin/grep", "kubelet"), List.of("sshd-session: root [priv]"),
                List.of("/bin/bash", "-c", "exec /usr/bin/kubelet --v=2"));
    }

    @ParameterizedTest
    @MethodSource("notComponents")
    void ignoresOtherProcesses(List<String> argv) {
        assertTrue(ProcessTable.identify(9, argv).isEmpty());
    }

    private static final String POD_CGROUP = "0::/kubepods.slice/kubepods-besteffort.slice/"
            + "kubepods-besteffort-pod0c4bd3f6_5d2e_4f2a_9a51_2b8f0d0e7c11.slice/cri-containerd-4f1c0a9e.scope";

    @Test
    void aPodRunningAProgramCalledKubeletIsNotTakenForTheKubelet(@TempDir Path root) throws IOException {
        // the real kubelet restarted after the pod started, so it has the higher pid
        ProcFixtures.cmdline(root, 1200, "/kubelet", "--read-only-port=0", "--anonymous-auth=false");
        ProcFixtures.cgroup(root, 1200, POD_CGROUP);
        ProcFixtures.cmdline(root, 5000, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");
        ProcFixtures.cgroup(root, 5000, "0::/system.slice/kubelet.service");

        Map<String, Fact> facts = readFacts(HostRoot.of(root));

        assertEquals("5000", facts.get("process.kubelet").value());
        assertEquals("/proc/5000/cmdline", facts.get("process.kubelet").source());
    }

    @Test
    void onlyPodKubeletsMeanTheKubeletIsNotRunningOnTheHost(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 4242, "kubelet", "--v=2");
        ProcFixtures.cgroup(root, 4242, "4:memory:/kubepods/besteffort/pod0c4bd3f6-5d2e-4f2a-9a51-2b8f0d0e7c11/4f1c0a9e");

        Fact kubelet = readFacts(HostRoot.of(root)).get("process.kubelet");

        assertEquals(Fact.State.ABSENT, kubelet.state());
        assertEquals("kubelet is not running on the host (processes called kubelet in pods, ignored: pids 4242)",
                kubelet.reason());
    }

    @Test
    void twoKubeletsOutsidePodsAreAmbiguousNotAGuess(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1234, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");
        ProcFixtures.cgroup(root, 1234, "0::/system.slice/kubelet.service");
        ProcFixtures.cmdline(root, 5000, "/tmp/kubelet", "--read-only-port=0");
        ProcFixtures.cgroup(root, 5000, "0::/user.slice/user-0.slice/session-4.scope");

        Fact kubelet = readFacts(HostRoot.of(root)).get("process.kubelet");

        assertEquals(Fact.State.ERROR, kubelet.state());
        assertEquals("ambiguous: 2 kubelet processes outside pods (pids 1234, 5000); "
                + "cannot tell which one is the node's kubelet", kubelet.reason());
    }

    @Test
    void aKubeletWhoseCgroupCannotBeReadStaysACandidate(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1234, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");
        ProcFixtures.cgroup(root, 1234, "0::/system.slice/kubelet.service");
        ProcFixtures.cmdline(root, 5000, "/kubelet", "--read-only-port=0"); // no cgroup file

        Fact kubelet = readFacts(HostRoot.of(root)).get("process.kubelet");

        assertEquals(Fact.State.ERROR, kubelet.state());
        assertTrue(kubelet.reason().startsWith("ambiguous: 2 kubelet processes outside pods (pids 1234, 5000)"));
    }

    @Test
    void kubeProxyAndStaticControlPlanePodsAreKeptInTheirPods(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 2301, "/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf");
        ProcFixtures.cgroup(root, 2301, POD_CGROUP);
        ProcFixtures.cmdline(root, 1500, "kube-apiserver", "--secure-port=6443");
        ProcFixtures.cgroup(root, 1500, "0::/kubepods/burstable/pod7d8ca5b1e4b8e2c1f0a9d3e6b5c4a291/77aa");

        Map<String, Fact> facts = readFacts(HostRoot.of(root));

        assertEquals("2301", facts.get("process.kube-proxy").value());
        assertEquals("1500", facts.get("process.kube-apiserver").value());
    }

    @Test
    void theSshdListenerWinsOverOlderSessionsLeftFromBeforeARestart(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 700, "sshd: admin [priv]");          // old session, re-parented to init
        ProcFixtures.stat(root, 700, "sshd", 1);
        ProcFixtures.cmdline(root, 812, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        ProcFixtures.stat(root, 812, "sshd", 1);
        ProcFixtures.cmdline(root, 2302, "sshd: admin@pts/0");
        ProcFixtures.stat(root, 2302, "sshd", 700);

        assertEquals(812, ProcessSnapshot.take(HostRoot.of(root)).table().find("sshd").orElseThrow().pid());
    }

    @Test
    void withoutAListenerTitleTheSshdStartedAsADaemonWins(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 700, "sshd: admin [priv]");          // old session, re-parented to init
        ProcFixtures.stat(root, 700, "sshd", 1);
        ProcFixtures.cmdline(root, 812, "/usr/sbin/sshd", "-D");
        ProcFixtures.stat(root, 812, "sshd", 1);
        ProcFixtures.cmdline(root, 901, "sshd: root [priv]");
        ProcFixtures.stat(root, 901, "sshd", 812);

        assertEquals(812, ProcessSnapshot.take(HostRoot.of(root)).table().find("sshd").orElseThrow().pid());
    }

    @Test
    void anSshdInAPodIsNotTheHostsSshd(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 300, "/usr/sbin/sshd", "-D");
        ProcFixtures.cgroup(root, 300, POD_CGROUP);
        ProcFixtures.cmdline(root, 812, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        ProcFixtures.cgroup(root, 812, "0::/system.slice/ssh.service");

        assertEquals(812, ProcessSnapshot.take(HostRoot.of(root)).table().find("sshd").orElseThrow().pid());
    }

    @Test
    void aK3sServerRunsTheKubeletAndKubeProxyEmbeddedInItsOwnProcess(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 1, "/sbin/init");
        ProcFixtures.cmdline(root, 733, "/usr/local/bin/k3s", "server");
        ProcFixtures.cgroup(root, 733, "0::/system.slice/k3s.service");

        Map<String, Fact> facts = readFacts(HostRoot.of(root));

        assertEquals(Fact.present("process.kubelet", "733", "/proc/733/cmdline (kubelet embedded in k3s server)"),
                facts.get("process.kubelet"));
        assertEquals(Fact.present("process.kube-proxy", "733",
                "/proc/733/cmdline (kube-proxy embedded in k3s server)"), facts.get("process.kube-proxy"));
    }

    @Test
    void aMicroK8sKubeliteIsAnEmbeddedKubeletEvenWhereAKubeletIsExpected(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 2210, "/snap/microk8s/7229/kubelite", "--scheduler-args-file=/var/snap/microk8s/"
                + "7229/args/kube-scheduler", "--kubelet-args-file=/var/snap/microk8s/7229/args/kubelet");
        ProcFixtures.cgroup(root, 2210, "0::/system.slice/snap.microk8s.daemon-kubelite.service");

        Fact kubelet = new ProcessReader(true).read(HostScan.of(HostRoot.of(root)), HostFacts.builder().build()).stream()
                .filter(f -> f.key().equals("process.kubelet")).findFirst().orElseThrow();

        assertEquals(Fact.present("process.kubelet", "2210",
                "/proc/2210/cmdline (kubelet embedded in MicroK8s kubelite)"), kubelet);
    }

    @Test
    void aK3sInAPodIsNotTheNodesKubeletAndOtherK3sCommandsAreNotKubelets(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 900, "/bin/k3s", "server", "--disable-agent");
        ProcFixtures.cgroup(root, 900, POD_CGROUP);
        ProcFixtures.cmdline(root, 950, "/usr/local/bin/k3s", "kubectl", "get", "nodes");

        Fact kubelet = readFacts(HostRoot.of(root)).get("process.kubelet");

        assertEquals(Fact.absent("process.kubelet", "kubelet is not running"), kubelet);
    }

    private static Map<String, Fact> readFacts(HostRoot root) {
        return new ProcessReader().read(HostScan.of(root), HostFacts.builder().build()).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    @Test
    void skipsKernelThreadsVanishedProcessesAndNonPidEntries(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 2);                       // kthreadd: empty cmdline
        Files.createDirectories(root.resolve("proc/77"));    // exited between listing and reading
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("proc/net"));
        ProcFixtures.cmdline(root, 1234, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");

        ProcessTable table = ProcessSnapshot.take(HostRoot.of(root)).table();

        assertEquals(1234, table.find("kubelet").orElseThrow().pid());
        assertTrue(table.find("etcd").isEmpty());
    }

    @Test
    void unreadableCommandLinesMakeAMissingComponentAnErrorNotAbsent(@TempDir Path root) throws IOException {
        ProcFixtures.cmdline(root, 812, "/usr/sbin/sshd", "-D");
        Files.createDirectories(root.resolve("proc/1234/cmdline")); // reading it fails: "Is a directory"
        Files.createDirectories(root.resolve("proc/1300/cmdline"));
        Files.createDirectories(root.resolve("proc/77"));           // exited mid-walk: not counted

        Map<String, Fact> facts = readFacts(HostRoot.of(root));

        assertEquals("812", facts.get("process.sshd").value());
        assertEquals(Fact.State.ERROR, facts.get("process.kubelet").state());
        assertEquals("kubelet not found, but 2 processes could not be read (/proc/1234/cmdline: IOException: Is a directory, ...)",
                facts.get("process.kubelet").reason());
    }

    @Test
    void readerGivesThePidOfEachRunningComponentAndAbsenceForTheRest() {
        HostRoot root = HostRoot.of(Path.of("src/test/resources/hostroot/kubeadm-worker"));

        Map<String, Fact> facts = new ProcessReader().read(HostScan.of(root), HostFacts.builder().build()).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));

        assertEquals(7, facts.size());
        assertEquals("1234", facts.get("process.kubelet").value());
        assertEquals("/proc/1234/cmdline", facts.get("process.kubelet").source());
        assertEquals("2301", facts.get("process.kube-proxy").value());
        assertEquals("/proc/2301/cmdline", facts.get("process.kube-proxy").source());
        assertEquals("812", facts.get("process.sshd").value());
        assertEquals(Fact.State.ABSENT, facts.get("process.kube-apiserver").state());
        assertEquals("kube-apiserver is not running", facts.get("process.kube-apiserver").reason());
    }

    @Test
    void readerReportsAnUnlistableProcRootAsErrors(@TempDir Path root) {
        HostRoot host = new HostRoot(root, root.resolve("no-proc-here"));

        List<Fact> facts = new ProcessReader().read(HostScan.of(host), HostFacts.builder().build());

        assertEquals(7, facts.size());
        assertTrue(facts.stream().allMatch(f -> f.state() == Fact.State.ERROR));
        assertEquals("cannot list /proc: no such file", facts.get(0).reason());
    }
}
