package io.nodeward.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.benchmark.BenchmarkLoader;
import io.nodeward.benchmark.BenchmarkSource;
import io.nodeward.cluster.audit.ClusterBenchmark;
import io.nodeward.cluster.facts.FactSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster benchmark goes through the one loader: its keys are checked against the cluster's fact keys
 * (with the same suggestions), it must say it applies to the cluster, and each check must judge one kind
 * of object.
 */
class ClusterBenchmarkTest {

    @TempDir
    Path dir;

    private BenchmarkSource benchmark(String appliesTo, String test) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("site-cluster-1.0"));
        Files.writeString(folder.resolve("benchmark.yaml"), "id: site-cluster-1.0\ntitle: t\nversion: 1.0.0\n"
                + appliesTo + "files: [checks.yaml]\n");
        Files.writeString(folder.resolve("checks.yaml"), "id: site\ntitle: Site\nchecks:\n  - id: site-1\n    title: t\n"
                + "    severity: low\n    scored: true\n    test: " + test + "\n    remediation: r\n");
        return BenchmarkSource.directory(dir);
    }

    @Test
    void theBuiltInBenchmarkJudgesEachCheckOnOneKindOfObject() {
        ClusterBenchmark built = ClusterFixtures.benchmark();
        assertEquals(14, built.benchmark().checks().size());
        assertEquals(FactSubject.BINDING, built.subject("rbac-wildcard-binding"));
        assertEquals(FactSubject.ROLE, built.subject("5.1.3"));
        assertEquals(FactSubject.SERVICE_ACCOUNT, built.subject("5.1.5"));
        assertEquals(FactSubject.POD, built.subject("pod-default-sa-token"));
        assertEquals(FactSubject.NAMESPACE, built.subject("ns-resource-limits"));
    }

    @Test
    void anUnknownClusterKeyFailsWithASuggestion() throws IOException {
        BenchmarkSource source = benchmark("applies-to: cluster\n", "binding.role.wildcrd eq false");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> ClusterBenchmark.load(source, "site-cluster-1.0"));
        assertEquals(dir.resolve("site-cluster-1.0/checks.yaml") + ":8: check site-1: unknown fact key 'binding.role.wildcrd'"
                + " (did you mean 'binding.role.wildcard'?)", e.getMessage());
    }

    @Test
    void aCheckOnTwoKindsOfObjectFails() throws IOException {
        BenchmarkSource source = benchmark("applies-to: cluster\n",
                "\n      any: [binding.role.wildcard eq false, pod.tokenMounted eq false]");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> ClusterBenchmark.load(source, "site-cluster-1.0"));
        assertEquals(dir.resolve("site-cluster-1.0/checks.yaml") + ":4: check site-1: its facts are about binding and pod"
                + " objects; a cluster check judges one kind of object", e.getMessage());
    }

    @Test
    void theNodeAgentRefusesAClusterBenchmarkSayingWhy() throws IOException {
        BenchmarkSource source = benchmark("applies-to: cluster\n", "binding.role.wildcard eq false");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> BenchmarkLoader.load(source, "site-cluster-1.0"));
        assertEquals(dir.resolve("site-cluster-1.0/benchmark.yaml") + ":4: benchmark site-cluster-1.0 applies to the cluster,"
                + " not to the node: it is run by `nodeward cluster`", e.getMessage());
    }

    @Test
    void aBenchmarkWithoutAppliesToIsANodeBenchmark() throws IOException {
        BenchmarkSource source = benchmark("", "binding.role.wildcard eq false");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> ClusterBenchmark.load(source, "site-cluster-1.0"));
        assertEquals(dir.resolve("site-cluster-1.0/benchmark.yaml") + ":1: benchmark site-cluster-1.0 applies to the node,"
                + " not to the cluster: it is run by the node agents", e.getMessage());
    }
}
