package io.nodeward.host.distribution;

import io.nodeward.benchmark.Distribution;
import io.nodeward.benchmark.Distributions;
import io.nodeward.benchmark.Evaluator;
import io.nodeward.benchmark.Expectation;
import io.nodeward.benchmark.Verdict;
import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code node.distribution}: which Kubernetes distribution runs this node, recognised by what the
 * distribution's own code writes there, as {@code benchmarks/distributions.yaml} describes it: the
 * running kubelet's arguments and effective settings (facts the readers before this one produced),
 * the program that runs the kubelet ({@code argv[0]} in the scan's process snapshot: {@code kubelet},
 * or k3s or kubelite embedding it) and, rarely, a file's presence. The distributions are tried in the
 * file's order and the first marker that holds decides; its source is the evidence, e.g.
 * {@code AL2023 (nodeadm): kubelet.config is /etc/kubernetes/kubelet/config.json (flag --config);
 * written by awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go}.
 *
 * <p>A node no marker recognises is {@link Distribution#UNKNOWN}, with what could not be tested (an
 * unreadable fact) in the evidence: it is audited with the generic CIS benchmark, the strictest
 * choice, so a marker that cannot be read never relaxes a check. The markers look only at what a pod
 * cannot forge (the kubelet's own process and the host's files), since the distribution chooses the
 * benchmark. Cheap: fact lookups, one pattern on one {@code argv[0]}, a stat per {@code path} marker.
 */
public final class DistributionReader implements FactReader {

    public static final String KEY = "node.distribution";
    public static final KeySpace KEYS = KeySpace.of(new KeyPattern.Fixed(KEY));

    private final Distributions distributions;

    public DistributionReader(Distributions distributions) {
        this.distributions = distributions;
    }

    @Override
    public String name() {
        return "distribution";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    /** The evidence is the kubelet's process and what it was started with. */
    @Override
    public Optional<String> component(String key) {
        return Optional.of("kubelet");
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        List<String> untested = new ArrayList<>();
        for (Distribution distribution : distributions.all()) {
            for (Distribution.Marker marker : distribution.markers()) {
                Test test = test(marker, host, known);
                if (test.holds()) {
                    return List.of(Fact.present(KEY, distribution.id(), evidence(marker, test.evidence())));
                }
                if (test.error() != null && untested.size() < 3) {
                    untested.add(distribution.id() + ": " + test.error());
                }
            }
        }
        Fact kubelet = known.get(ProcessReader.key("kubelet"));
        String why = distributions.all().isEmpty() ? "no distributions are defined"
                : kubelet.isPresent() ? "the kubelet's arguments and files match no distribution's markers (distributions.yaml)"
                : "no distribution's markers hold: " + kubelet.key() + ": " + kubelet.reason();
        if (!untested.isEmpty()) {
            why += "; could not test " + String.join("; ", untested);
        }
        return List.of(Fact.present(KEY, Distribution.UNKNOWN, why));
    }

    /**
     * Whether every condition of {@code marker} holds; the evidence of each when they do, the first
     * reason one could not be tested when one could not.
     */
    private record Test(boolean holds, List<String> evidence, String error) {
        static Test no() {
            return new Test(false, List.of(), null);
        }

        static Test error(String reason) {
            return new Test(false, List.of(), reason);
        }
    }

    private static Test test(Distribution.Marker marker, HostScan host, HostFacts known) {
        List<String> evidence = new ArrayList<>();
        if (marker.when().isPresent()) {
            Verdict verdict = Evaluator.holds(marker.when().get(), known);
            switch (verdict.kind()) {
                case PASS -> evidence.add((marker.when().get() instanceof Expectation.Test t ? t.fact() + " = " : "")
                        + verdict.actual() + " (" + verdict.source() + ")");
                case ERROR -> {
                    return Test.error(verdict.reason());
                }
                default -> {
                    return Test.no();
                }
            }
        }
        if (marker.program().isPresent()) {
            Fact kubelet = known.get(ProcessReader.key("kubelet"));
            if (kubelet.state() == Fact.State.ERROR) {
                return Test.error(kubelet.key() + ": " + kubelet.reason());
            }
            Optional<String> program = kubelet.isPresent() ? argv0(host.processes(), kubelet.value()) : Optional.empty();
            if (program.isEmpty() || !marker.program().get().matcher(program.get()).matches()) {
                return Test.no();
            }
            evidence.add("the kubelet runs in " + program.get());
        }
        if (marker.path().isPresent()) {
            String path = marker.path().get();
            host.read(path);
            try {
                if (!Files.exists(HostLinks.follow(host.root(), path), LinkOption.NOFOLLOW_LINKS)) {
                    return Test.no();
                }
            } catch (IOException e) {
                return Test.error(IoErrors.unreadable(path, e));
            }
            evidence.add(path + " exists");
        }
        return new Test(true, evidence, null);
    }

    private static Optional<String> argv0(ProcessSnapshot snapshot, String pid) {
        try {
            return snapshot.entry(Integer.parseInt(pid)).map(ProcessSnapshot.Entry::argv)
                    .filter(argv -> !argv.isEmpty()).map(argv -> argv.get(0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String evidence(Distribution.Marker marker, List<String> conditions) {
        return marker.variant().map(v -> v + ": ").orElse("") + String.join("; ", conditions) + "; "
                + marker.source();
    }
}
