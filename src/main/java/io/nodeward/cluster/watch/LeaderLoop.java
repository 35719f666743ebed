package io.nodeward.cluster.watch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election on a coordination.k8s.io/v1 Lease with the fabric8 client's {@link LeaderElector} (the
 * client-go algorithm: acquire when the holder's renew time plus the lease duration has passed, renew every
 * retry period, step down when a renewal does not succeed within the renew deadline). One elector only
 * runs one election, so this loop starts a new one whenever the last ends, until it is closed; closing
 * releases the lease (its holder cleared), so the other replica takes over at its next retry rather than
 * after the lease expires.
 */
public final class LeaderLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderLoop.class);

    /** What the loop needs: where the Lease is, who this replica is, and client-go's three durations. */
    public record Settings(String namespace, String leaseName, String identity, Duration leaseDuration,
                           Duration renewDeadline, Duration retryPeriod) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Runnable onStartLeading;
    private final Runnable onStopLeading;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final ExecutorService executor;
    private volatile boolean closed;
    private volatile CompletableFuture<?> election;
    private volatile Thread thread;

    public LeaderLoop(KubernetesClient client, Settings settings, Runnable onStartLeading, Runnable onStopLeading) {
        this.client = client;
        this.settings = settings;
        this.onStartLeading = onStartLeading;
        this.onStopLeading = onStopLeading;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nodeward-cluster-election");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::loop, "nodeward-cluster-leader");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isLeader() {
        return leading.get();
    }

    /** Whether the election loop runs (liveness). */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void loop() {
        while (!closed) {
            LeaderElector elector = new LeaderElector(client, new LeaderElectionConfigBuilder()
                    .withName("nodeward-cluster")
                    .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                    .withLeaseDuration(settings.leaseDuration())
                    .withRenewDeadline(settings.renewDeadline())
                    .withRetryPeriod(settings.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                            leader -> LOG.infof("cluster auditor leader is now %s", leader)))
                    .build(), executor);
            CompletableFuture<?> running = elector.start();
            election = running;
            try {
                running.join();
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warnf("leader election ended: %s; starting again", e.getMessage());
                }
            }
            stopped();
            if (!closed) {
                try {
                    Thread.sleep(settings.retryPeriod().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void started() {
        if (leading.compareAndSet(false, true)) {
            LOG.infof("%s leads the cluster audit (Lease %s/%s)", settings.identity(), settings.namespace(), settings.leaseName());
            onStartLeading.run();
        }
    }

    private void stopped() {
        if (leading.compareAndSet(true, false)) {
            LOG.infof("%s no longer leads the cluster audit", settings.identity());
            onStopLeading.run();
        }
    }

    /** Stops electing; if leading, releases the Lease first (the elector's release on cancel). */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<?> running = election;
        if (running != null) {
            running.cancel(true);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped();
        executor.shutdownNow();
    }
}
