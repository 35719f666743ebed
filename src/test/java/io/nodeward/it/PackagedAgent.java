package io.nodeward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The artifact {@code package} built, as a command line: the native executable when the build made
 * one ({@code -Dnative}, recorded in {@code target/quarkus-artifact.properties}), else the jar on
 * the JDK running the tests. For ITs that must control the agent's environment, which
 * {@code @QuarkusIntegrationTest} does not let a test do.
 */
final class PackagedAgent {

    private static final Path TARGET = Path.of("target");

    private PackagedAgent() {
    }

    /** The command that runs the packaged agent with {@code jvmOrSystemProperties} (all {@code -D...}). */
    static List<String> command(List<String> systemProperties) {
        Properties artifact = new Properties();
        try (var in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("package the agent first (mvn verify does)", e);
        }
        String type = artifact.getProperty("type");
        if (!"jar".equals(type) && !"native".equals(type)) {
            throw new IllegalStateException("the last build made '" + type + "', not a runnable jar or native "
                    + "executable (native-sources?); package again without -Dquarkus.native.sources-only");
        }
        Path path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("native".equals(type)) {
            command.add(path.toString());
            command.addAll(systemProperties);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(systemProperties);
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }

    /** A TCP port free right now, so ITs never clash with an agent or another build on this machine. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
