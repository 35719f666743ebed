package io.nodeward.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkCatalogTest {

    /** The repository's benchmarks, as packed into the jar. */
    static final BenchmarkSource REPOSITORY = BenchmarkSource.directory(Path.of("benchmarks"));

    @TempDir
    Path dir;

    @Test
    void loadsTheRepositorysCisBenchmarkWithEveryWorkerNodeCheckInOrder() {
        Benchmark cis = BenchmarkCatalog.load(REPOSITORY, Optional.empty()).benchmark("cis-1.12").orElseThrow();
        List<String> expected = Stream.of(
                IntStream.rangeClosed(1, 21).mapToObj(i -> "1.1." + i),
                IntStream.rangeClosed(1, 30).mapToObj(i -> "1.2." + i),
                IntStream.rangeClosed(1, 7).mapToObj(i -> "1.3." + i),
                IntStream.rangeClosed(1, 2).mapToObj(i -> "1.4." + i),
                IntStream.rangeClosed(1, 7).mapToObj(i -> "2." + i),
                Stream.of("3.2.1", "3.2.2"),
                IntStream.rangeClosed(1, 10).mapToObj(i -> "4.1." + i),
                IntStream.rangeClosed(1, 14).mapToObj(i -> "4.2." + i),
                Stream.of("4.3.1")).flatMap(s -> s).toList();
        assertEquals(expected, cis.checks().stream().map(Check::id).toList());
        assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "2", "3.2", "4.1", "4.2", "4.3"), cis.groups().stream().map(Group::id).toList());
        assertEquals(new Origin("benchmarks/cis-1.12/4.2-kubelet.yaml", 9), cis.check("4.2.1").orElseThrow().origin());
    }

    @Test
    void loadsTheRepositorysNodewardBenchmarkWithTheContractIds() {
        Benchmark nodeward = BenchmarkCatalog.load(REPOSITORY, Optional.empty()).benchmark("nodeward-1.0").orElseThrow();
        assertEquals(List.of("port-10255", "port-10250", "port-10249", "port-22", "port-6443", "port-8080", "port-2379",
                        "port-2380", "port-10257", "port-10259", "ssh-root-login", "ssh-password-auth",
                        "ssh-kbd-interactive-auth", "ssh-empty-passwords", "ssh-max-auth-tries", "ssh-x11-forwarding", "sshd-config-mode",
                        "upgrade-kubelet-eol", "upgrade-version-skew"),
                nodeward.checks().stream().map(Check::id).toList());
        assertEquals(List.of("file.sshd-config.path"), nodeward.check("ssh-root-login").orElseThrow().requires());
        assertEquals(false, nodeward.check("port-22").orElseThrow().scored());
    }

    @Test
    void selectsTheMappedCisBenchmarkThenTheAlwaysRunOnes() {
        BenchmarkCatalog catalog = BenchmarkCatalog.load(REPOSITORY, Optional.empty());
        assertEquals(List.of("cis-1.12", "nodeward-1.0"), ids(catalog.select(Optional.of("v1.33.4"))));
        assertEquals(List.of("cis-1.12", "nodeward-1.0"), ids(catalog.select(Optional.empty())));
        assertEquals(List.of("cis-1.12", "nodeward-1.0"), ids(catalog.select(Optional.of("v1.40.0"))));
    }

    @Test
    void factKeysNameEverySocketAndFileTheBenchmarksRead() {
        var keys = BenchmarkCatalog.load(REPOSITORY, Optional.empty()).factKeys();
        for (String key : List.of("process.kubelet", "process.kube-proxy", "port.10255.listening", "port.10250.listening",
                "port.10249.exposed", "port.22.wildcard", "file.kubelet-unit.mode", "sshd.permitrootlogin",
                "kubelet.eventRecordQPS", "file.sshd-config.path")) {
            assertTrue(keys.contains(key), key);
        }
    }

    private static final String MAP = """
            versions:
              "1.29": cis-1.11
              "1.30": cis-1.11
              "1.32": cis-1.12
              "1.9": cis-old
            default: cis-1.12
            always: [nodeward-1.0]
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            v1.29.3,          cis-1.11
            1.30,             cis-1.11
            v1.31.0,          cis-1.11
            v1.32.1,          cis-1.12
            v1.35.0-eks-4a2b, cis-1.12
            v1.10.0,          cis-old
            v1.8.2,           cis-1.12
            not-a-version,    cis-1.12
            """)
    void mapsAKubernetesVersionToItsNearestMappedMinorAtOrBelow(String version, String benchmark) {
        assertEquals(benchmark, VersionMap.parse("version-map.yaml", MAP).primaryFor(Optional.of(version)));
    }

    @Test
    void usesTheDefaultWithoutAVersion() {
        assertEquals("cis-1.12", VersionMap.parse("version-map.yaml", MAP).primaryFor(Optional.empty()));
    }

    @Test
    void rejectsAVersionMapNamingAMissingFolder() throws IOException {
        Files.writeString(dir.resolve("version-map.yaml"), "versions:\n  \"1.33\": cis-9.9\ndefault: cis-9.9\n");
        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> BenchmarkCatalog.load(BenchmarkSource.directory(dir), Optional.empty()));
        assertEquals(dir.resolve("version-map.yaml") + ":2: benchmark folder 'cis-9.9' not found ("
                + dir.resolve("cis-9.9/benchmark.yaml") + ")", e.getMessage());
    }

    @Test
    void rejectsAVersionMapKeyThatIsNotAMinorVersion() {
        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> VersionMap.parse("version-map.yaml", "versions:\n  latest: cis-1.12\ndefault: cis-1.12\n"));
        assertEquals("version-map.yaml:2: version 'latest' must be a minor version such as 1.33", e.getMessage());
    }

    @Test
    void loadsBuiltInsFromTheClasspathByName() {
        BenchmarkCatalog catalog = BenchmarkCatalog.load(BenchmarkSource.classpath("classpath-benchmarks"), Optional.empty());
        assertEquals(List.of("tiny-1.0"), ids(catalog.select(Optional.of("1.33"))));
        assertEquals(new Origin("classpath-benchmarks/tiny-1.0/ports.yaml", 4),
                catalog.benchmark("tiny-1.0").orElseThrow().checks().get(0).origin());
    }

    @Test
    void addsAUserBenchmarkToTheAlwaysRunSet() throws IOException {
        userBenchmark("site-1.0", "site-no-root-ssh");
        BenchmarkCatalog catalog = BenchmarkCatalog.load(REPOSITORY, Optional.of(dir));
        assertEquals(List.of("cis-1.12", "nodeward-1.0", "site-1.0"), ids(catalog.select(Optional.of("1.34"))));
    }

    @Test
    void aUserBenchmarkReplacesTheBuiltInOfTheSameId() throws IOException {
        userBenchmark("nodeward-1.0", "only-this");
        BenchmarkCatalog catalog = BenchmarkCatalog.load(REPOSITORY, Optional.of(dir));
        List<Benchmark> selected = catalog.select(Optional.of("1.34"));
        assertEquals(List.of("cis-1.12", "nodeward-1.0"), ids(selected));
        assertEquals(List.of("only-this"), selected.get(1).checks().stream().map(Check::id).toList());
    }

    @Test
    void rejectsAnInvalidUserBenchmarkAtLoad() throws IOException {
        userBenchmark("site-1.0", "bad").toString();
        Path group = dir.resolve("site-1.0/checks.yaml");
        Files.writeString(group, Files.readString(group).replace("sshd.permitrootlogin", "sshd.permit_root_login"));
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> BenchmarkCatalog.load(REPOSITORY, Optional.of(dir)));
        assertEquals(group + ":8: check bad: unknown fact key 'sshd.permit_root_login' (did you mean 'sshd.permitrootlogin'?)", e.getMessage());
    }

    Path userBenchmark(String id, String checkId) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(id));
        Files.writeString(folder.resolve("benchmark.yaml"), "id: " + id + "\ntitle: Site\nversion: 1.0.0\nfiles: [checks.yaml]\n");
        Files.writeString(folder.resolve("checks.yaml"), """
                id: site
                title: Site rules
                checks:
                  - id: %s
                    title: No root over SSH
                    severity: high
                    scored: true
                    test: sshd.permitrootlogin eq no
                    remediation: PermitRootLogin no
                """.formatted(checkId));
        return folder;
    }

    static List<String> ids(List<Benchmark> benchmarks) {
        return benchmarks.stream().map(Benchmark::id).toList();
    }
}
