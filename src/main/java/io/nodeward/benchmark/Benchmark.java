package io.nodeward.benchmark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One benchmark as loaded from its folder, e.g. {@code benchmarks/cis-1.12/}: its groups in the
 * order {@code benchmark.yaml} lists their files, and their checks in file order.
 *
 * @param id      the folder name, e.g. {@code cis-1.12} or {@code nodeward-1.0}
 * @param version the benchmark's own version, e.g. {@code 1.12.0}
 */
public record Benchmark(String id, String title, String version, List<Group> groups) {

    public Benchmark {
        groups = List.copyOf(groups);
    }

    /** Every check, in benchmark order. */
    public List<Check> checks() {
        return groups.stream().flatMap(g -> g.checks().stream()).toList();
    }

    public Optional<Check> check(String checkId) {
        return checks().stream().filter(c -> c.id().equals(checkId)).findFirst();
    }

    /** The group holding {@code checkId}, for reports that show the group title. */
    public Optional<Group> groupOf(String checkId) {
        return groups.stream().filter(g -> g.checks().stream().anyMatch(c -> c.id().equals(checkId))).findFirst();
    }

    /** Every fact key the benchmark reads: requirements, tests and evidence. */
    public Set<String> factKeys() {
        Set<String> keys = new LinkedHashSet<>();
        checks().forEach(c -> keys.addAll(c.factKeys()));
        return keys;
    }
}
