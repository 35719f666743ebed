package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.nodeward.testing.ExternalTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The image the project builds ({@code bin/image}: target/nodeward-jvm-image.tar), imported into a
 * real containerd with {@code ctr images import} and run by runc the way {@code daemonset/} runs it:
 * read-only root, every capability but DAC_READ_SEARCH dropped, no privilege escalation, the runtime's
 * default seccomp profile, the host paths read-only under /host, the host's pid namespace, NODE_NAME
 * from the downward API, a cgroup memory limit equal to the DaemonSet's, and its own network
 * namespace. It must start, scan this machine, serve health and metrics, stay under the limit for 50
 * scans without being killed or exiting, and stop cleanly on SIGTERM within the grace period.
 *
 * <p>One deviation from the manifest, for time: scans every 250 ms instead of every 60 s (more garbage
 * per second than the agent will ever make). The memory it measured is written to
 * target/image-footprint-jvm.txt; daemonset/README.md ("Sizing") quotes it.
 *
 * <p>Run by {@code bin/test} (Maven profile {@code container-image}, which builds the tarball first);
 * needs root, containerd, runc, ip and curl (scripts/install-test-deps.sh).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

    private static final String NODE = "containerd-it-node";
    private static final String SCAN_INTERVAL = "250ms";
    private static final int SCANS = 50;
    private static final Duration START_BUDGET = Duration.ofSeconds(60);
    /** A ctr task's exit status after the JVM ran its shutdown hooks on SIGTERM: 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;

    private final Path tarball = Path.of(System.getProperty("nodeward.image.tarball", "target/nodeward-jvm-image.tar"));
    private final DaemonSetAsCtrRun daemonSet = new DaemonSetAsCtrRun(RenderedBase.one(DaemonSet.class));
    private final String id = "nodeward-it-" + ProcessHandle.current().pid();
    private final String cgroup = "/nodeward-it/" + id;

    private OciImageTarball image;
    private Containerd containerd;
    private NetworkNamespace network;
    private Path log;
    private long agentPid;
    private CgroupMemory memory;
    private String footprint = "";

    @BeforeAll
    void runTheImageAsTheDaemonSetDoes() throws Exception {
        assertTrue(Files.isRegularFile(tarball), tarball + " is missing: build it with bin/image (or -Dcontainer-image)");
        image = OciImageTarball.read(tarball);
        Path work = Path.of("target").toAbsolutePath();
        containerd = Containerd.start(work);
        network = NetworkNamespace.create(id);
        containerd.ctr("images", "import", tarball.toAbsolutePath().toString());
        Path rootfs = Files.createDirectories(containerd.dir().resolve("rootfs"));
        containerd.ctr("images", "mount", "--rw", image.reference(), rootfs.toString());
        containerd.mounted(rootfs);
        log = containerd.dir().resolve("agent.log");
        List<String> ctrFlags = List.of("--log-uri", "file://" + log, "--runc-root", containerd.dir().resolve("runc").toString(),
                "--fifo-dir", containerd.dir().resolve("fifo").toString());
        List<String> run = daemonSet.arguments(image, rootfs, Files.createDirectories(containerd.dir().resolve("volumes")),
                Map.of("spec.nodeName", NODE, "status.hostIP", "127.0.0.1"),
                Map.of("NODEWARD_SCAN_INTERVAL", SCAN_INTERVAL), network.path(), cgroup, ctrFlags, id);
        containerd.created(id);
        containerd.ctr(run.toArray(String[]::new));
        agentPid = taskPid();
        memory = new CgroupMemory(cgroup);
    }

    @AfterAll
    void stopEverythingStarted() throws IOException {
        try {
            if (containerd != null) {
                containerd.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
            CgroupMemory.remove(cgroup);
            if (!footprint.isEmpty()) {
                Files.writeString(Path.of("target/image-footprint-jvm.txt"), footprint);
            }
        }
    }

    @Test
    @Order(1)
    void isNamedAsTheDaemonSetExpectsItAndLabelled() {
        assertEquals("ghcr.io/nodeward/nodeward:" + image.labels().get("org.opencontainers.image.version"), image.reference());
        assertTrue(image.labels().containsKey("org.opencontainers.image.source"), "source label");
        assertTrue(image.labels().containsKey("org.opencontainers.image.licenses"), "licences label");
        assertEquals("65532:65532", image.user(), "not root unless the pod says so");
        assertEquals(List.of(), image.cmd(), "no arguments: serve mode");
        assertEquals("/deployments/quarkus-run.jar", image.entrypoint().getLast());
    }

    @Test
    @Order(1)
    void isWhatTheDockerfileForPeopleWithDockerBuilds() throws IOException {
        String dockerfile = Files.readString(RenderedBase.PROJECT.resolve("native/Dockerfile.jvm"));
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
        assertTrue(entrypoint.find(), "ENTRYPOINT in native/Dockerfile.jvm");
        assertEquals(image.entrypoint(), List.of(new ObjectMapper().readValue(entrypoint.group(1), String[].class)));
        assertTrue(dockerfile.contains("\nUSER " + image.user() + "\n"), "USER " + image.user());
    }

    @Test
    @Order(2)
    void runsWithOnlyDacReadSearchNoNewPrivilegesUnderSeccompOnAReadOnlyRoot() throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(agentPid), "status"));
        assertEquals("0000000000000004", field(status, "CapEff"), "effective capabilities: CAP_DAC_READ_SEARCH (bit 2) only");
        assertEquals("0000000000000004", field(status, "CapBnd"), "bounding set");
        assertEquals("1", field(status, "NoNewPrivs"));
        assertEquals("2", field(status, "Seccomp"), "a seccomp filter");
        assertTrue(field(status, "Uid").startsWith("0\t"), "uid 0, as the pod's securityContext says");
        String rootMount = Files.readAllLines(Path.of("/proc", Long.toString(agentPid), "mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals("/")).findFirst().orElseThrow();
        assertTrue(rootMount.split(" ")[5].startsWith("ro"), "root mounted read-only: " + rootMount);
        assertEquals(daemonSet.memoryLimitBytes(), memory.limit(), "the cgroup's memory limit is the DaemonSet's");
    }

    @Test
    @Order(3)
    void becomesReadyAndServesMetricsOfItsScansOfThisMachine() throws Exception {
        awaitReady();
        String metrics = scrape();
        assertTrue(metrics.contains("nodeward_checks{status=\"pass\"}"), "check counts on /metrics");
        assertTrue(scans(metrics) >= 1, "at least one scan");
        // The report (loopback of the pod's network namespace only) names the node from the downward API.
        ExternalTool.Result report = network.get(8080, "/report?format=json");
        assertEquals(0, report.exitCode(), "GET /report: " + report.stderr());
        JsonNode json = new ObjectMapper().readTree(report.stdout());
        assertEquals(NODE, json.path("node").asText());
        JsonNode summary = json.path("summary");
        assertTrue(summary.path("pass").asInt() + summary.path("fail").asInt() > 0,
                "checks evaluated against this machine's files through /host: " + summary);
    }

    @Test
    @Order(4)
    void holdsUnderItsMemoryLimitFor50ScansWithoutDying() throws Exception {
        awaitReady();
        long first = scans(scrape());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long peakAnon = 0;
        long peakWorkingSet = 0;
        List<CgroupMemory.Sample> lastTen = new ArrayList<>();
        long done = first;
        while (done < first + SCANS) {
            assertAlive();
            CgroupMemory.Sample sample = memory.sample();
            peakAnon = Math.max(peakAnon, sample.anon());
            peakWorkingSet = Math.max(peakWorkingSet, sample.workingSet());
            lastTen.add(sample);
            if (lastTen.size() > 10) {
                lastTen.removeFirst();
            }
            if (System.nanoTime() > deadline) {
                fail("only " + (done - first) + " scans in 120 s");
            }
            Thread.sleep(250);
            done = scans(scrape());
        }
        assertAlive();
        assertEquals(0, memory.oomKills(), "OOM kills in the container's cgroup");
        long limit = daemonSet.memoryLimitBytes();
        long steadyAnon = lastTen.stream().mapToLong(CgroupMemory.Sample::anon).max().orElseThrow();
        long steadyWorkingSet = lastTen.stream().mapToLong(CgroupMemory.Sample::workingSet).max().orElseThrow();
        footprint = """
                nodeward JVM image under containerd/runc, DaemonSet settings, %d scans every %s (ContainerImageIT)
                memory limit (DaemonSet):          %s
                peak anonymous memory (sampled):   %s
                peak working set (sampled):        %s
                cgroup peak usage, page cache too: %s
                steady anonymous memory:           %s
                steady working set:                %s
                """.formatted(done - first, SCAN_INTERVAL, mib(limit), mib(peakAnon), mib(peakWorkingSet),
                mib(memory.peak()), mib(steadyAnon), mib(steadyWorkingSet));
        System.out.print(footprint);
        assertTrue(peakAnon < limit, "anonymous memory " + mib(peakAnon) + " under the limit " + mib(limit));
        assertTrue(peakWorkingSet < limit, "working set " + mib(peakWorkingSet) + " under the limit " + mib(limit));
    }

    @Test
    @Order(5)
    void stopsCleanlyOnSigtermWithinTheGracePeriod() throws Exception {
        assertAlive();
        containerd.ctr("tasks", "kill", "--signal", "SIGTERM", id);
        long deadline = System.nanoTime() + Duration.ofSeconds(daemonSet.terminationGraceSeconds()).toNanos();
        while (ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                fail("still running " + daemonSet.terminationGraceSeconds() + " s after SIGTERM: the kubelet would SIGKILL it");
            }
            Thread.sleep(100);
        }
        String tasks = awaitStopped();
        assertTrue(tasks.contains("STOPPED"), tasks);
        String agentLog = Files.readString(log);
        assertTrue(agentLog.contains("nodeward stopped in"), "Quarkus ran its shutdown: " + tail(agentLog));
        assertTrue(!agentLog.contains("OutOfMemoryError"), "no OutOfMemoryError: " + tail(agentLog));
        assertEquals(EXIT_AFTER_SIGTERM, deleteTaskForExitStatus(), "exit status after SIGTERM");
    }

    /** Deletes the stopped task; ctr then warns "task ... exit with non-zero exit code N" (nothing for 0). */
    private int deleteTaskForExitStatus() {
        ExternalTool.Result deleted = containerd.tryCtr("tasks", "delete", id);
        assertEquals(0, deleted.exitCode(), "ctr tasks delete: " + deleted.stderr());
        Matcher m = Pattern.compile("exit code (\\d+)").matcher(deleted.stdout() + deleted.stderr());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private String awaitStopped() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String tasks = containerd.ctr("tasks", "list");
            if (tasks.lines().anyMatch(l -> l.startsWith(id) && l.contains("STOPPED"))) {
                return tasks;
            }
            Thread.sleep(100);
        }
        return containerd.ctr("tasks", "list");
    }

    private long taskPid() {
        String tasks = containerd.ctr("tasks", "list");
        return tasks.lines().filter(l -> l.startsWith(id + " ")).map(l -> Long.parseLong(l.split("\\s+")[1]))
                .findFirst().orElseGet(() -> fail("no task " + id + " in\n" + tasks));
    }

    private void assertAlive() throws IOException {
        if (!ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false)) {
            fail("the agent (pid " + agentPid + ") exited; OOM kills: " + memory.oomKills() + "\n" + tail(Files.readString(log)));
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_BUDGET.toNanos();
        ExternalTool.Result ready;
        while ((ready = network.get(9000, "/q/health/ready")).exitCode() != 0 || !ready.stdout().contains("\"UP\"")) {
            assertAlive();
            if (System.nanoTime() > deadline) {
                fail("not ready within " + START_BUDGET + " (the startup probe's budget): " + ready.stderr() + "\n" + tail(Files.readString(log)));
            }
            Thread.sleep(200);
        }
    }

    private String scrape() {
        ExternalTool.Result metrics = network.get(9000, "/metrics");
        assertEquals(0, metrics.exitCode(), "GET /metrics: " + metrics.stderr());
        return metrics.stdout();
    }

    private static long scans(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("nodeward_scans_total "))
                .mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1])).findFirst()
                .orElseGet(() -> fail("no nodeward_scans_total on /metrics"));
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .findFirst().orElseGet(() -> fail("no " + name + " in /proc/<pid>/status"));
    }

    private static String mib(long bytes) {
        return "%.1f MiB".formatted(bytes / 1048576.0);
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    }
}
