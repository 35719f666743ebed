package io.nodeward.benchmark;

import io.nodeward.host.EditDistance;

import org.yaml.snakeyaml.nodes.Node;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's {@code waivers.yaml}, validated against the loaded benchmarks: every entry must name a
 * known benchmark and check and give a reason, an owner and an expiry date.
 * <pre>
 * waivers:
 *   - benchmark: cis-1.12
 *     check: 4.2.6
 *     reason: Cilium manages iptables; the kubelet's chains are not used
 *     owner: platform-team@example.com
 *     expires: 2026-12-31
 * </pre>
 */
public final class Waivers {

    static final String FILE = "waivers.yaml";
    private static final Set<String> FIELDS = Set.of("benchmark", "check", "reason", "owner", "expires");

    private final List<Waiver> waivers;

    private Waivers(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
    }

    public static Waivers none() {
        return new Waivers(List.of());
    }

    public List<Waiver> all() {
        return waivers;
    }

    /** The waiver for a check that still applies on {@code today}; an expired one does not. */
    public Optional<Waiver> find(String benchmarkId, String checkId, LocalDate today) {
        return forCheck(benchmarkId, checkId).filter(w -> w.activeOn(today));
    }

    /** The waiver written for a check, whether or not it still applies (at most one: duplicates are refused). */
    public Optional<Waiver> forCheck(String benchmarkId, String checkId) {
        return waivers.stream().filter(w -> w.benchmark().equals(benchmarkId) && w.check().equals(checkId)).findFirst();
    }

    /**
     * Parses and validates waivers.
     *
     * @param file how the file is named in messages
     */
    public static Waivers parse(String file, String text, Collection<Benchmark> benchmarks) {
        Map<String, Benchmark> byId = new HashMap<>();
        benchmarks.forEach(b -> byId.put(b.id(), b));
        YamlFields root = new YamlFields(file, YamlFields.compose(file, text), "").allowOnly(Set.of("waivers"));
        List<Node> entries = root.list("waivers");
        Map<String, Origin> seen = new HashMap<>();
        List<Waiver> waivers = new ArrayList<>();
        for (Node entry : entries) {
            YamlFields fields = new YamlFields(file, entry, "waiver");
            String check = fields.text("check");
            fields = fields.subject("waiver for check " + check).allowOnly(FIELDS);
            String benchmarkId = fields.text("benchmark");
            Benchmark benchmark = byId.get(benchmarkId);
            if (benchmark == null) {
                throw fields.error(fields.required("benchmark"), "unknown benchmark '" + benchmarkId + "'"
                        + didYouMean(benchmarkId, byId.keySet()));
            }
            if (benchmark.check(check).isEmpty()) {
                throw fields.error(fields.required("check"), "benchmark " + benchmarkId + " has no check '" + check + "'"
                        + didYouMean(check, benchmark.groups().stream()
                                .flatMap(g -> g.checks().stream()).map(Check::id).toList()));
            }
            Origin earlier = seen.putIfAbsent(benchmarkId + "/" + check, fields.origin());
            if (earlier != null) {
                throw fields.error(fields.required("check"), "duplicate waiver, already given at " + earlier);
            }
            String expiresText = fields.text("expires");
            LocalDate expires;
            try {
                expires = LocalDate.parse(expiresText);
            } catch (DateTimeParseException e) {
                throw fields.error(fields.required("expires"), "expires '" + expiresText + "' is not a date like 2026-12-31");
            }
            waivers.add(new Waiver(benchmarkId, check, fields.text("reason"), fields.text("owner"), expires, fields.origin()));
        }
        return new Waivers(waivers);
    }

    /** {@code  (did you mean 'x'?)} when one of {@code known} is a likely typo of {@code given}, else nothing. */
    private static String didYouMean(String given, Iterable<String> known) {
        return EditDistance.nearest(given, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }
}
