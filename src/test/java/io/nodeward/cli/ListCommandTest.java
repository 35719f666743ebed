package io.nodeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code nodeward list}: the checks nodeward knows, filtered, as text or JSON; it reads no host. */
class ListCommandTest {

    @TempDir
    Path work;

    @Test
    void listsAGroupsChecksOnePerLine() {
        CliTest.Result result = CliTest.cli("list", "--benchmark", "nodeward-1.0", "--group", "upgrade");

        assertEquals(new CliTest.Result(new Cli.Exit(0), """
                nodeward-1.0   upgrade-kubelet-eol          high     upgrade    The kubelet's Kubernetes minor release still gets patches
                nodeward-1.0   upgrade-version-skew         high     upgrade    The kubelet is within the version skew policy of the API server
                """, ""), result);
    }

    @Test
    void listsAsJson() throws IOException {
        CliTest.Result result = CliTest.cli("list", "--format", "json", "--benchmark", "cis-1.12", "--group", "4.2");

        JsonNode checks = new ObjectMapper().readTree(result.out());
        assertEquals(14, checks.size());
        JsonNode first = checks.get(0);
        assertEquals("cis-1.12", first.get("benchmark").asText());
        assertEquals("4.2", first.get("group").asText());
        assertEquals("4.2.1", first.get("id").asText());
        assertEquals("Ensure that anonymous requests to the kubelet are disabled", first.get("title").asText());
        assertEquals("critical", first.get("severity").asText());
    }

    @Test
    void anUnknownBenchmarkIsAUsageErrorNamingTheNearest() {
        assertEquals(new CliTest.Result(new Cli.Exit(2), "", "nodeward: --benchmark: no benchmark 'cis-1.21'"
                + " (did you mean 'cis-1.12'?)\n"), CliTest.cli("list", "--benchmark", "cis-1.21"));
    }

    @Test
    void aUsersBenchmarkIsValidatedAndListed() throws IOException {
        Path mine = Files.createDirectories(work.resolve("benchmarks/site-1.0"));
        Files.writeString(mine.resolve("benchmark.yaml"), "id: site-1.0\ntitle: Site rules\nversion: \"1.0\"\nfiles: [site.yaml]\n");
        Files.writeString(mine.resolve("site.yaml"), """
                id: site
                title: Site rules
                checks:
                  - id: site-no-readonly-port
                    title: The read-only port stays closed
                    severity: high
                    scored: true
                    test: kubelet.readOnlyPort eq 0
                    remediation: Set readOnlyPort to 0.
                """);

        CliTest.Result result = CliTest.cli("list", "--benchmarks-dir", work.resolve("benchmarks").toString(),
                "--benchmark", "site-1.0");

        assertEquals(List.of("site-1.0       site-no-readonly-port        high     site       The read-only port stays closed"),
                result.out().lines().toList(), result.err());
    }
}
