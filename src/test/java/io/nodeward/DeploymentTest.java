package io.nodeward;

import io.nodeward.host.HostRoot;
import io.nodeward.host.NodeName;
import io.nodeward.scan.ScannerSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Running in a pod" is decided once, by {@link Deployment}, and everything that cares asks it. */
class DeploymentTest {

    private static final Map<String, String> POD = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");

    @TempDir
    Path host;

    @Test
    void aPodIsWhereKubernetesSetTheServiceHost() {
        assertTrue(Deployment.agent(POD).inPod());
        assertFalse(Deployment.agent(Map.of()).inPod());
        assertFalse(Deployment.agent(Map.of("KUBERNETES_SERVICE_HOST", " ")).inPod());
        assertTrue(Deployment.cli(POD).inPod());
    }

    @Test
    void onlyTheAgentInAPodIsCertainlyOnItsNode() {
        assertTrue(Deployment.agent(POD).agentOnItsNode());
        assertFalse(Deployment.agent(Map.of()).agentOnItsNode());
        assertFalse(Deployment.cli(POD).agentOnItsNode());
    }

    private static NodewardConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(NodewardConfig.class)
                .build().getConfigMapping(NodewardConfig.class);
    }

    /** One decision, two readers: the node's name and whether a kubelet must be visible agree. */
    @Test
    void theAgentInAPodTakesNeitherThePodsHostNameNorAMissingKubeletForGranted() throws IOException {
        Files.createDirectories(host.resolve("proc/sys/kernel"));
        Files.writeString(host.resolve("proc/sys/kernel/hostname"), "nodeward-x7k2p\n");
        HostRoot root = HostRoot.of(host);
        NodewardConfig config = config(Map.of());

        Deployment agent = Deployment.agent(POD);
        assertThrows(IllegalStateException.class, () -> new NodeName(config, root, agent));
        NodewardConfig named = config(Map.of("nodeward.node.name", "worker-3"));
        assertTrue(ScannerSettings.of(named, agent, root, new NodeName(named, root, agent)).kubeletExpected());

        Deployment cli = Deployment.cli(POD);
        NodeName cliName = new NodeName(config, root, cli);
        assertEquals("nodeward-x7k2p", cliName.name());
        assertFalse(ScannerSettings.of(config, cli, root, cliName).kubeletExpected());
    }

    /** KUBERNETES_SERVICE_HOST is read in Deployment alone; the environment only in Main (the CLI) and the producer. */
    @Test
    void nothingElseReadsTheEnvironmentToDecide() throws IOException {
        Path sources = Path.of("src/main/java");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            String name = sources.relativize(file).toString();
            if (!name.equals("io/nodeward/Deployment.java")) {
                assertFalse(text.contains("\"KUBERNETES_SERVICE_HOST\""), name);
            }
            if (!name.equals("io/nodeward/Main.java") && !name.equals("io/nodeward/DeploymentProducer.java")) {
                assertFalse(text.contains("System.getenv("), name);
            }
        }
    }
}
