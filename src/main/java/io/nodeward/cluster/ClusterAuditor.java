package io.nodeward.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.cluster.audit.ClusterAudit;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.watch.ClusterWatch;
import io.nodeward.cluster.watch.LeaderLoop;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One replica of {@code nodeward cluster}: it takes part in the leader election and, while it leads,
 * watches the cluster (one informer per kind) and audits it: once every informer has synced (or after
 * {@code syncWait}, with the kinds it could not read as ERROR), then within {@code debounce} of any change
 * (changes in between coalesce into one audit), and every {@code reaudit} from the caches alone, which asks
 * the API server for nothing. The follower watches nothing. Each report goes to {@code listener} on the
 * audit thread and is kept as {@link #latest()}; losing the lead drops the watches and the report.
 */
public final class ClusterAuditor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterAuditor.class);

    /** How the auditor paces itself. */
    public record Pacing(Duration debounce, Duration syncWait, Duration reaudit, long listLimit) {
    }

    private final KubernetesClient client;
    private final ClusterAudit audit;
    private final Pacing pacing;
    private final Consumer<ClusterReport> listener;
    private final Runnable onLeadershipChange;
    private final LeaderLoop leader;
    private final AtomicBoolean auditPending = new AtomicBoolean();

    private ScheduledExecutorService auditThread;
    private ClusterWatch watch;
    private volatile boolean ready;
    private volatile ClusterReport latest;
    /** Bumped at each change of leadership, so an audit scheduled for an earlier term does nothing. */
    private volatile long term;

    /**
     * @param listener           gets each report, on the audit thread
     * @param onLeadershipChange called after this replica starts or stops leading (metrics)
     */
    public ClusterAuditor(KubernetesClient client, ClusterAudit audit, LeaderLoop.Settings election, Pacing pacing,
                          Consumer<ClusterReport> listener, Runnable onLeadershipChange) {
        this.client = client;
        this.audit = audit;
        this.pacing = pacing;
        this.listener = listener;
        this.onLeadershipChange = onLeadershipChange;
        this.leader = new LeaderLoop(client, election, this::startLeading, this::stopLeading);
    }

    public void start() {
        leader.start();
    }

    public boolean isLeader() {
        return leader.isLeader();
    }

    /** Whether the election loop runs. */
    public boolean isAlive() {
        return leader.isAlive();
    }

    /** The newest report while this replica leads; empty before its first audit and on a follower. */
    public Optional<ClusterReport> latest() {
        return Optional.ofNullable(latest);
    }

    private synchronized void startLeading() {
        long myTerm = ++term;
        ready = false;
        auditThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodeward-cluster-audit");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService thread = auditThread;
        watch = new ClusterWatch(client, pacing.listLimit(), this::changed);
        watch.start().thenRun(() -> thread.execute(() -> firstAudit(myTerm)));
        thread.schedule(() -> firstAudit(myTerm), pacing.syncWait().toMillis(), TimeUnit.MILLISECONDS);
        long every = pacing.reaudit().toMillis();
        thread.scheduleWithFixedDelay(() -> auditNow(myTerm), every, every, TimeUnit.MILLISECONDS);
        onLeadershipChange.run();
    }

    private synchronized void stopLeading() {
        term++;
        ready = false;
        latest = null;
        if (watch != null) {
            watch.close();
            watch = null;
        }
        if (auditThread != null) {
            auditThread.shutdownNow();
            auditThread = null;
        }
        auditPending.set(false);
        onLeadershipChange.run();
    }

    /** The first audit of a term: when every informer has synced, or when the wait for that runs out. */
    private void firstAudit(long myTerm) {
        if (!ready && myTerm == term) {
            ready = true;
            auditNow(myTerm);
        }
    }

    /** An informer saw a change: audit once the debounce time has passed (further changes join that audit). */
    private void changed() {
        ScheduledExecutorService thread;
        long myTerm;
        synchronized (this) {
            thread = auditThread;
            myTerm = term;
        }
        if (!ready || thread == null || !auditPending.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.schedule(() -> {
                auditPending.set(false);
                auditNow(myTerm);
            }, pacing.debounce().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            auditPending.set(false); // the term ended meanwhile
        }
    }

    private void auditNow(long myTerm) {
        ClusterWatch current;
        synchronized (this) {
            current = watch;
        }
        if (myTerm != term || current == null || !ready) {
            return;
        }
        try {
            ClusterReport report = audit.run(current.snapshot());
            if (myTerm != term) {
                return;
            }
            latest = report;
            listener.accept(report);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cluster audit failed; the next change or re-audit tries again");
        }
    }

    /** Stops watching and releases the lease if held. */
    @Override
    public void close() {
        leader.close();
    }
}
