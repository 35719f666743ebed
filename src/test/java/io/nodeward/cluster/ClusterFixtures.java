package io.nodeward.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.benchmark.BenchmarkSource;
import io.nodeward.cluster.audit.ClusterAudit;
import io.nodeward.cluster.audit.ClusterBenchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The test clusters: manifests under {@code src/test/resources/cluster/} (a kubeadm control plane's
 * bootstrap objects, the seed's MyDevUser example, two tenant namespaces) loaded as the API would return
 * them, and the built-in cluster benchmark read from the repository's {@code benchmarks/}.
 */
public final class ClusterFixtures {

    public static final String KUBEADM = "kubeadm-bootstrap.yaml";
    public static final String SEED = "seed-mydevuser.yaml";
    public static final String TENANTS = "tenants.yaml";

    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private ClusterFixtures() {
    }

    /** The repository's cluster benchmark, loaded and validated as at start. */
    public static ClusterBenchmark benchmark() {
        return ClusterBenchmark.load(BenchmarkSource.directory(Path.of("benchmarks")), ClusterBenchmark.BUILT_IN);
    }

    public static ClusterAudit audit() {
        return new ClusterAudit(benchmark(), "test-cluster", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The objects of the named manifests, in file order. */
    public static List<HasMetadata> manifests(String... names) {
        List<HasMetadata> all = new ArrayList<>();
        for (String name : names) {
            all.addAll(parse(read(name)));
        }
        return all;
    }

    /** Every kind read (empty when the manifests have none of it, as the API would answer), from these objects. */
    public static ClusterObjects objects(List<HasMetadata> manifests) {
        Map<ObjectKind, List<HasMetadata>> byKind = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        for (HasMetadata object : manifests) {
            ObjectKind kind = kindOf(object);
            byKind.get(kind).add(object);
        }
        ClusterObjects.Builder builder = ClusterObjects.builder();
        byKind.forEach(builder::put);
        return builder.build();
    }

    public static ClusterObjects objects(String... names) {
        return objects(manifests(names));
    }

    public static ObjectKind kindOf(HasMetadata object) {
        for (ObjectKind kind : ObjectKind.values()) {
            if (kind.kind().equals(object.getKind())) {
                return kind;
            }
        }
        return fail("no object kind for " + object.getKind());
    }

    public static List<HasMetadata> parse(String yaml) {
        Object loaded = new KubernetesSerialization().unmarshal(yaml);
        return switch (loaded) {
            case KubernetesList list -> List.copyOf(list.getItems());
            case List<?> list -> list.stream().map(HasMetadata.class::cast).toList();
            case HasMetadata single -> List.of(single);
            default -> fail("not Kubernetes objects: " + loaded);
        };
    }

    public static String read(String name) {
        try (InputStream in = ClusterFixtures.class.getResourceAsStream("/cluster/" + name)) {
            if (in == null) {
                return fail("no test resource cluster/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
