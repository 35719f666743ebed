package io.nodeward.publish.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.host.NodeName;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanReport;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes each scan to this agent's Node: annotations, the {@code NodeHardened} condition and
 * events. The observer only hands the report over; the API calls run on the publisher's own
 * thread, so a slow or absent API server never delays scanning. Reports that arrive while one is
 * pending replace it: only the newest state matters.
 */
@ApplicationScoped
public class NodePublisher {

    private static final Logger LOG = Logger.getLogger(NodePublisher.class);

    /** Attempts per scan before giving up until the next scan; backoff carries over between scans. */
    static final int ATTEMPTS_PER_SCAN = 4;

    private final NodewardConfig config;
    private final NodeName nodeName;
    private final Deployment deployment;
    private final Instance<KubernetesClient> client;
    private final PublishOutcomes outcomes;
    private final AtomicReference<ScanReport> pending = new AtomicReference<>();
    private final Set<String> forbiddenLogged = ConcurrentHashMap.newKeySet();
    private final Backoff backoff;

    private volatile ExecutorService executor;
    private NodeSync sync;
    private long notBeforeNanos;

    @Inject
    public NodePublisher(NodewardConfig config, NodeName nodeName, Deployment deployment,
                         Instance<KubernetesClient> client, PublishOutcomes outcomes) {
        this.config = config;
        this.nodeName = nodeName;
        this.deployment = deployment;
        this.client = client;
        this.outcomes = outcomes;
        this.backoff = new Backoff(config.publish().initialBackoff(), config.publish().maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void onStart(@Observes StartupEvent event) {
        if (deployment.mode() != Deployment.Mode.AGENT) {
            return; // the cluster auditor has no Node of its own
        }
        NodeAnnotations.checkedFailedMaxLength(config.publish().failedAnnotationMaxLength());
        String node = nodeName.name();
        if (!config.publish().enabled()) {
            LOG.info("Publishing to the Node is off (nodeward.publish.enabled=false): no annotations, condition or events");
            return;
        }
        KubernetesClient kube = client.get();
        String masterUrl = kube.getConfiguration().getMasterUrl();
        if (!ClusterDetection.configured(masterUrl, deployment.inPod())) {
            LOG.info("Publishing to the Node is off: no cluster configured (no in-cluster service account, "
                    + "no kubeconfig); scans, metrics and the report work as usual");
            return;
        }
        LOG.infof("Publishing scan results to Node %s through %s", node, masterUrl);
        sync = new NodeSync(node, new NodeApi(kube, outcomes), Clock.systemUTC(),
                config.publish().failedAnnotationMaxLength());
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "nodeward-node-publisher");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::startSync);
        // The scan loop also starts on StartupEvent, in no fixed order with us: a scan that finished
        // before the executor existed was kept in pending (see onScan) and is published now, after the start GET.
        if (pending.get() != null) {
            executor.execute(this::publishNewest);
        }
    }

    /**
     * Hands the report to the publishing thread and returns at once. Before {@link #onStart} has
     * made that thread, the report is kept, so the first scan is not lost. Pending is set before the
     * executor is read, and {@code onStart} reads pending after setting the executor, so at least one
     * of the two schedules it (both may: the second finds nothing pending and returns).
     */
    void onScan(@Observes ScanCompleted scan) {
        if (pending.getAndSet(scan.report()) == null) {
            ExecutorService running = executor;
            if (running != null) {
                running.execute(this::publishNewest);
            }
        }
    }

    /** Whether API calls are made at all (a cluster is configured and publishing is enabled). */
    public boolean active() {
        return executor != null;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void startSync() {
        NodeSync target = sync;
        try {
            waitForBackoff();
            target.start();
            backoff.succeeded();
        } catch (ApiFailure e) {
            failed(e, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishNewest() {
        for (int attempt = 1; attempt <= ATTEMPTS_PER_SCAN; attempt++) {
            try {
                waitForBackoff();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ScanReport report = pending.getAndSet(null);
            if (report == null) {
                return;
            }
            try {
                sync.publish(report);
                backoff.succeeded();
                return;
            } catch (ApiFailure e) {
                if (!failed(e, attempt) || attempt == ATTEMPTS_PER_SCAN) {
                    outcomes.error(e.target());
                    return;
                }
                // Try again with the newest report, unless a newer one is already queued behind us.
                pending.compareAndSet(null, report);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Publishing to Node %s failed unexpectedly; the next scan tries again", sync.node());
                outcomes.error(NodeApi.NODE);
                return;
            }
        }
    }

    /** Logs and schedules the backoff; returns whether trying again soon can help. */
    private boolean failed(ApiFailure e, int attempt) {
        Duration wait = backoff.failed();
        notBeforeNanos = System.nanoTime() + wait.toNanos();
        if ("conflict".equals(e.outcome())) {
            sync.forgetNode();
        }
        if ("forbidden".equals(e.outcome())) {
            if (forbiddenLogged.add(e.target())) {
                LOG.errorf("Publishing %s to Node %s is forbidden: the service account needs %s", e.target(),
                        sync.node(), permission(e.target()));
            }
            return false;
        }
        if ("not_found".equals(e.outcome())) {
            LOG.warnf("Node %s was not found; check NODE_NAME (nodeward.node.name)", sync.node());
            return false;
        }
        LOG.warnf("Node %s: %s request failed (attempt %d): %s; next try in %d ms", sync.node(), e.target(),
                attempt, e.getMessage(), wait.toMillis());
        return e.retryable();
    }

    private void waitForBackoff() throws InterruptedException {
        long waitNanos = notBeforeNanos - System.nanoTime();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    static String permission(String target) {
        return switch (target) {
            case NodeApi.NODE -> "`get` on `nodes`";
            case NodeApi.ANNOTATIONS -> "`patch` on `nodes`";
            case NodeApi.CONDITION -> "`patch` on `nodes/status`";
            case NodeApi.EVENTS -> "`create` on `events`";
            default -> "access to " + target;
        };
    }

    /* test */ void retarget(String node) throws Exception {
        executor.submit(() -> {
            pending.set(null);
            backoff.succeeded();
            notBeforeNanos = 0;
            sync = new NodeSync(node, new NodeApi(client.get(), outcomes), Clock.systemUTC(),
                    config.publish().failedAnnotationMaxLength());
            startSync();
        }).get(30, TimeUnit.SECONDS);
    }

    /** Waits until everything handed over so far has been published or given up. */
    /* test */ void awaitIdle() throws Exception {
        executor.submit(() -> { }).get(60, TimeUnit.SECONDS);
    }
}
