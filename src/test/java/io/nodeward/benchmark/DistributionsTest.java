package io.nodeward.benchmark;

import io.nodeward.host.FactKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code distributions.yaml}: the repository's file loads with the benchmarks it names, a distribution's
 * own benchmark is chosen by version with the reason said, and every way the file can be wrong fails at
 * load with its line.
 */
class DistributionsTest {

    private static final BenchmarkCatalog CATALOG = BenchmarkCatalog.load(BenchmarkCatalogTest.REPOSITORY, Optional.empty());

    private static final String ONE = """
            distributions:
              - id: acme
                name: ACME Kubernetes
                markers:
                  - when: kubelet.config eq /etc/acme/kubelet.yaml
                    source: acme/installer kubelet.go
            """;

    private static String rejection(String text) {
        return assertThrows(BenchmarkException.class, () -> Distributions.parse("d.yaml", text, FactKeys.ALL)).getMessage();
    }

    @Test
    void theRepositorysDistributionsAreTriedInTheirFileOrder() {
        assertEquals(List.of("k3s", "microk8s", "rke2", "eks", "gke", "aks", "openshift", "kubeadm"),
                List.copyOf(CATALOG.distributions().ids()));
    }

    @Test
    void eachProfileTheDistributionsNameIsLoaded() {
        for (String id : List.of("eks-1.7", "eks-1.8", "k3s-cis-1.12", "rke2-cis-1.12")) {
            assertEquals(id, CATALOG.benchmark(id).orElseThrow().id());
        }
    }

    @Test
    void eksPicksTheEksBenchmarkOfTheKubeletsMinorVersion() {
        assertEquals("eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a",
                CATALOG.select("eks", Optional.of("v1.31.2-eks-7f9249a"), "kubelet v1.31.2-eks-7f9249a").reason());
        assertEquals(List.of("eks-1.8", "nodeward-1.0"), CATALOG.select("eks", Optional.of("v1.34.1-eks-1b2c3d4"), "")
                .benchmarks().stream().map(Benchmark::id).toList());
    }

    @Test
    void aDistributionWithoutItsOwnBenchmarkGetsCisAndSaysSo() {
        BenchmarkCatalog.Selection selection = CATALOG.select("openshift", Optional.of("v1.33.1"), "kubelet v1.33.1");
        assertEquals("cis-1.12", selection.primary().id());
        assertEquals("cis-1.12 for OpenShift (CIS: no OpenShift benchmark), kubelet v1.33.1", selection.reason());
    }

    @Test
    void anUnknownDistributionGetsCis() {
        assertEquals("cis-1.12 for an unrecognised distribution (CIS), kubelet v1.33.1",
                CATALOG.select("unknown", Optional.of("v1.33.1"), "kubelet v1.33.1").reason());
    }

    @Test
    void aVersionOlderThanEveryMappedOneGetsTheDefaultAndSaysSo() {
        assertEquals("eks-1.8 for Amazon EKS, kubelet v1.27.16-eks-a737599 (older than every mapped version: the default)",
                CATALOG.select("eks", Optional.of("v1.27.16-eks-a737599"), "kubelet v1.27.16-eks-a737599").reason());
    }

    @Test
    void parsesMarkersWithTheirVariantSourceAndLine() {
        Distributions distributions = Distributions.parse("d.yaml", ONE, FactKeys.ALL);
        Distribution.Marker marker = distributions.byId("acme").orElseThrow().markers().get(0);
        assertEquals("'kubelet.config' is equal to '/etc/acme/kubelet.yaml'", marker.when().orElseThrow().describe());
        assertEquals(new Origin("d.yaml", 5), marker.origin());
        assertEquals(Optional.empty(), distributions.byId("acme").orElseThrow().benchmarks());
    }

    @Test
    void rejectsAnUnknownFactKeyInAMarker() {
        assertEquals("d.yaml:5: distribution acme: unknown fact key 'kubelet.confg' (did you mean 'kubelet.config'?)",
                rejection(ONE.replace("kubelet.config eq", "kubelet.confg eq")));
    }

    @Test
    void rejectsAMarkerWithoutAnyCondition() {
        assertEquals("d.yaml:5: distribution acme: a marker needs at least one of 'when', 'program', 'path'",
                rejection(ONE.replace("  - when: kubelet.config eq /etc/acme/kubelet.yaml\n      ", "  - ")));
    }

    @Test
    void rejectsABadProgramPattern() {
        assertEquals("d.yaml:5: distribution acme: bad pattern '(kubelet': Unclosed group",
                rejection(ONE.replace("when: kubelet.config eq /etc/acme/kubelet.yaml", "program: '(kubelet'")));
    }

    @Test
    void rejectsARelativePath() {
        assertEquals("d.yaml:5: distribution acme: path 'run/acme' must be an absolute host path without '..'",
                rejection(ONE.replace("when: kubelet.config eq /etc/acme/kubelet.yaml", "path: run/acme")));
    }

    @Test
    void rejectsADuplicateId() {
        assertEquals("d.yaml:7: distribution acme: duplicate id, already defined at d.yaml:2",
                rejection(ONE + ONE.substring(ONE.indexOf("  - id"))));
    }

    @Test
    void rejectsTheReservedIdUnknown() {
        assertEquals("d.yaml:2: distribution unknown: id must be lower-case letters, digits and dashes (at most 31),"
                + " and not 'unknown'", rejection(ONE.replace("id: acme", "id: unknown")));
    }

    @Test
    void rejectsAMisspeltField() {
        assertEquals("d.yaml:6: distribution acme: unknown field 'sources' (allowed: path, program, source, variant, when)",
                rejection(ONE.replace("source:", "sources:")));
    }

    @Test
    void rejectsABenchmarksMapWithAnAlwaysList() {
        assertEquals("d.yaml:5: distribution acme: unknown field 'always' (allowed: default, versions)",
                rejection(ONE.replace("    markers:", "    benchmarks:\n      always: [x]\n      versions: {\"1.33\": cis-1.12}\n"
                        + "      default: cis-1.12\n    markers:")));
    }
}
