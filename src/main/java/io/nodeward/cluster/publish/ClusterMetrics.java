package io.nodeward.cluster.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Counter;
import io.nodeward.NodewardConfig;
import io.nodeward.cluster.ClusterAuditCompleted;
import io.nodeward.cluster.LeadershipChanged;

import io.nodeward.cluster.audit.ClusterAudit;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Exempted;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster auditor's Prometheus families, bounded: one {@code nodeward_cluster_check_result} series per
 * check (its label the current status), {@code nodeward_cluster_checks{status}}, and
 * {@code nodeward_cluster_findings{check,benchmark,check_severity,namespace}} counting the objects that fail
 * each check per namespace (cluster-scoped objects have {@code namespace=""}), at most
 * {@code nodeward.cluster.metrics-namespaces} namespaces per check, those with the most findings; the rest
 * summed under {@code namespace="_other"}. Also objects read per kind, objects each exemption took out,
 * audit duration and count, and {@code nodeward_cluster_leader}. Only the leader has check and finding
 * series: a replica that stops leading removes them, so two replicas never report the same cluster.
 */
@ApplicationScoped
public class ClusterMetrics {

    static final String OTHER_NAMESPACES = "_other";

    private final MeterRegistry registry;
    private final int maxNamespaces;
    private final AtomicInteger leader = new AtomicInteger();
    private final AtomicLong lastAuditMillis = new AtomicLong();
    private final Map<Outcome, AtomicInteger> checks = new LinkedHashMap<>();
    /** Every per-audit series, by its name and tags; replaced as a whole at each audit. */
    private final Map<String, Series> series = new HashMap<>();
    private Timer duration;
    private Counter audits;
    private boolean declared;

    private record Series(Gauge gauge, AtomicLong value) {
    }

    ClusterMetrics(MeterRegistry registry, NodewardConfig config) {
        this.registry = registry;
        this.maxNamespaces = config.cluster().metricsNamespaces();
    }

    /** The families that exist from the first scrape in cluster mode, at zero. */
    private synchronized void declare() {
        if (declared) {
            return;
        }
        declared = true;
        Gauge.builder("nodeward.cluster.leader", leader, AtomicInteger::get)
                .description("1 while this replica leads the cluster audit, else 0").register(registry);
        Gauge.builder("nodeward.cluster.last.audit.timestamp.seconds", lastAuditMillis, m -> m.get() / 1000.0)
                .description("When this replica's last audit ran, in seconds since the Unix epoch; 0 before the first")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            AtomicInteger count = new AtomicInteger();
            checks.put(outcome, count);
            Gauge.builder("nodeward.cluster.checks", count, AtomicInteger::get)
                    .description("Cluster checks with this status in the leader's last audit")
                    .tag("status", outcome.label()).register(registry);
        }
        duration = Timer.builder("nodeward.cluster.audit.duration").description("Time an audit of the caches took")
                .register(registry);
        audits = Counter.builder("nodeward.cluster.audits").description("Audits this replica ran").register(registry);
    }

    synchronized void onLeadership(@Observes LeadershipChanged change) {
        declare();
        leader.set(change.leading() ? 1 : 0);
        if (!change.leading()) {
            replace(Map.of());
            checks.values().forEach(c -> c.set(0));
        }
    }

    synchronized void onAudit(@Observes ClusterAuditCompleted event) {
        declare();
        ClusterReport report = event.report();
        audits.increment();
        duration.record(Duration.ofNanos(Math.round(report.durationMillis() * 1_000_000)));
        lastAuditMillis.set(report.scannedAt().toEpochMilli());
        report.summary().forEach((outcome, count) -> checks.get(outcome).set(count));
        Map<String, Entry> next = new LinkedHashMap<>();
        for (CheckResult result : report.results()) {
            Tags check = Tags.of("check", result.id(), "benchmark", result.benchmark(), "check_severity", result.severity().label());
            put(next, "nodeward.cluster.check.result", check.and("status", result.status().label()), 1,
                    "One series per cluster check, labelled with its current status; always 1");
            bounded(ClusterAudit.perNamespace(report.findings(result.id()))).forEach((namespace, count) ->
                    put(next, "nodeward.cluster.findings", check.and("namespace", namespace), count,
                            "Objects failing the check in the namespace (empty for cluster-scoped objects) in the last audit"));
        }
        report.objects().forEach((kind, count) -> put(next, "nodeward.cluster.objects", Tags.of("kind", kind.kind()), count,
                "Objects of this kind read in the last audit"));
        for (Exempted exempted : report.exemptions()) {
            put(next, "nodeward.cluster.exempt", Tags.of("exemption", exempted.id(), "type", exempted.type()), exempted.count(),
                    "Objects or subjects the exemption took out of the last audit");
        }
        replace(next);
    }

    /** At most {@code maxNamespaces} namespaces, those with the most findings; the rest summed as {@value #OTHER_NAMESPACES}. */
    Map<String, Integer> bounded(Map<String, Integer> perNamespace) {
        if (perNamespace.size() <= maxNamespaces) {
            return perNamespace;
        }
        List<Map.Entry<String, Integer>> sorted = perNamespace.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Integer> kept = new LinkedHashMap<>();
        sorted.subList(0, maxNamespaces).forEach(e -> kept.put(e.getKey(), e.getValue()));
        kept.put(OTHER_NAMESPACES, sorted.subList(maxNamespaces, sorted.size()).stream().mapToInt(Map.Entry::getValue).sum());
        return kept;
    }

    private record Entry(String name, Tags tags, long value, String description) {
    }

    private static void put(Map<String, Entry> next, String name, Tags tags, long value, String description) {
        next.put(name + tags, new Entry(name, tags, value, description));
    }

    /** Keeps the series in {@code next} (updating values), registers new ones, removes the rest. */
    private void replace(Map<String, Entry> next) {
        series.entrySet().removeIf(e -> {
            boolean gone = !next.containsKey(e.getKey());
            if (gone) {
                registry.remove(e.getValue().gauge());
            }
            return gone;
        });
        next.forEach((key, entry) -> series.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            return new Series(Gauge.builder(entry.name(), value, AtomicLong::get).description(entry.description())
                    .tags(entry.tags()).register(registry), value);
        }).value().set(entry.value()));
    }
}
