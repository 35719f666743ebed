package io.nodeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nodeward scan} end to end in-process: options, configuration keys, formats, user benchmarks and waivers. */
class ScanCommandTest {

    private static final List<String> KEYS = List.of("nodeward.host.root", "nodeward.host.proc",
            "nodeward.benchmarks.dir", "nodeward.report.format", "nodeward.kubernetes.version",
            "nodeward.kubelet.expected");

    @TempDir
    Path work;

    private Path node;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void buildNode() throws IOException {
        node = NodeTree.namespaceWorker(work.resolve("node"), "worker-7");
    }

    @AfterEach
    void clearSystemProperties() {
        KEYS.forEach(System::clearProperty);
    }

    record Run(int exit, String out, String err) {
    }

    private Run scan(String... args) {
        return run(env, args);
    }

    /** Runs {@code scan} in this JVM with {@code env} as its environment, capturing both streams. */
    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 1];
        argv[0] = "scan";
        System.arraycopy(args, 0, argv, 1, args.length);
        Cli.Outcome outcome = Cli.run(argv, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = ((Cli.Exit) outcome).code();
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The settings {@code scan args} stand for in {@code env}, as the command line parses them. */
    private static CliSettings settings(Map<String, String> env, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "scan";
        System.arraycopy(args, 0, argv, 1, args.length);
        return CliSettings.of(CliOptions.values(new picocli.CommandLine(Cli.spec()).parseArgs(argv).subcommand()), env);
    }

    private static JsonNode json(Run run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    private static JsonNode result(JsonNode report, String benchmark, String id) {
        return StreamSupport.stream(report.get("results").spliterator(), false)
                .filter(r -> r.get("benchmark").asText().equals(benchmark) && r.get("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no result " + benchmark + "/" + id));
    }

    // --- formats -------------------------------------------------------------------------------

    @Test
    void textIsTheDefaultFormatAndPrintsOneReportWithTheSummaryLast() {
        Run run = scan("--host-root", node.toString());

        assertEquals(0, run.exit());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("nodeward report for node worker-7 (benchmark cis-1.12)\n"), run.out());
        assertEquals(1, run.out().split("== Summary\n", -1).length - 1);
        assertTrue(run.out().contains("[FAIL ] port-10255 The kubelet read-only port (10255) is not listening (high)\n"),
                run.out());
    }

    @Test
    void jsonFormatPrintsOneReportWithTheNodeNameFromEtcHostname() throws IOException {
        Run run = scan("--host-root", node.toString(), "--format", "json");

        assertEquals(0, run.exit());
        assertEquals("", run.err());
        JsonNode report = json(run);
        assertEquals("worker-7", report.get("node").asText());
        assertEquals("cis-1.12", report.get("benchmark").asText());
        JsonNode readOnlyPort = result(report, "nodeward-1.0", "port-10255");
        assertEquals("FAIL", readOnlyPort.get("status").asText());
        assertEquals("/proc/1/net/tcp 0.0.0.0:10255", readOnlyPort.get("source").asText());
    }

    @Test
    void junitFormatPrintsOneWellFormedTestRun() throws Exception {
        Run run = scan("--host-root", node.toString(), "--format=junit");

        assertEquals(0, run.exit());
        assertEquals("", run.err());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals("testsuites", xml.getDocumentElement().getTagName());
        assertEquals(1, xml.getElementsByTagName("testsuites").getLength());
        assertEquals(2, xml.getElementsByTagName("testsuite").getLength());
    }

    @Test
    void findingsDoNotChangeTheExitCode() throws IOException {
        Run run = scan("--host-root", node.toString(), "--format", "json");

        assertTrue(json(run).get("summary").get("fail").asInt() > 0, run.out());
        assertEquals(0, run.exit());
    }

    // --- usage errors ----------------------------------------------------------------------------

    private void assertUsageError(String expectedLine, String... args) {
        Run run = scan(args);

        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(expectedLine + "\n", run.err());
    }

    private static final String SEE_HELP = " (see 'nodeward scan --help')";

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError("nodeward: Unknown option: '--verbose'" + SEE_HELP, "--verbose");
    }

    @Test
    void anUnknownOptionWithAValueIsAUsageError() {
        assertUsageError("nodeward: Unknown options: '--hostroot', '" + node + "'" + SEE_HELP, "--hostroot", node.toString());
    }

    @Test
    void aSingleDashOptionIsAnUnknownOption() {
        assertUsageError("nodeward: Unknown options: '-f', 'json'" + SEE_HELP, "-f", "json");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertUsageError("nodeward: Missing required parameter for option '--format' (FORMAT)" + SEE_HELP,
                "--host-root", node.toString(), "--format");
    }

    @Test
    void anOptionFollowedByAnotherOptionLacksItsValue() {
        assertUsageError("nodeward: Expected parameter for option '--host-root' but found '--format'" + SEE_HELP,
                "--host-root", "--format", "json");
    }

    @Test
    void anEmptyValueIsAUsageError() {
        assertUsageError("nodeward: option --host-root needs a value", "--host-root=");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertUsageError("nodeward: unknown format 'yaml'; use text, brief, json or junit",
                "--host-root", node.toString(), "--format", "yaml");
    }

    @Test
    void aHostRootThatIsNotADirectoryIsAUsageError() {
        Path missing = work.resolve("no-such-node");
        assertUsageError("nodeward: --host-root " + missing + " is not a directory", "--host-root", missing.toString());
    }

    @Test
    void aHostRootThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(work.resolve("hostname"), "worker-7\n");
        assertUsageError("nodeward: --host-root " + file + " is not a directory", "--host-root", file.toString());
    }

    @Test
    void aHostRootWithoutProcNamesTheDefaultItCameFrom() throws IOException {
        Path bare = Files.createDirectories(work.resolve("bare"));
        assertUsageError("nodeward: " + bare.resolve("proc") + " is not a directory"
                + " (--proc-root defaults to <host-root>/proc)", "--host-root", bare.toString());
    }

    @Test
    void aPositionalArgumentIsAUsageError() {
        assertUsageError("nodeward: Unmatched argument at index 3: 'json'" + SEE_HELP,
                "--host-root", node.toString(), "json");
    }

    @Test
    void helpPrintsTheOptionsAndExits0() {
        Run run = scan("--help");

        assertEquals(0, run.exit());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Usage: nodeward scan "), run.out());
        for (String option : List.of("--host-root", "--proc-root", "--format", "--benchmarks-dir", "--kubernetes-version",
                "--check", "--group", "--skip", "--output-file", "--fail-on", "--fail-on-error", "--exit-code")) {
            assertTrue(run.out().contains(option), option);
        }
    }

    @Test
    void shortHelpIsHelp() {
        assertEquals(scan("--help"), scan("-h"));
    }

    @Test
    void aMessageWithLineBreaksIsPrintedAsOneLine() {
        assertEquals("bad.yaml:3: value 'a b' is wrong", ScanCommand.oneLine("bad.yaml:3: value 'a\n  b' is wrong\n"));
    }

    // --- where settings come from ----------------------------------------------------------------

    @Test
    void theOptionBeatsTheSystemPropertyAndTheEnvironment() throws IOException {
        env.put("NODEWARD_HOST_ROOT", NodeTree.namespaceWorker(work.resolve("env"), "from-env").toString());
        System.setProperty("nodeward.host.root", NodeTree.namespaceWorker(work.resolve("prop"), "from-property").toString());

        Run run = scan("--host-root", NodeTree.namespaceWorker(work.resolve("opt"), "from-option").toString(), "--format", "json");

        assertEquals("from-option", json(run).get("node").asText());
    }

    @Test
    void theSystemPropertyBeatsTheEnvironment() throws IOException {
        env.put("NODEWARD_HOST_ROOT", NodeTree.namespaceWorker(work.resolve("env"), "from-env").toString());
        System.setProperty("nodeward.host.root", NodeTree.namespaceWorker(work.resolve("prop"), "from-property").toString());

        Run run = scan("--format", "json");

        assertEquals("from-property", json(run).get("node").asText());
    }

    @Test
    void theEnvironmentVariableIsUsedWithoutOptionOrProperty() throws IOException {
        env.put("NODEWARD_HOST_ROOT", NodeTree.namespaceWorker(work.resolve("env"), "from-env").toString());

        Run run = scan("--format", "json");

        assertEquals("from-env", json(run).get("node").asText());
    }

    @Test
    void nodeNameFromTheEnvironmentBeatsEtcHostname() throws IOException {
        env.put("NODE_NAME", "ip-10-0-3-17.ec2.internal");

        Run run = scan("--host-root", node.toString(), "--format", "json");

        assertEquals("ip-10-0-3-17.ec2.internal", json(run).get("node").asText());
    }

    /** A host without a kubelet: its own /etc/hostname and an empty process table. */
    private Path hostWithoutKubelet() throws IOException {
        Path host = work.resolve("no-kubelet");
        Files.createDirectories(host.resolve("proc"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/hostname"), "build-box\n");
        return host;
    }

    @Test
    void withoutKubeletExpectedTheCliTakesAMissingKubeletForAHostWithoutOne() throws IOException {
        Run run = scan("--host-root", hostWithoutKubelet().toString(), "--format", "json");

        JsonNode check = result(json(run), "cis-1.12", "4.2.1");
        assertEquals("SKIP", check.get("status").asText());
    }

    @Test
    void kubeletExpectedFromTheEnvironmentMakesAMissingKubeletAnError() throws IOException {
        env.put("NODEWARD_KUBELET_EXPECTED", "true");

        Run run = scan("--host-root", hostWithoutKubelet().toString(), "--format", "json");

        JsonNode check = result(json(run), "cis-1.12", "4.2.1");
        assertEquals("ERROR", check.get("status").asText());
        // The rest of the reason is the process reader's (host/proc), worded there.
        assertTrue(check.get("reason").asText().startsWith("process.kubelet: no kubelet process visible under /proc"),
                check.get("reason").asText());
    }

    @Test
    void kubeletExpectedAsASystemPropertyBeatsTheEnvironment() throws IOException {
        env.put("NODEWARD_KUBELET_EXPECTED", "true");
        System.setProperty("nodeward.kubelet.expected", "false");

        Run run = scan("--host-root", hostWithoutKubelet().toString(), "--format", "json");

        assertEquals("SKIP", result(json(run), "cis-1.12", "4.2.1").get("status").asText());
    }

    @Test
    void kubeletExpectedThatIsNeitherTrueNorFalseIsAUsageError() {
        env.put("NODEWARD_KUBELET_EXPECTED", "yes");

        Run run = scan();

        assertEquals(new Run(2, "", "nodeward: nodeward.kubelet.expected must be true or false, not 'yes'\n"), run);
    }

    @Test
    void withNothingConfiguredTheHostRootIsSlashAndProcIsSlashProc() {
        CliSettings settings = settings(Map.of());

        assertEquals(Path.of("/"), settings.hostRoot());
        assertEquals(Path.of("/proc"), settings.procRoot());
    }

    @Test
    void procRootDefaultsToProcUnderTheHostRootGivenAsOption() {
        CliSettings settings = settings(Map.of(), "--host-root", node.toString());

        assertEquals(node.resolve("proc"), settings.procRoot());
    }

    @Test
    void procRootDefaultsToProcUnderTheHostRootFromTheEnvironment() {
        CliSettings settings = settings(Map.of("NODEWARD_HOST_ROOT", node.toString()));

        assertEquals(node.resolve("proc"), settings.procRoot());
    }

    @Test
    void procRootOptionBeatsItsEnvironmentVariable() throws IOException {
        Path otherProc = Files.createDirectories(work.resolve("other-proc"));
        CliSettings settings = settings(Map.of("NODEWARD_HOST_PROC", node.resolve("proc").toString()),
                "--host-root", node.toString(), "--proc-root", otherProc.toString());

        assertEquals(otherProc, settings.procRoot());
    }

    @Test
    void procRootFromTheEnvironmentIsReadByTheScan() throws IOException {
        Path hostWithoutProc = Files.createDirectories(work.resolve("files-only"));
        NodeTree.namespaceWorker(hostWithoutProc, "split-node");
        Path proc = Files.move(hostWithoutProc.resolve("proc"), work.resolve("mounted-proc"));
        env.put("NODEWARD_HOST_PROC", proc.toString());

        Run run = scan("--host-root", hostWithoutProc.toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals("FAIL", result(json(run), "nodeward-1.0", "port-10255").get("status").asText());
    }

    // --- user benchmarks and waivers ------------------------------------------------------------

    private static final String SITE_BENCHMARK = """
            id: site-1.0
            title: Site policy
            version: 1.0.0
            files: [kubelet.yaml]
            """;

    private Path userDirectory(String checkTest) throws IOException {
        Path dir = Files.createDirectories(work.resolve("user/site-1.0"));
        Files.writeString(dir.resolve("benchmark.yaml"), SITE_BENCHMARK);
        Files.writeString(dir.resolve("kubelet.yaml"), """
                id: site-kubelet
                title: Site kubelet policy
                checks:
                  - id: site-1
                    title: The kubelet protects kernel defaults
                    severity: medium
                    scored: true
                    test: %s
                    remediation: Set protectKernelDefaults true in the kubelet config file.
                """.formatted(checkTest));
        return dir.getParent();
    }

    @Test
    void aMalformedUserCheckExits2WithOneLineNamingFileLineAndCheck() throws IOException {
        Path user = userDirectory("kubelet.protectKernelDefault eq true");

        assertUsageError("nodeward: " + user.resolve("site-1.0/kubelet.yaml") + ":8: check site-1: unknown fact key 'kubelet.protectKernelDefault'"
                        + " (did you mean 'kubelet.protectKernelDefaults'?)",
                "--host-root", node.toString(), "--benchmarks-dir", user.toString());
    }

    @Test
    void invalidYamlInAUserBenchmarkExits2WithOneLine() throws IOException {
        Path user = userDirectory("[unclosed");

        Run run = scan("--host-root", node.toString(), "--benchmarks-dir", user.toString());

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("nodeward: " + user.resolve("site-1.0/kubelet.yaml") + ":"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aUserBenchmarkFolderAddsItsChecksToTheReport() throws IOException {
        Path user = userDirectory("kubelet.protectKernelDefaults eq true");

        Run run = scan("--host-root", node.toString(), "--benchmarks-dir", user.toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode site = result(json(run), "site-1.0", "site-1");
        assertEquals("FAIL", site.get("status").asText());
        assertEquals("false", site.get("actual").asText());
        assertEquals("default (config file in use)", site.get("source").asText());
        assertEquals("FAIL", result(json(run), "nodeward-1.0", "port-10255").get("status").asText());
    }

    @Test
    void theBenchmarksDirectoryCanComeFromItsEnvironmentVariable() throws IOException {
        env.put("NODEWARD_BENCHMARKS_DIR", userDirectory("kubelet.protectKernelDefaults eq true").toString());

        Run run = scan("--host-root", node.toString(), "--format", "json");

        assertEquals("FAIL", result(json(run), "site-1.0", "site-1").get("status").asText());
    }

    @Test
    void aBenchmarksDirectoryThatIsNotADirectoryIsAUsageError() {
        Path missing = work.resolve("no-benchmarks");
        assertUsageError("nodeward: --benchmarks-dir " + missing + " is not a directory",
                "--host-root", node.toString(), "--benchmarks-dir", missing.toString());
    }

    private Path waiverDirectory(String expires) throws IOException {
        Path dir = Files.createDirectories(work.resolve("waived"));
        Files.writeString(dir.resolve("waivers.yaml"), """
                waivers:
                  - benchmark: nodeward-1.0
                    check: port-10255
                    reason: the legacy metrics scraper reads 10255 until it is migrated
                    owner: platform-team@example.com
                    expires: %s
                """.formatted(expires));
        return dir;
    }

    @Test
    void aWaiverTurnsAFailIntoASkipNamingOwnerAndExpiry() throws IOException {
        Run run = scan("--host-root", node.toString(), "--benchmarks-dir", waiverDirectory("2999-12-31").toString(),
                "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode waived = result(json(run), "nodeward-1.0", "port-10255");
        assertEquals("SKIP", waived.get("status").asText());
        assertEquals("waived by platform-team@example.com until 2999-12-31: the legacy metrics scraper reads 10255"
                + " until it is migrated (would be FAIL)", waived.get("reason").asText());
    }

    @Test
    void anExpiredWaiverLeavesTheFailAFailAndSaysItExpired() throws IOException {
        Run run = scan("--host-root", node.toString(), "--benchmarks-dir", waiverDirectory("2020-01-31").toString(),
                "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode expired = result(json(run), "nodeward-1.0", "port-10255");
        assertEquals("FAIL", expired.get("status").asText());
        assertEquals("waiver by platform-team@example.com expired on 2020-01-31: the legacy metrics scraper reads 10255"
                + " until it is migrated", expired.get("reason").asText());
    }

    @Test
    void aWaiverForAnUnknownCheckExits2NamingTheFile() throws IOException {
        Path dir = Files.createDirectories(work.resolve("bad-waiver"));
        Files.writeString(dir.resolve("waivers.yaml"), """
                waivers:
                  - benchmark: cis-1.12
                    check: 4.2.99
                    reason: typo
                    owner: platform-team@example.com
                    expires: 2999-12-31
                """);

        assertUsageError("nodeward: " + dir.resolve("waivers.yaml") + ":3: waiver for check 4.2.99: benchmark cis-1.12 has no check '4.2.99'"
                        + " (did you mean '4.2.9'?)",
                "--host-root", node.toString(), "--benchmarks-dir", dir.toString());
    }
}
