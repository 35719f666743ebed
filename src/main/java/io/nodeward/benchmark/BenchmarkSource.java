package io.nodeward.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where benchmark files come from: the built-ins packed into the application (classpath resources
 * under {@code benchmarks/}) or a directory on disk (the repository's {@code benchmarks/} in tests,
 * a user's mounted directory in production). Files are always opened by name, never by listing a
 * classpath directory, which a native image cannot do.
 */
public interface BenchmarkSource {

    /** The text of {@code relative} (e.g. {@code cis-1.12/benchmark.yaml}), empty when there is no such file. */
    Optional<String> read(String relative);

    /** How {@code relative} is named in messages, e.g. {@code benchmarks/cis-1.12/benchmark.yaml}. */
    String name(String relative);

    /** Resources under {@code prefix} (e.g. {@code benchmarks}) on the application's classpath. */
    static BenchmarkSource classpath(String prefix) {
        return new BenchmarkSource() {
            @Override
            public Optional<String> read(String relative) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (loader == null) {
                    loader = BenchmarkSource.class.getClassLoader();
                }
                try (InputStream in = loader.getResourceAsStream(name(relative))) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new BenchmarkException(name(relative) + ": cannot read: " + e.getMessage(), e);
                }
            }

            @Override
            public String name(String relative) {
                return prefix + "/" + relative;
            }
        };
    }

    /** Files under {@code directory}; names are shown as {@code directory/relative}. */
    static BenchmarkSource directory(Path directory) {
        return new BenchmarkSource() {
            @Override
            public Optional<String> read(String relative) {
                Path file = directory.resolve(relative);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException | UncheckedIOException e) {
                    throw new BenchmarkException(name(relative) + ": cannot read: " + e.getMessage(), e);
                }
            }

            @Override
            public String name(String relative) {
                return directory.resolve(relative).toString();
            }
        };
    }
}
