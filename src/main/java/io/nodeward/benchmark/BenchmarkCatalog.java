package io.nodeward.benchmark;

import io.nodeward.host.FactKeys;
import io.nodeward.host.KeySpace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;


/**
 * Every benchmark the agent knows, loaded and validated at start: the built-ins named by
 * {@code version-map.yaml} and {@code distributions.yaml} (and the bases of those that are distribution
 * profiles), then the user's directory (if any), whose benchmark folders replace a built-in of the same
 * id or are added to the benchmarks that always run, and whose {@code waivers.yaml} is checked against
 * them. Which of them a scan runs is chosen per scan ({@link #select(String, Optional, String)}) from the
 * node's distribution and Kubernetes version.
 */
public final class BenchmarkCatalog {

    private final VersionMap versionMap;
    private final Distributions distributions;
    private final Map<String, Benchmark> benchmarks;
    private final List<String> always;
    private final Waivers waivers;
    private final ReleaseTable releases;

    /**
     * The benchmarks one scan runs: the primary (CIS or a distribution's own) first, then those that
     * always run.
     *
     * @param reason why the primary was chosen, e.g. {@code eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a}
     */
    public record Selection(List<Benchmark> benchmarks, String reason) {
        public Selection {
            benchmarks = List.copyOf(benchmarks);
        }

        public Benchmark primary() {
            return benchmarks.get(0);
        }
    }

    private BenchmarkCatalog(VersionMap versionMap, Distributions distributions, Map<String, Benchmark> benchmarks,
                             List<String> always, Waivers waivers, ReleaseTable releases) {
        this.versionMap = versionMap;
        this.distributions = distributions;
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
        // the built-in set always has them; a test's small set may leave them out (every node is then
        // "unknown", and the upgrade checks SKIP)
        Distributions distributions = builtins.read(Distributions.FILE)
                .map(text -> Distributions.parse(builtins.name(Distributions.FILE), text, keys))
                .orElseGet(Distributions::none);
        ReleaseTable releases = builtins.read(ReleaseTable.FILE)
                .map(text -> ReleaseTable.parse(builtins.name(ReleaseTable.FILE), text))
                .orElseGet(() -> ReleaseTable.of(Map.of()));
        Optional<BenchmarkSource> user = Optional.empty();
        List<String> userFolders = List.of();
        if (userDirectory.isPresent()) {
            Path dir = userDirectory.get();
            if (!Files.isDirectory(dir)) {
                throw new BenchmarkException(dir + ": benchmark directory not found");
            }
            user = Optional.of(BenchmarkSource.directory(dir));
            userFolders = userFolders(dir);
        }
        Folders folders = new Folders(builtins, user, Set.copyOf(userFolders), keys);
        Map<String, Origin> named = new LinkedHashMap<>();
        map.folders().forEach(f -> named.put(f, map.origins().get(f)));
        distributions.folders().forEach(named::putIfAbsent);
        named.forEach(folders::benchmark);
        Set<String> builtIn = new LinkedHashSet<>(folders.loaded.keySet());
        List<String> always = new ArrayList<>(map.always());
        for (String folder : userFolders) {
            folders.benchmark(folder, new Origin(user.get().name(folder + "/" + BenchmarkLoader.BENCHMARK_FILE), 1));
            if (!builtIn.contains(folder)) {
                always.add(folder);
            }
        }
        Waivers waivers = Waivers.none();
        if (user.isPresent()) {
            Optional<String> waiverText = user.get().read(Waivers.FILE);
            if (waiverText.isPresent()) {
                waivers = Waivers.parse(user.get().name(Waivers.FILE), waiverText.get(), folders.loaded.values());
            }
        }
        return new BenchmarkCatalog(map, distributions, folders.loaded, always, waivers, releases);
    }

