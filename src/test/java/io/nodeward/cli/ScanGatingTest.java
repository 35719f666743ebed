package io.nodeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.cli.ScanCommandTest.Run;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scan} in a pipeline: choosing checks as kube-bench does ({@code --check}, {@code --group},
 * {@code --skip}), failing the build on findings ({@code --fail-on}, {@code --exit-code},
 * {@code --fail-on-error}), writing the report to a file, and the brief text format. The fixture is
 * the namespace worker, whose FAILs are known: port-10255 (high), ssh-root-login and
 * ssh-password-auth (high), 4.1.5 (high), ssh-max-auth-tries, 4.1.1, 4.1.9 and sshd-config-mode
 * (medium), ssh-x11-forwarding (low); 4.2.4 is a WARN (unscored) though high.
 */
class ScanGatingTest {

    @TempDir
    Path work;

    private Path node;

    @BeforeEach
    void buildNode() {
        node = NodeTree.namespaceWorker(work.resolve("node"), "worker-7");
    }

    private Run scan(String... args) {
        List<String> all = new ArrayList<>(List.of("--host-root", node.toString()));
        all.addAll(List.of(args));
        return ScanCommandTest.run(Map.of(), all.toArray(String[]::new));
    }

    private static List<String> ids(Run run) throws IOException {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(run.out()).get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static JsonNode result(Run run, String id) throws IOException {
        for (JsonNode r : new ObjectMapper().readTree(run.out()).get("results")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result " + id);
    }

    // --- choosing checks ---------------------------------------------------------------------------

    @Test
    void checkKeepsOnlyTheNamedChecksInBenchmarkOrder() throws IOException {
        Run run = scan("--format", "json", "--check", "port-10255,4.1.5");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("4.1.5", "port-10255"), ids(run));
    }

    @Test
    void groupKeepsTheChecksOfTheGroup() throws IOException {
        Run run = scan("--format", "json", "--group", "ports");

        assertEquals(List.of("port-10255", "port-10250", "port-10249", "port-22", "port-6443", "port-8080", "port-2379",
                "port-2380", "port-10257", "port-10259"), ids(run));
    }

    @Test
    void checkAndGroupTogetherKeepEither() throws IOException {
        Run run = scan("--format", "json", "--group", "upgrade", "--check", "4.2.4");

        assertEquals(List.of("4.2.4", "upgrade-kubelet-eol", "upgrade-version-skew"), ids(run));
    }

    @Test
    void skipTurnsChecksAndGroupsIntoSkipsThatStayInTheReport() throws IOException {
        Run run = scan("--format", "json", "--group", "sshd", "--skip", "ssh-root-login");

        assertEquals(7, ids(run).size());
        JsonNode skipped = result(run, "ssh-root-login");
        assertEquals("SKIP", skipped.get("status").asText());
        assertEquals("skipped by --skip", skipped.get("reason").asText());
        assertEquals("FAIL", result(run, "ssh-password-auth").get("status").asText());
    }

    @Test
    void anUnknownCheckIsAUsageErrorNamingTheNearest() {
        Run run = scan("--check", "ssh-root-logn");

        assertEquals(new Run(2, "", "nodeward: --check: no check 'ssh-root-logn' in any benchmark"
                + " (did you mean 'ssh-root-login'?)\n"), run);
    }

    // --- failing a pipeline ------------------------------------------------------------------------

    @Test
    void findingsDoNotChangeTheExitCodeUnlessAsked() {
        assertEquals(0, scan("--format", "json").exit());
    }

    @Test
    void failOnHighExits1ForAHighFail() {
        assertEquals(1, scan("--format", "json", "--fail-on", "high").exit());
    }

    @Test
    void failOnCriticalExits0WhenNothingCriticalFails() {
        assertEquals(0, scan("--format", "json", "--fail-on", "critical").exit());
    }

    @Test
    void aLowFailFailsLowButNotMedium() {
        assertEquals(1, scan("--check", "ssh-x11-forwarding", "--fail-on", "low").exit());
        assertEquals(0, scan("--check", "ssh-x11-forwarding", "--fail-on", "medium").exit());
    }

    @Test
    void aWarnNeverFailsThePipeline() {
        // 4.2.4 is high but unscored: WARN
        assertEquals(0, scan("--check", "4.2.4", "--fail-on", "any").exit());
    }

    @Test
    void theExitCodeOfAFailingScanIsChosen() {
        assertEquals(3, scan("--format", "json", "--fail-on", "high", "--exit-code", "3").exit());
    }

    @Test
    void anErrorFailsOnlyWithFailOnError() throws IOException {
        // the kubelet's --config is a directory: every check resting on it is ERROR
        Path config = node.resolve("var/lib/kubelet/config.yaml");
        Files.delete(config);
        Files.createDirectory(config);

        assertEquals(0, scan("--check", "4.2.1").exit());
        assertEquals(1, scan("--check", "4.2.1", "--fail-on-error").exit());
    }

    @Test
    void anUnknownFailOnLevelIsAUsageError() {
        assertEquals(new Run(2, "", "nodeward: --fail-on must be critical, high, medium, low or any, not 'severe'\n"),
                scan("--fail-on", "severe"));
    }

    @Test
    void anExitCodeThatWouldPassThePipelineIsAUsageError() {
        assertEquals(new Run(2, "", "nodeward: --exit-code must be between 1 and 125, not 0\n"),
                scan("--fail-on", "high", "--exit-code", "0"));
    }

    // --- the report's destination and the brief format ---------------------------------------------

    @Test
    void outputFileHoldsTheReportAndStandardOutputStaysEmpty() throws IOException {
        Path file = work.resolve("report.json");
        Files.writeString(file, "an older report");

        Run run = scan("--format", "json", "--check", "4.1.5", "--output-file", file.toString());

        assertEquals("", run.out());
        assertEquals("nodeward: report written to " + file + " (pass=0 fail=1 warn=0 skip=0 error=0)\n", run.err());
        assertEquals(List.of("4.1.5"), ids(new Run(0, Files.readString(file), "")));
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of("node", "report.json"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anOutputFileInAMissingDirectoryIsAUsageError() {
        Path file = work.resolve("no-such-dir/report.json");

        assertEquals(new Run(2, "", "nodeward: --output-file " + file + ": " + file.getParent()
                + " is not a directory\n"), scan("--output-file", file.toString()));
    }

    @Test
    void briefPrintsWhatNeedsActionAndTheCountsOnOneLine() {
        Run run = scan("--format", "brief", "--group", "sshd,4.2");

        List<String> headings = run.out().lines().filter(l -> l.startsWith("[")).toList();
        assertEquals(List.of(
                "[WARN ] 4.2.4 Ensure that the kubelet read-only port is disabled and not listening (high)",
                "[WARN ] 4.2.8 Ensure that the kubelet event record QPS is set to a level that ensures event capture (info)",
                "[WARN ] 4.2.9 Ensure that the kubelet serves TLS with a proper certificate (medium)",
                "[WARN ] 4.2.12 Ensure that the kubelet only uses strong cryptographic ciphers (medium)",
                "[WARN ] 4.2.13 Ensure that a limit is set on pod PIDs (medium)",
                "[WARN ] 4.2.14 Ensure that the RuntimeDefault seccomp profile is enabled by default (medium)",
                "[FAIL ] ssh-root-login sshd does not allow root to log in (high)",
                "[FAIL ] ssh-password-auth sshd does not accept password authentication (high)",
                "[FAIL ] ssh-max-auth-tries sshd allows at most 4 authentication attempts per connection (medium)",
                "[FAIL ] ssh-x11-forwarding sshd does not forward X11 (low)",
                "[FAIL ] sshd-config-mode /etc/ssh/sshd_config is owned by root:root with mode 600 or more restrictive"
                        + " (medium)"), headings);
        String last = run.out().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("nodeward worker-7 \\(cis-1\\.12\\): pass=10 fail=5 warn=6 skip=0 error=0, 21 checks"
                + " in [0-9.]+ ms"), last);
    }
}
