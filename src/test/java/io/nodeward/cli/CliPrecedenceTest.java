package io.nodeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For every key the CLI reads: the option beats the system property, which beats the environment
 * variable, which beats the default, because they are sources of one SmallRye configuration, ordered.
 */
class CliPrecedenceTest {

    @TempDir
    Path work;

    private final List<String> properties = new ArrayList<>();

    @AfterEach
    void clearSystemProperties() {
        properties.forEach(System::clearProperty);
    }

    /**
     * A key with an option. {@code values} makes three different valid values (for the option, the
     * property and the variable) in a work directory; {@code read} is what the CLI made of them.
     */
    record Key(String option, String property, String variable, Function<Path, List<String>> values,
               Function<CliSettings, Object> read, Object byDefault) {
        @Override
        public String toString() {
            return property;
        }
    }

    private static List<String> directories(Path work, String... names) {
        return Stream.of(names).map(name -> {
            try {
                return Files.createDirectories(work.resolve(name).resolve("proc")).getParent().toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    static Stream<Key> keys() {
        return Stream.of(
                new Key("--host-root", "nodeward.host.root", "NODEWARD_HOST_ROOT",
                        work -> directories(work, "opt", "prop", "env"), s -> s.hostRoot().toString(), "/"),
                new Key("--proc-root", "nodeward.host.proc", "NODEWARD_HOST_PROC",
                        work -> directories(work, "opt", "prop", "env"), s -> s.procRoot().toString(), "/proc"),
                new Key("--benchmarks-dir", "nodeward.benchmarks.dir", "NODEWARD_BENCHMARKS_DIR",
                        work -> directories(work, "opt", "prop", "env"), s -> s.config().benchmarks().dir(), Optional.empty()),
                new Key("--kubernetes-version", "nodeward.kubernetes.version", "NODEWARD_KUBERNETES_VERSION",
                        work -> List.of("1.35", "v1.34.1", "1.33"), s -> s.config().kubernetes().version(), Optional.empty()),
                // Any case is a format: "TEXT" from the environment is told apart from the default "text".
                new Key("--format", "nodeward.report.format", "NODEWARD_REPORT_FORMAT",
                        work -> List.of("json", "junit", "TEXT"), s -> s.config().report().format(), "text"));
    }

    private static Object wrapped(Key key, String value) {
        return key.byDefault() instanceof Optional ? Optional.of(value) : value;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void optionBeatsPropertyBeatsEnvironmentBeatsDefault(Key key) {
        List<String> values = key.values().apply(work);
        String option = values.get(0);
        String property = values.get(1);
        String variable = values.get(2);
        Map<String, String> env = new HashMap<>(Map.of(key.variable(), variable));
        properties.add(key.property());
        System.setProperty(key.property(), property);

        assertEquals(wrapped(key, option), key.read().apply(CliSettings.of(Map.of(CliOptions.KEYS.get(key.option()), option), env)));
        assertEquals(wrapped(key, property), key.read().apply(CliSettings.of(Map.of(), env)));
        System.clearProperty(key.property());
        assertEquals(wrapped(key, variable), key.read().apply(CliSettings.of(Map.of(), env)));
        assertEquals(key.byDefault(), key.read().apply(CliSettings.of(Map.of(), Map.of())));
    }

    @Test
    void kubeletExpectedHasNoOptionAndThePropertyBeatsTheEnvironmentBeatsTheDefault() {
        Map<String, String> env = Map.of("NODEWARD_KUBELET_EXPECTED", "true");
        properties.add("nodeward.kubelet.expected");
        System.setProperty("nodeward.kubelet.expected", "false");

        assertEquals(Optional.of(false), CliSettings.of(Map.of(), env).config().kubelet().expected());
        System.clearProperty("nodeward.kubelet.expected");
        assertEquals(Optional.of(true), CliSettings.of(Map.of(), env).config().kubelet().expected());
        assertEquals(Optional.empty(), CliSettings.of(Map.of(), Map.of()).config().kubelet().expected());
    }

    // --- on the real CLI: what the report shows -------------------------------------------------------

    private static ScanCommandTest.Run scan(Map<String, String> env, String... args) {
        return ScanCommandTest.run(env, args);
    }

    private static JsonNode json(ScanCommandTest.Run run) throws IOException {
        assertEquals(0, run.exit(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void theFormatOptionBeatsThePropertyBeatsTheEnvironmentBeatsText() throws IOException {
        Path node = NodeTree.namespaceWorker(work.resolve("node"), "worker-7");
        Map<String, String> env = Map.of("NODEWARD_REPORT_FORMAT", "junit");
        properties.add("nodeward.report.format");
        System.setProperty("nodeward.report.format", "json");

        assertEquals("text", formatOf(scan(env, "--host-root", node.toString(), "--format", "text")));
        assertEquals("json", formatOf(scan(env, "--host-root", node.toString())));
        System.clearProperty("nodeward.report.format");
        assertEquals("junit", formatOf(scan(env, "--host-root", node.toString())));
        assertEquals("text", formatOf(scan(Map.of(), "--host-root", node.toString())));
    }

    private static String formatOf(ScanCommandTest.Run run) {
        assertEquals(0, run.exit(), run.err());
        return run.out().startsWith("{") ? "json" : run.out().startsWith("<?xml") ? "junit" : "text";
    }

    /**
     * The node's name has no option: {@code nodeward.node.name} as a property, then {@code NODEWARD_NODE_NAME},
     * then {@code NODE_NAME} (application.properties' {@code ${NODE_NAME:}}, as in serve mode), then the
     * host's {@code /etc/hostname}.
     */
    @Test
    void theNodeNamePropertyBeatsItsVariableBeatsNodeNameBeatsEtcHostname() throws IOException {
        String root = NodeTree.namespaceWorker(work.resolve("node"), "worker-7").toString();
        Map<String, String> env = new HashMap<>(Map.of("NODEWARD_NODE_NAME", "from-variable", "NODE_NAME", "from-downward-api"));
        properties.add("nodeward.node.name");
        System.setProperty("nodeward.node.name", "from-property");

        assertEquals("from-property", json(scan(env, "--host-root", root, "--format", "json")).get("node").asText());
        System.clearProperty("nodeward.node.name");
        assertEquals("from-variable", json(scan(env, "--host-root", root, "--format", "json")).get("node").asText());
        env.remove("NODEWARD_NODE_NAME");
        assertEquals("from-downward-api", json(scan(env, "--host-root", root, "--format", "json")).get("node").asText());
        assertEquals("worker-7", json(scan(Map.of(), "--host-root", root, "--format", "json")).get("node").asText());
    }

    @Test
    void theKubeletExpectedPropertyBeatsTheEnvironmentInTheReport() throws IOException {
        Path host = work.resolve("no-kubelet");
        Files.createDirectories(host.resolve("proc"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/hostname"), "build-box\n");
        Map<String, String> env = Map.of("NODEWARD_KUBELET_EXPECTED", "true");
        properties.add("nodeward.kubelet.expected");
        System.setProperty("nodeward.kubelet.expected", "false");

        assertEquals("SKIP", anonymousAuth(scan(env, "--host-root", host.toString(), "--format", "json")));
        System.clearProperty("nodeward.kubelet.expected");
        assertEquals("ERROR", anonymousAuth(scan(env, "--host-root", host.toString(), "--format", "json")));
        assertEquals("SKIP", anonymousAuth(scan(Map.of(), "--host-root", host.toString(), "--format", "json")));
    }

    private static String anonymousAuth(ScanCommandTest.Run run) throws IOException {
        return StreamSupport.stream(json(run).get("results").spliterator(), false)
                .filter(r -> r.get("benchmark").asText().equals("cis-1.12") && r.get("id").asText().equals("4.2.1"))
                .findFirst().orElseThrow().get("status").asText();
    }

    /** The agent's keys are the CLI's too: a value serve mode would refuse is refused here, in one line. */
    @Test
    void aKeyOnlyTheAgentReadsMustStillBeValid() {
        // A property, not the environment: a @QuarkusTest profile earlier in this JVM may have left one set.
        String before = System.getProperty("nodeward.scan.interval");
        System.setProperty("nodeward.scan.interval", "soon");
        ScanCommandTest.Run run;
        try {
            run = scan(Map.of(), "--host-root", work.toString());
        } finally {
            if (before == null) {
                System.clearProperty("nodeward.scan.interval");
            } else {
                System.setProperty("nodeward.scan.interval", before);
            }
        }

        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(true, run.err().startsWith("nodeward: nodeward.scan.interval "), run.err());
    }

    /** Values are read as Quarkus reads them, expressions included; one that names nothing is a usage error. */
    @Test
    void anExpressionThatNamesNothingIsAUsageError() {
        ScanCommandTest.Run run = scan(Map.of("NODEWARD_HOST_ROOT", "/mnt/${NO_SUCH_VARIABLE}"));

        assertEquals(new ScanCommandTest.Run(2, "", "nodeward: SRCFG00011: Could not expand value NO_SUCH_VARIABLE in property"
                + " nodeward.host.root\n"), run);
    }

    /** As in serve mode, a nodeward key that names nothing is a mistake, not something to ignore. */
    @Test
    void anUnknownNodewardPropertyIsAUsageError() {
        properties.add("nodeward.host.rot");
        System.setProperty("nodeward.host.rot", "/");

        ScanCommandTest.Run run = scan(Map.of());

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(true, run.err().contains("nodeward.host.rot"), run.err());
    }
}