    /**
     * Benchmark folders by id, each loaded once: from the user's directory when it has the folder (it
     * replaces the built-in), else from the built-ins. A profile's base is found the same way, so a
     * user's replacement of {@code cis-1.12} also changes the profiles built on it.
     */
    private static final class Folders implements BenchmarkLoader.Bases {
        private final BenchmarkSource builtins;
        private final Optional<BenchmarkSource> user;
        private final Set<String> userFolders;
        private final KeySpace keys;
        private final Map<String, Benchmark> loaded = new LinkedHashMap<>();
        private final Set<String> loading = new HashSet<>();

        Folders(BenchmarkSource builtins, Optional<BenchmarkSource> user, Set<String> userFolders, KeySpace keys) {
            this.builtins = builtins;
            this.user = user;
            this.userFolders = userFolders;
            this.keys = keys;
        }

        /** The benchmark {@code id}; {@code namedAt} is where it is named. */
        @Override
        public Benchmark benchmark(String id, Origin namedAt) {
            Benchmark done = loaded.get(id);
            if (done != null) {
                return done;
            }
            if (!loading.add(id)) {
                throw new BenchmarkException(namedAt + ": base benchmark '" + id + "' is a cycle of profiles");
            }
            BenchmarkSource source = userFolders.contains(id) ? user.orElseThrow() : builtins;
            String file = id + "/" + BenchmarkLoader.BENCHMARK_FILE;
            if (source.read(file).isEmpty()) {
                throw new BenchmarkException(namedAt + ": benchmark folder '" + id + "' not found (" + source.name(file) + ")");
            }
            Benchmark benchmark = BenchmarkLoader.load(source, id, keys, this);
            loading.remove(id);
            loaded.put(id, benchmark);
            return benchmark;
        }
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
     * The benchmarks to run on a node of {@code kubernetesVersion} whose distribution is not known: the
     * primary CIS benchmark first (see {@link VersionMap#primaryFor}), then every always-run benchmark.
     */
    public List<Benchmark> select(Optional<String> kubernetesVersion) {
        return select(Distribution.UNKNOWN, kubernetesVersion, "").benchmarks();
    }

    /**
     * The benchmarks to run on a node of distribution {@code distributionId} (an id of
     * {@code distributions.yaml}, or {@link Distribution#UNKNOWN}) and {@code kubernetesVersion}: the
     * distribution's own benchmark for that version if it has one, else the CIS benchmark of
     * {@code version-map.yaml}; then every always-run benchmark. Map lookups only: it runs on every scan.
     *
     * @param versionText how the reason names the version and where it was read, e.g. {@code kubelet v1.31.2}
     */
    public Selection select(String distributionId, Optional<String> kubernetesVersion, String versionText) {
        Optional<Distribution> distribution = distributions.byId(distributionId);
        Optional<VersionMap> own = distribution.flatMap(Distribution::benchmarks);
        VersionMap map = own.orElse(versionMap);
        String primary = map.primaryFor(kubernetesVersion);
        StringBuilder reason = new StringBuilder(primary).append(" for ")
                .append(distribution.map(Distribution::name).orElse("an unrecognised distribution"));
        if (own.isEmpty()) {
            reason.append(distribution.isPresent() ? " (CIS: no " + distribution.get().name() + " benchmark)" : " (CIS)");
        }
        if (!versionText.isEmpty()) {
            reason.append(", ").append(versionText);
        }
        if (map.defaulted(kubernetesVersion)) {
            reason.append(kubernetesVersion.isPresent() ? " (older than every mapped version: the default)" : " (the default)");
        }
        Set<String> ids = new LinkedHashSet<>();
        ids.add(primary);
        ids.addAll(always);
        return new Selection(ids.stream().map(benchmarks::get).toList(), reason.toString());
    }

    public Distributions distributions() {
        return distributions;
    }

    /** Every fact key any loaded benchmark reads (the scanner watches these ports, reads these files). */
    public Set<String> factKeys() {
        Set<String> keys = new LinkedHashSet<>();
        benchmarks.values().forEach(b -> keys.addAll(b.factKeys()));
        return keys;
    }

    /** Every loaded benchmark's id, in load order. */
    public List<String> ids() {
        return List.copyOf(benchmarks.keySet());
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
