package io.nodeward.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.benchmark.BenchmarkSource;
import io.nodeward.cluster.audit.ClusterAudit;
import io.nodeward.cluster.audit.ClusterBenchmark;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.watch.LeaderLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code nodeward cluster} in serve mode: at start it loads and validates the cluster benchmark (a
 * malformed one stops the start, naming file and line), then runs one {@link ClusterAuditor} replica,
 * announcing each report as {@link ClusterAuditCompleted} and each change of lead as
 * {@link LeadershipChanged}. In the node agent it does nothing and is never created.
 */
@ApplicationScoped
public class ClusterMode {

    private static final Logger LOG = Logger.getLogger(ClusterMode.class);
    private static final BenchmarkSource BUILT_IN = BenchmarkSource.classpath("benchmarks");

    private final NodewardConfig config;
    private final Instance<KubernetesClient> client;
    private final Event<ClusterAuditCompleted> completed;
    private final Event<LeadershipChanged> leadership;
    private volatile ClusterAuditor auditor;

    ClusterMode(NodewardConfig config, Instance<KubernetesClient> client, Event<ClusterAuditCompleted> completed,
                Event<LeadershipChanged> leadership) {
        this.config = config;
        this.client = client;
        this.completed = completed;
        this.leadership = leadership;
    }

    static void onStart(@Observes StartupEvent event, Deployment deployment, ClusterMode mode) {
        if (deployment.mode() == Deployment.Mode.CLUSTER) {
            mode.start();
        }
    }

    static void onStop(@Observes ShutdownEvent event, Deployment deployment, ClusterMode mode) {
        if (deployment.mode() == Deployment.Mode.CLUSTER) {
            mode.stop();
        }
    }

    synchronized void start() {
        NodewardConfig.Cluster cluster = config.cluster();
        ClusterBenchmark benchmark = ClusterBenchmark.load(BUILT_IN, ClusterBenchmark.BUILT_IN);
        KubernetesClient kube = client.get();
        String namespace = cluster.leaseNamespace()
                .or(() -> Optional.ofNullable(kube.getNamespace()))
                .orElse("default");
        String identity = cluster.identity().orElseGet(ClusterMode::hostIdentity);
        LeaderLoop.Settings election = new LeaderLoop.Settings(namespace, cluster.leaseName(), identity,
                cluster.leaseDuration(), cluster.renewDeadline(), cluster.retryPeriod());
        ClusterAuditor.Pacing pacing = new ClusterAuditor.Pacing(cluster.debounce(), cluster.syncWait(), cluster.reaudit(),
                cluster.listLimit());
        LOG.infof("cluster auditor %s: benchmark %s (%d checks), leader election on Lease %s/%s through %s", identity,
                benchmark.benchmark().id(), benchmark.benchmark().checks().size(), namespace, cluster.leaseName(),
                kube.getConfiguration().getMasterUrl());
        auditor = new ClusterAuditor(kube, new ClusterAudit(benchmark, cluster.name(), Clock.systemUTC()), election, pacing,
                report -> completed.fire(new ClusterAuditCompleted(report)),
                () -> leadership.fire(new LeadershipChanged(auditor != null && auditor.isLeader())));
        auditor.start();
    }

    synchronized void stop() {
        if (auditor != null) {
            auditor.close();
        }
    }

    /** The leader's newest report; empty on a follower, before the first audit, and in the node agent. */
    public Optional<ClusterReport> latest() {
        ClusterAuditor current = auditor;
        return current == null ? Optional.empty() : current.latest();
    }

    /** Whether the cluster auditor runs here (cluster mode, after start). */
    public boolean running() {
        return auditor != null;
    }

    public boolean isLeader() {
        ClusterAuditor current = auditor;
        return current != null && current.isLeader();
    }

    public boolean isAlive() {
        ClusterAuditor current = auditor;
        return current != null && current.isAlive();
    }

    /** Live while the election loop runs. */
    public HealthCheckResponse liveness() {
        return HealthCheckResponse.named("cluster-election").status(isAlive()).build();
    }

    /**
     * Ready as a follower (standing by is its job, and a rollout must be able to proceed) and, as the
     * leader, once its first audit is done.
     */
    public HealthCheckResponse readiness() {
        boolean leader = isLeader();
        return HealthCheckResponse.named("cluster-audit").status(isAlive() && (!leader || latest().isPresent()))
                .withData("leader", leader).build();
    }

    /** Outside a pod: the host name and a random suffix, so two replicas on one machine differ. */
    private static String hostIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "nodeward-cluster";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
