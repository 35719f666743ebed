package io.nodeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar's {@code scan} as a real process: {@code Main} must dispatch it before Quarkus
 * boots, so there is no banner, no log line and no HTTP server, and the JVM exits by itself.
 */
class CliJarIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        return java(List.of(), args);
    }

    private static Run java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "package the jar first (mvn verify does)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The node's name and host root must come from the fixture, not from the machine running the build.
        builder.environment().keySet().removeIf(k -> k.equals("NODE_NAME") || k.startsWith("NODEWARD_"));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "scan must exit by itself; a server would keep running: " + Files.readString(err));
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void scanPrintsAJsonReportForTheFixtureNodeWithoutBootingTheAgent() throws Exception {
        String hostname = Files.readString(Path.of(NodeTree.FIXTURE, "etc/hostname")).strip();
        Path node = NodeTree.namespaceWorker(work.resolve("node"), hostname);

        Run run = java("scan", "--host-root", node.toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("namespace-worker", hostname);
        assertEquals(hostname, report.get("node").asText());
        assertEquals("cis-1.12", report.get("benchmark").asText());
        assertTrue(report.get("results").size() > 0);
        // Quarkus logs its banner, "started in" and "Listening on: http://..." to the console when it boots.
        assertEquals("", run.err());
        assertFalse(run.out().contains("Listening on"), run.out());
        assertFalse(run.out().contains("__  ____  __  _____"), run.out());
    }

    /**
     * The CLI builds the configuration mapping without Quarkus, but in the packaged jar (and so in the
     * native executable) it must use the implementation classes the Quarkus build generated, not make
     * its own at run time: SmallRye's generator must never load, and every {@code $$CMImpl} must come
     * from the build's generated-bytecode.jar.
     */
    @Test
    void scanUsesTheConfigMappingClassesTheBuildGenerated() throws Exception {
        Path node = NodeTree.namespaceWorker(work.resolve("node"), "worker-7");

        Run run = java(List.of("-Xlog:class+load=info:file=" + work.resolve("classes.log")),
                "scan", "--host-root", node.toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        List<String> loaded = Files.readAllLines(work.resolve("classes.log"));
        assertTrue(loaded.stream().noneMatch(line -> line.contains("io.smallrye.config.ConfigMappingGenerator")),
                "the mapping classes were generated at run time");
        List<String> implementations = loaded.stream().filter(line -> line.contains("io.nodeward.NodewardConfig")
                && line.contains("$$CMImpl ")).toList();
        assertTrue(implementations.size() >= 2, loaded.stream().filter(l -> l.contains("NodewardConfig")).toList().toString());
        for (String line : implementations) {
            assertTrue(line.endsWith("quarkus/generated-bytecode.jar"), line);
        }
    }

    @Test
    void anUnknownFormatExits2WithOneLine() throws Exception {
        Run run = java("scan", "--format", "yaml");

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals("nodeward: unknown format 'yaml'; use text, brief, json or junit\n", run.err());
    }

    @Test
    void helpAndVersionExit0WithoutBootingTheAgent() throws Exception {
        Run help = java("--help");
        Run version = java("version");
        Run versionOption = java("--version");

        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: nodeward "), help.out());
        assertTrue(help.out().contains("scan") && help.out().contains("serve"), help.out());
        assertEquals(new Run(0, "nodeward 0.1.0-SNAPSHOT\n", ""), version);
        assertEquals(version, versionOption);
    }

    /** The pipeline recipe README.md gives, as a CI job runs it: a JUnit file, and a red build on a high FAIL. */
    @Test
    void thePipelineRecipeFailsOnAHighFindingAndLeavesTheJunitFile() throws Exception {
        Path node = NodeTree.namespaceWorker(work.resolve("node"), "worker-7");
        Path report = work.resolve("report.xml");

        Run run = java("scan", "--host-root", node.toString(), "--fail-on", "high", "--output-file", report.toString(),
                "--format", "junit");

        assertEquals(1, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("nodeward: report written to " + report + " (pass="), run.err());
        assertTrue(Files.readString(report).startsWith("<?xml"), Files.readString(report));
    }
}
