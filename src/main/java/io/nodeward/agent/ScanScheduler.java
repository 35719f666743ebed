package io.nodeward.agent;

import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import io.nodeward.host.HostRoot;
import io.nodeward.scan.NodeScanner;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanFailed;
import io.nodeward.scan.ScanReport;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serve mode's scan loop: one scanning thread, so never two scans at once. It scans shortly after
 * start, then every {@code nodeward.scan.interval} plus random jitter, and within
 * {@code nodeward.scan.debounce} after a change under the scanner's watched paths. Triggers that
 * arrive while a scan runs coalesce into one next scan. A scan that throws an {@link Exception} is
 * logged, announced as {@link ScanFailed} and retried at the next trigger; that does not stop the
 * loop. An {@link Error} (out of memory, a stack overflow), from the scan or from an observer, ends
 * the scanning thread: liveness then fails so the pod is restarted, and every {@link #scanNow()}
 * caller is answered exceptionally. Each report is announced as {@link ScanCompleted}
 * (synchronously, on the scanning thread) and kept as {@link #latest()}.
 */
@ApplicationScoped
public class ScanScheduler {

    private static final Logger LOG = Logger.getLogger(ScanScheduler.class);
    /** The first scan waits up to this long, so nodes restarted together do not scan in step. */
    private static final Duration START_JITTER = Duration.ofSeconds(1);
    /** However busy the files are, a change is scanned no later than this many debounce periods after it. */
    private static final int DEBOUNCE_CAP = 3;
    private static final long NEVER = Long.MAX_VALUE;

    private final NodeScanner scanner;
    private final NodewardConfig.Scan config;
    private final Event<ScanCompleted> completed;
    private final Event<ScanFailed> failed;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Guarded by lock: nanoTime of the next periodic scan. */
    private long periodicDue;
    /** Guarded by lock: nanoTime when pending file changes are scanned, or NEVER. */
    private long changeDue = NEVER;
    /** Guarded by lock: nanoTime of the first change not yet scanned, or NEVER. */
    private long firstChange = NEVER;
    /** Guarded by lock: callers of scanNow() waiting for the next scan. */
    private List<CompletableFuture<ScanReport>> waiting = new ArrayList<>();
    /** Guarded by lock. */
    private boolean running;

    static final int MAX_WATCHED_PATHS = 256;

    private volatile ScanReport latest;
    /** Volatile: the liveness probe reads it from another thread. */
    private volatile Thread thread;
    private PathWatcher watcher;
    private final HostRoot host;

    ScanScheduler(NodeScanner scanner, NodewardConfig config, HostRoot host, Event<ScanCompleted> completed,
                  Event<ScanFailed> failed) {
        this.scanner = scanner;
        this.host = host;
        this.config = config.scan();
        this.completed = completed;
        this.failed = failed;
    }

    /**
     * Static, with the scheduler as a client proxy: in the cluster auditor ({@code nodeward cluster}) the
     * scheduler, and with it the node scanner, is then never created.
     */
    static void onStart(@Observes StartupEvent event, Deployment deployment, ScanScheduler scheduler) {
        if (deployment.mode() == Deployment.Mode.AGENT) {
            scheduler.start();
        }
    }

    static void onStop(@Observes ShutdownEvent event, Deployment deployment, ScanScheduler scheduler) {
        if (deployment.mode() == Deployment.Mode.AGENT) {
            scheduler.stop();
        }
    }

    /** The report of the last scan that finished, empty before the first. */
    public Optional<ScanReport> latest() {
        return Optional.ofNullable(latest);
    }

    /** Whether the scanning thread is running (liveness). */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Asks for a scan now. The future completes with the report of the next scan that starts after
     * this call (shared with any other trigger that coalesces into it), or exceptionally with what
     * that scan threw, or with {@link IllegalStateException} when the scheduler is not running or
     * stops first. Serve mode itself never calls it (it scans on the interval and on file changes);
     * it is the hook for tests and tools that need a fresh report now instead of waiting.
     */
    public CompletableFuture<ScanReport> scanNow() {
        CompletableFuture<ScanReport> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (!running) {
                result.completeExceptionally(new IllegalStateException("the scan scheduler is not running"));
                return result;
            }
            waiting.add(result);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** Called by the watcher for every relevant change: scan once the files have been quiet for the debounce time. */
    void filesChanged() {
        lock.lock();
        try {
            long now = System.nanoTime();
            long debounce = config.debounce().toNanos();
            if (firstChange == NEVER) {
                firstChange = now;
            }
            changeDue = Math.min(now + debounce, firstChange + DEBOUNCE_CAP * debounce);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        lock.lock();
        try {
            running = true;
            periodicDue = System.nanoTime() + randomNanos(Math.min(START_JITTER.toNanos(), config.interval().toNanos()));
        } finally {
            lock.unlock();
        }
        if (config.watch()) {
            try {
                watcher = new PathWatcher(this::filesChanged);
                watcher.start();
            } catch (IOException e) {
                LOG.warnf("cannot watch files, scanning on the interval only: %s", e.getMessage());
            }
        }
        thread = new Thread(this::loop, "nodeward-scan");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("scanning every %s (+ up to %.0f%% jitter)%s", config.interval(), config.jitter() * 100,
                watcher != null ? ", and within " + config.debounce() + " of a change to a file a check read" : "");
    }

    synchronized void stop() {
        halt().forEach(f -> f.cancel(false));
        if (watcher != null) {
            watcher.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                List<CompletableFuture<ScanReport>> batch;
                try {
                    batch = awaitTrigger();
                } catch (InterruptedException e) {
                    return;
                }
                if (batch == null) {
                    return;
                }
                scanOnce(batch);
                lock.lock();
                try {
                    long interval = config.interval().toNanos();
                    periodicDue = System.nanoTime() + interval + randomNanos((long) (interval * config.jitter()));
                } finally {
                    lock.unlock();
                }
            }
        } catch (Throwable e) {
            // Not rethrown: logged once here; the thread ends either way.
            LOG.fatalf(e, "the scan thread died; liveness now fails so the pod is restarted");
        } finally {
            stopped();
        }
    }

    /** However the loop ended: no caller may wait for a scan that will never come. */
    private void stopped() {
        IllegalStateException error = new IllegalStateException("the scan scheduler is not running");
        halt().forEach(f -> f.completeExceptionally(error));
    }

    /** Marks the scheduler stopped, wakes the loop, and hands back the callers still waiting for a scan. */
    private List<CompletableFuture<ScanReport>> halt() {
        lock.lock();
        try {
            running = false;
            List<CompletableFuture<ScanReport>> abandoned = waiting;
            waiting = new ArrayList<>();
            wake.signalAll();
            return abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a scan is due; returns the callers to answer with it, or null when stopping. */
    private List<CompletableFuture<ScanReport>> awaitTrigger() throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                long wait = Math.min(periodicDue, changeDue) - System.nanoTime();
                if (!waiting.isEmpty() || wait <= 0) {
                    List<CompletableFuture<ScanReport>> batch = waiting;
                    waiting = new ArrayList<>();
                    changeDue = NEVER;
                    firstChange = NEVER;
                    return batch;
                }
                wake.awaitNanos(wait);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scans once and answers the batch. However it ends (an {@link Error} thrown by an observer
     * included), every caller in the batch is answered: stopped() only drains those still waiting,
     * so a caller left here would wait for ever.
     */
    private void scanOnce(List<CompletableFuture<ScanReport>> batch) {
        Throwable died = null;
        try {
            scanAndAnswer(batch);
        } catch (Throwable e) {
            died = e;
            throw e;
        } finally {
            Throwable cause = died != null ? died : new IllegalStateException("the scan ended without a report");
            batch.forEach(f -> f.completeExceptionally(cause));
        }
    }

    private void scanAndAnswer(List<CompletableFuture<ScanReport>> batch) {
        ScanReport report;
        try {
            report = scanner.scan();
        } catch (Exception e) {
            LOG.errorf(e, "scan failed; retrying at the next trigger");
            fireQuietly(() -> failed.fire(new ScanFailed(Instant.now(), e)));
            batch.forEach(f -> f.completeExceptionally(e));
            return;
        } catch (Error e) {
            batch.forEach(f -> f.completeExceptionally(e));
            fireQuietly(() -> failed.fire(new ScanFailed(Instant.now(), new IllegalStateException(e.toString(), e))));
            throw e;
        }
        // Watch first: a change made after this scan read its files must trigger the next one.
        rewatch(report);
        latest = report;
        fireQuietly(() -> completed.fire(new ScanCompleted(report)));
        batch.forEach(f -> f.complete(report));
    }

    /** An observer's bug must not stop scanning, nor keep the other callers waiting. */
    private static void fireQuietly(Runnable fire) {
        try {
            fire.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "a scan observer failed");
        }
    }

    /**
     * Watches exactly the host paths the scan read, at most {@value #MAX_WATCHED_PATHS} of them: a
     * hostile tree (thousands of drop-in directories) must not make the watcher register without
     * end; the periodic scan covers the rest.
     */
    private void rewatch(ScanReport report) {
        if (watcher == null) {
            return;
        }
        if (report.pathsRead().size() > MAX_WATCHED_PATHS) {
            LOG.warnf("the scan read %d host paths; watching the first %d", report.pathsRead().size(), MAX_WATCHED_PATHS);
        }
        try {
            watcher.watch(report.pathsRead().stream().limit(MAX_WATCHED_PATHS).map(host::resolve)
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "cannot update the file watches");
        }
    }

    private static long randomNanos(long bound) {
        return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
    }
}
