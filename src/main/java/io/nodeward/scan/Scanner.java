package io.nodeward.scan;

import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.BenchmarkCatalog;
import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.benchmark.BenchmarkSource;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Distribution;
import io.nodeward.benchmark.Evaluator;
import io.nodeward.benchmark.Group;
import io.nodeward.benchmark.Verdict;
import io.nodeward.benchmark.Waiver;
import io.nodeward.host.FactReader;
import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.controlplane.ControlPlaneReader;
import io.nodeward.host.distribution.DistributionReader;
import io.nodeward.host.net.PortReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scan: read the host's facts once, choose the benchmarks for what they show (the node's
 * distribution and Kubernetes version), then evaluate every selected check against that snapshot.
 * Benchmarks are loaded and validated when the scanner is created, so a malformed benchmark stops the
 * start, never a scan; choosing among them is a few map lookups per scan.
 */
public final class Scanner implements NodeScanner {

    /** The benchmarks shipped in the jar (and the native image), from the top-level {@code benchmarks/}. */
    public static final BenchmarkSource BUILT_IN = BenchmarkSource.classpath("benchmarks");

    /** The running kubelet's version, read from its binary by {@code host.version.UpgradeReader}. */
    static final String KUBELET_VERSION = "version.kubelet";

    private final ScannerSettings settings;
    private final BenchmarkCatalog catalog;
    private final FactCollector collector;
    private final Clock clock;

    Scanner(ScannerSettings settings, BenchmarkCatalog catalog, Clock clock) {
        this(settings, catalog, clock, FactReaders.all(settings.kubeletExpected(), ports(catalog.factKeys()),
                catalog.releases(), clock, catalog.distributions()), () -> { });
    }

    /**
     * A scanner over {@code readers}; a test seam.
     *
     * @param afterSnapshot run after the process snapshot and before the readers, so a test can change
     *                      the host in between
     */
    Scanner(ScannerSettings settings, BenchmarkCatalog catalog, Clock clock, List<FactReader> readers,
            Runnable afterSnapshot) {
        this.settings = settings;
        this.catalog = catalog;
        this.collector = new FactCollector(readers, afterSnapshot);
        this.clock = clock;
    }

    /** The built-in benchmarks with any in {@code settings.benchmarksDir()}, loaded and validated. */
    static BenchmarkCatalog catalog(ScannerSettings settings) throws BenchmarkException {
        return BenchmarkCatalog.load(BUILT_IN, settings.benchmarksDir());
    }

    /** The watched ports and every port a check names ({@code port.<n>.*}). */
    static Set<Integer> ports(Set<String> factKeys) {
        Set<Integer> ports = new TreeSet<>(PortReader.WATCHED);
        for (String key : factKeys) {
            PortReader.portOf(key).ifPresent(ports::add);
        }
        return ports;
    }

    /** Loads and validates the built-in benchmarks and any in {@code settings.benchmarksDir()}. */
    public static Scanner create(ScannerSettings settings) throws BenchmarkException {
        return new Scanner(settings, catalog(settings), Clock.systemUTC());
    }

    @Override
    public ScanReport scan() {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        FactCollector.Collected collected = collector.collect(settings.root());
        HostFacts facts = collected.facts();
        LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
        NodeDistribution distribution = distribution(facts);
        KubernetesVersion version = version(facts);
        BenchmarkCatalog.Selection selection = catalog.select(distribution.id(), version.value(), version.text());
        List<CheckResult> results = new ArrayList<>();
        for (Benchmark benchmark : selection.benchmarks()) {
            for (Group group : benchmark.groups()) {
                for (Check check : group.checks()) {
                    Verdict verdict = Evaluator.evaluate(check, facts);
                    Optional<Waiver> waiver = catalog.waivers().forCheck(benchmark.id(), check.id());
                    results.add(OutcomePolicy.result(benchmark, group, check, verdict, waiver, today));
                }
            }
        }
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        Fact role = facts.get(ControlPlaneReader.ROLE);
        return new ScanReport(settings.nodeName(), role.isPresent() ? role.value() : null, distribution,
                selection.primary().id(), selection.reason(), startedAt, millis, results,
                FactCollector.listeningPorts(facts), collected.readers(), collected.pathsRead());
    }

    /** The node's distribution ({@code node.distribution}); unknown, with the reason, when it could not be read. */
    private NodeDistribution distribution(HostFacts facts) {
        Fact fact = facts.get(DistributionReader.KEY);
        if (!fact.isPresent()) {
            return new NodeDistribution(Distribution.UNKNOWN, Distribution.UNKNOWN, fact.reason());
        }
        String name = catalog.distributions().byId(fact.value()).map(Distribution::name).orElse(Distribution.UNKNOWN);
        return new NodeDistribution(fact.value(), name, fact.source());
    }

    /**
     * The Kubernetes version that picks the benchmark, and how the reason names it.
     *
     * @param value the version, e.g. {@code v1.31.2-eks-7f9249a}; empty when unknown
     * @param text  e.g. {@code kubelet v1.31.2-eks-7f9249a}, {@code Kubernetes 1.33 (nodeward.kubernetes.version)}
     */
    private record KubernetesVersion(Optional<String> value, String text) {
    }

    /** The configured version ({@code nodeward.kubernetes.version}) wins; else the running kubelet's. */
    private KubernetesVersion version(HostFacts facts) {
        if (settings.kubernetesVersion().isPresent()) {
            String configured = settings.kubernetesVersion().get();
            return new KubernetesVersion(Optional.of(configured),
                    "Kubernetes " + configured + " (nodeward.kubernetes.version)");
        }
        Fact kubelet = facts.get(KUBELET_VERSION);
        if (kubelet.isPresent()) {
            return new KubernetesVersion(Optional.of(kubelet.value()), "kubelet " + kubelet.value());
        }
        return new KubernetesVersion(Optional.empty(), "the kubelet's version is unknown (" + kubelet.reason() + ")");
    }

    /** Every benchmark this scanner can run (which ones, is chosen per scan). */
    public List<Benchmark> benchmarks() {
        return List.copyOf(catalog.all());
    }

    /** The IDs of the benchmarks this scanner can run (which ones, is chosen per scan). */
    public List<String> benchmarkIds() {
        return catalog.ids();
    }
}
