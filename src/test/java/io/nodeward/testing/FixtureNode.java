package io.nodeward.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link NodeTree} in a fresh temporary directory, built before the application starts and
 * deleted after it stops, handed to the agent as its host root and proc root. A test resource
 * rather than a profile's config overrides because it needs both ends of the application's life.
 * Tests find the tree through {@code @ConfigProperty(name = "nodeward.host.root")}.
 */
public class FixtureNode implements QuarkusTestResourceLifecycleManager {

    /** The node's name: its {@code /etc/hostname} and {@code nodeward.node.name}. */
    public static final String NAME = "worker-7";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("nodeward-node-");
            Path root = NodeTree.namespaceWorker(dir.resolve("host"), NAME);
            return Map.of(
                    "nodeward.host.root", root.toString(),
                    "nodeward.host.proc", root.resolve("proc").toString(),
                    "nodeward.node.name", NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
