package io.nodeward.host.net;

import io.nodeward.host.Fifos;
import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.Observed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortReaderTest {

    @TempDir
    Path host;

    @Test
    void aListenerOnTheIpv4WildcardIsListeningAndWildcard() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 10255);

        assertEquals(Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"),
                facts.get("port.10255.listening"));
        assertEquals(Fact.present("port.10255.wildcard", "true", "/proc/1/net/tcp 0.0.0.0:10255"),
                facts.get("port.10255.wildcard"));
    }

    @Test
    void everyListeningSocketOfAPortIsAnObservation() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6
                + "   3: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000"
                + " 00:00000000 00000000     0        0 20323 1 0000000000000000 100 0 0 10 0\n", 22);

        List<Observed> both = List.of(new Observed("true", "/proc/1/net/tcp 0.0.0.0:22"),
                new Observed("true", "/proc/1/net/tcp6 [::]:22"));
        assertEquals(Fact.present("port.22.listening", both), facts.get("port.22.listening"));
        assertEquals(Fact.present("port.22.wildcard", both), facts.get("port.22.wildcard"));
    }

    @Test
    void theIpv6WildcardCountsAsWildcard() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 10250);

        assertEquals(Fact.present("port.10250.listening", "true", "/proc/1/net/tcp6 [::]:10250"),
                facts.get("port.10250.listening"));
        assertEquals(Fact.present("port.10250.wildcard", "true", "/proc/1/net/tcp6 [::]:10250"),
                facts.get("port.10250.wildcard"));
    }

    @Test
    void aLoopbackListenerIsListeningButNotWildcard() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 10248, 10259);

        assertEquals(Fact.present("port.10248.listening", "true", "/proc/1/net/tcp 127.0.0.1:10248"),
                facts.get("port.10248.listening"));
        assertEquals(Fact.present("port.10248.wildcard", "false", "/proc/1/net/tcp 127.0.0.1:10248"),
                facts.get("port.10248.wildcard"));
        assertEquals(Fact.present("port.10259.wildcard", "false", "/proc/1/net/tcp6 [::1]:10259"),
                facts.get("port.10259.wildcard"));
    }

    @Test
    void aListenerOnTheNodeIpIsExposedThoughNotWildcard() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP + "   5: 0500000A:2809 00000000:0000 0A 00000000:00000000"
                + " 00:00000000 00000000     0        0 31600 1 0000000000000000 100 0 0 10 0\n", NetTcpReaderTest.TCP6, 10249);

        assertEquals(Fact.present("port.10249.wildcard", "false", "/proc/1/net/tcp 10.0.0.5:10249"),
                facts.get("port.10249.wildcard"));
        assertEquals(Fact.present("port.10249.exposed", "true", "/proc/1/net/tcp 10.0.0.5:10249"),
                facts.get("port.10249.exposed"));
    }

    @Test
    void wildcardListenersAreExposed() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 10250);

        assertEquals(Fact.present("port.10250.exposed", "true", "/proc/1/net/tcp6 [::]:10250"),
                facts.get("port.10250.exposed"));
    }

    @Test
    void loopbackListenersAreNotExposedWithTheSocketsAsSource() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 10248, 10259, 2379);

        assertEquals(Fact.present("port.10248.exposed", "false", "/proc/1/net/tcp 127.0.0.1:10248"),
                facts.get("port.10248.exposed"));
        assertEquals(Fact.present("port.10259.exposed", "false", "/proc/1/net/tcp6 [::1]:10259"),
                facts.get("port.10259.exposed"));
        assertEquals(Fact.present("port.2379.exposed", "false", "/proc/1/net/tcp, /proc/1/net/tcp6"),
                facts.get("port.2379.exposed"));
    }

    @Test
    void establishedSocketsDoNotCountAsListening() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, NetTcpReaderTest.TCP6, 2379);

        assertEquals(Fact.present("port.2379.listening", "false", "/proc/1/net/tcp, /proc/1/net/tcp6"),
                facts.get("port.2379.listening"));
        assertEquals(Fact.present("port.2379.wildcard", "false", "/proc/1/net/tcp, /proc/1/net/tcp6"),
                facts.get("port.2379.wildcard"));
    }

    @Test
    void aMissingTcp6IsNormalAndOnlyTcpIsNamed() throws IOException {
        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, null, 10250, 22);

        assertEquals(Fact.present("port.10250.listening", "false", "/proc/1/net/tcp"), facts.get("port.10250.listening"));
        assertEquals(Fact.present("port.22.listening", "true", "/proc/1/net/tcp 0.0.0.0:22"), facts.get("port.22.listening"));
    }

    @Test
    void aMissingTcpMakesEveryPortFactAnError() throws IOException {
        Map<String, Fact> facts = read(null, NetTcpReaderTest.TCP6, 10250);

        assertEquals(Fact.error("port.10250.listening", "/proc/1/net/tcp does not exist"), facts.get("port.10250.listening"));
        assertEquals(Fact.error("port.10250.wildcard", "/proc/1/net/tcp does not exist"), facts.get("port.10250.wildcard"));
    }

    @Test
    void anUnreadableTcpTableIsAnErrorNamingTheHostPathNotTheLocalOne() throws IOException {
        Path tcp = host.resolve("proc/1/net/tcp");
        Files.createDirectories(tcp.getParent());
        Files.createSymbolicLink(tcp, tcp.getFileName()); // a link to itself: ELOOP

        Map<String, Fact> facts = read(null, null, 10250);

        assertEquals(Fact.error("port.10250.listening",
                "/proc/1/net/tcp: Too many levels of symbolic links or unable to access attributes of symbolic link"),
                facts.get("port.10250.listening"));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoWhereTheTcpTableShouldBeIsAnErrorInsteadOfBlockingTheScan() throws Exception {
        Fifos.mkfifo(host.resolve("proc/1/net/tcp"));

        Map<String, Fact> facts = read(null, null, 10250);

        assertEquals(Fact.error("port.10250.listening", "/proc/1/net/tcp: not a regular file (a FIFO)"),
                facts.get("port.10250.listening"));
    }

    @Test
    void aProcOneInsideAPodMakesEveryPortFactAnErrorInsteadOfAFalsePass() throws IOException {
        write("1/cgroup", "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7c1d.slice/"
                + "cri-containerd-5e6f.scope\n");

        Map<String, Fact> facts = read(NetTcpReaderTest.TCP.replace("280F", "1F90"), null, 10255);

        String reason = "the proc root /proc is a container's view, not the host's: its pid 1 runs in a pod (cgroup "
                + "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7c1d.slice/cri-containerd-5e6f.scope); "
                + "the DaemonSet lacks hostPID: true, or --proc-root is wrong";
        assertEquals(Fact.error("port.10255.listening", reason), facts.get("port.10255.listening"));
        assertEquals(Fact.error("port.10255.wildcard", reason), facts.get("port.10255.wildcard"));
        assertEquals(Fact.error("port.10255.exposed", reason), facts.get("port.10255.exposed"));
    }

    @Test
    void theHostsInitCgroupIsTheHostsView() throws IOException {
        write("1/cgroup", "0::/init.scope\n");

        Map<String, Fact> facts = read(NetTcpReaderTest.TCP, null, 10255);

        assertEquals(Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"),
                facts.get("port.10255.listening"));
    }

    @Test
    void withAGarbageRowTrueStaysCertainButFalseBecomesAnError() throws IOException {
        String tcp = NetTcpReaderTest.TCP + "   5: 0100007F:28 00000000:0000 0A\n";

        Map<String, Fact> facts = read(tcp, NetTcpReaderTest.TCP6, 10255, 10248, 6443);

        assertEquals(Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"),
                facts.get("port.10255.listening"));
        assertEquals(Fact.present("port.10255.wildcard", "true", "/proc/1/net/tcp 0.0.0.0:10255"),
                facts.get("port.10255.wildcard"));
        String doubt = "/proc/1/net/tcp line 7: local_address '0100007F:28' is not ADDRESS:PORT in hex";
        assertEquals(Fact.error("port.6443.listening", "cannot rule out a listener on port 6443: " + doubt),
                facts.get("port.6443.listening"));
        assertEquals(Fact.error("port.10248.wildcard", "cannot rule out a listener on port 10248: " + doubt),
                facts.get("port.10248.wildcard"));
        assertEquals(Fact.error("port.10248.exposed", "cannot rule out a listener on port 10248: " + doubt),
                facts.get("port.10248.exposed"));
    }

    @Test
    void theDefaultReaderReportsEveryWatchedPort() throws IOException {
        write("1/net/tcp", NetTcpReaderTest.TCP);

        List<Fact> facts = new PortReader().read(HostScan.of(new HostRoot(host, host.resolve("proc"))), HostFacts.builder().build());

        assertEquals(Set.of(22, 2379, 2380, 6443, 10249, 10250, 10255, 10256, 10257, 10259), PortReader.WATCHED);
        assertEquals(PortReader.WATCHED.size() * 3, facts.size());
    }

    private Map<String, Fact> read(String tcp, String tcp6, Integer... ports) throws IOException {
        if (tcp != null) {
            write("1/net/tcp", tcp);
        }
        if (tcp6 != null) {
            write("1/net/tcp6", tcp6);
        }
        return new PortReader(Set.of(ports)).read(HostScan.of(new HostRoot(host, host.resolve("proc"))), HostFacts.builder().build())
                .stream().collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    private void write(String procRelative, String content) throws IOException {
        Path file = host.resolve("proc").resolve(procRelative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
