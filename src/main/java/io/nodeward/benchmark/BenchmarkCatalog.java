package io.nodeward.benchmark;

import io.nodeward.host.FactKeys;
import io.nodeward.host.KeySpace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every benchmark the agent knows, loaded and validated at start: the built-ins named by
 * {@code version-map.yaml}, then the user's directory (if any), whose benchmark folders replace a
 * built-in of the same id or are added to the benchmarks that always run, and whose
 * {@code waivers.yaml} is checked against them.
 */
public final class BenchmarkCatalog {

    private final VersionMap versionMap;
    private final Map<String, Benchmark> benchmarks;
    private final List<String> always;
    private final Waivers waivers;
    private final ReleaseTable releases;

    private BenchmarkCatalog(VersionMap versionMap, Map<String, Benchmark> benchmarks, List<String> always,
                             Waivers waivers, ReleaseTable releases) {
        this.versionMap = versionMap;
        this.releases = releases;
        this.benchmarks = Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
        this.always = List.copyOf(always);
        this.waivers = waivers;
    }

    /**
     * Loads the built-ins from {@code builtins} and the extra folders and waivers of {@code userDirectory},
     * checking fact keys against {@link FactKeys#ALL}, the keys the readers declare.
     *
     * @throws BenchmarkException naming file, line and check for anything invalid
     */
    public static BenchmarkCatalog load(BenchmarkSource builtins, Optional<Path> userDirectory) {
        return load(builtins, userDirectory, FactKeys.ALL);
    }

    /**
     * As {@link #load(BenchmarkSource, Optional)}, with the fact keys a benchmark may name given.
     *
     * @throws BenchmarkException naming file, line and check for anything invalid
     */
    public static BenchmarkCatalog load(BenchmarkSource builtins, Optional<Path> userDirectory, KeySpace keys) {
        String mapName = builtins.name(VersionMap.FILE);
        VersionMap map = VersionMap.parse(mapName, builtins.read(VersionMap.FILE)
                .orElseThrow(() -> new BenchmarkException(mapName + ": version map not found")));
        Map<String, Benchmark> loaded = new LinkedHashMap<>();
        for (String folder : map.folders()) {
            if (builtins.read(folder + "/" + BenchmarkLoader.BENCHMARK_FILE).isEmpty()) {
                throw new BenchmarkException(map.origins().get(folder) + ": benchmark folder '" + folder + "' not found ("
                        + builtins.name(folder + "/" + BenchmarkLoader.BENCHMARK_FILE) + ")");
            }
            loaded.put(folder, BenchmarkLoader.load(builtins, folder, keys));
        }
        // the built-in set always has one; a test's small set may leave it out (the upgrade checks then SKIP)
        ReleaseTable releases = builtins.read(ReleaseTable.FILE)
                .map(text -> ReleaseTable.parse(builtins.name(ReleaseTable.FILE), text))
                .orElseGet(() -> ReleaseTable.of(Map.of()));
        List<String> always = new ArrayList<>(map.always());
        Waivers waivers = Waivers.none();
        if (userDirectory.isPresent()) {
            Path dir = userDirectory.get();
            if (!Files.isDirectory(dir)) {
                throw new BenchmarkException(dir + ": benchmark directory not found");
            }
            BenchmarkSource user = BenchmarkSource.directory(dir);
            for (String folder : userFolders(dir)) {
                Benchmark benchmark = BenchmarkLoader.load(user, folder, keys);
                if (loaded.put(folder, benchmark) == null) {
                    always.add(folder);
                }
            }
            Optional<String> waiverText = user.read(Waivers.FILE);
            if (waiverText.isPresent()) {
                waivers = Waivers.parse(user.name(Waivers.FILE), waiverText.get(), loaded.values());
            }
        }
        return new BenchmarkCatalog(map, loaded, always, waivers, releases);
    }

    /** Sub-directories of the user's directory that hold a {@code benchmark.yaml}, by name. */
    private static List<String> userFolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(BenchmarkLoader.BENCHMARK_FILE)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BenchmarkException(dir + ": cannot list benchmark directory: " + e.getMessage(), e);
        }
    }

    /**
     * The benchmarks to run on a node of {@code kubernetesVersion}: the primary CIS benchmark first
     * (see {@link VersionMap#primaryFor}), then every always-run benchmark.
     */
    public List<Benchmark> select(Optional<String> kubernetesVersion) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(versionMap.primaryFor(kubernetesVersion));
        ids.addAll(always);
        return ids.stream().map(benchmarks::get).toList();
    }

    /** Every fact key any loaded benchmark reads (the scanner watches these ports, reads these files). */
    public Set<String> factKeys() {
        Set<String> keys = new LinkedHashSet<>();
        benchmarks.values().forEach(b -> keys.addAll(b.factKeys()));
        return keys;
    }

    /** Every loaded benchmark, built-in and the user's, whether or not a node of some version runs it. */
    public java.util.Collection<Benchmark> all() {
        return benchmarks.values();
    }

    public Optional<Benchmark> benchmark(String id) {
        return Optional.ofNullable(benchmarks.get(id));
    }

    public VersionMap versionMap() {
        return versionMap;
    }

    /** {@code kubernetes-releases.yaml}: each minor version's end of life, for the upgrade checks. */
    public ReleaseTable releases() {
        return releases;
    }

    public Waivers waivers() {
        return waivers;
    }
}
