package io.nodeward.cluster.audit;

import io.nodeward.benchmark.AppliesTo;
import io.nodeward.benchmark.Benchmark;
import io.nodeward.benchmark.BenchmarkException;
import io.nodeward.benchmark.BenchmarkLoader;
import io.nodeward.benchmark.BenchmarkSource;
import io.nodeward.benchmark.Check;
import io.nodeward.benchmark.Exemptions;
import io.nodeward.cluster.facts.ClusterFactKeys;
import io.nodeward.cluster.facts.FactSubject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster benchmark as loaded at start: the benchmark (validated by the one loader, against the cluster's
 * fact keys), the kind of object each check judges, and the exemptions. A check whose facts are about two
 * kinds of object (a binding's and a pod's) fails to load, naming its file and line.
 */
public final class ClusterBenchmark {

    /** The built-in cluster benchmark. */
    public static final String BUILT_IN = "nodeward-cluster-1.0";

    private final Benchmark benchmark;
    private final Map<String, FactSubject> subjects;
    private final Exemptions exemptions;

    private ClusterBenchmark(Benchmark benchmark, Map<String, FactSubject> subjects, Exemptions exemptions) {
        this.benchmark = benchmark;
        this.subjects = Collections.unmodifiableMap(subjects);
        this.exemptions = exemptions;
    }

    /**
     * Loads {@code <folder>/benchmark.yaml} (which must say {@code applies-to: cluster}) and its
     * {@code exemptions.yaml} from {@code source}.
     *
     * @throws BenchmarkException naming file, line and check for anything invalid
     */
    public static ClusterBenchmark load(BenchmarkSource source, String folder) {
        Benchmark benchmark = BenchmarkLoader.load(source, folder, AppliesTo.CLUSTER, ClusterFactKeys.ALL);
        Map<String, FactSubject> subjects = new LinkedHashMap<>();
        for (Check check : benchmark.checks()) {
            Set<FactSubject> found = new TreeSet<>();
            check.factKeys().forEach(key -> FactSubject.of(key).ifPresent(found::add));
            if (found.size() != 1) {
                throw new BenchmarkException(check.origin() + ": check " + check.id() + ": "
                        + (found.isEmpty() ? "a cluster check needs a test on the facts of one kind of object"
                        : "its facts are about " + String.join(" and ", found.stream().map(FactSubject::prefix).toList())
                        + " objects; a cluster check judges one kind of object"));
            }
            subjects.put(check.id(), found.iterator().next());
        }
        return new ClusterBenchmark(benchmark, subjects, Exemptions.load(source, folder));
    }

    public Benchmark benchmark() {
        return benchmark;
    }

    public Exemptions exemptions() {
        return exemptions;
    }

    /** The kind of object {@code checkId} judges. */
    public FactSubject subject(String checkId) {
        return subjects.get(checkId);
    }
}
