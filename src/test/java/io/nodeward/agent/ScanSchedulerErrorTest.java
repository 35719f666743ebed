package io.nodeward.agent;

import io.nodeward.host.HostRoot;

import io.nodeward.NodewardConfig;
import io.nodeward.scan.NodeScanner;
import io.nodeward.scan.ScanCompleted;
import io.nodeward.scan.ScanFailed;
import io.nodeward.scan.ScanReport;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan that throws an {@link Error} (out of memory...) ends the scan thread: nobody may be left
 * waiting for a scan, and liveness must see the thread gone. Plain: the scheduler built by hand.
 */
class ScanSchedulerErrorTest {

    /** Generous bounds: other builds share the CPU. */
    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch scanning = new CountDownLatch(1);
    private final CountDownLatch throwNow = new CountDownLatch(1);
    private final List<ScanFailed> failures = new CopyOnWriteArrayList<>();

    /** The first scan waits for the test, then throws OutOfMemoryError. */
    private final NodeScanner scanner = new NodeScanner() {
        @Override
        public ScanReport scan() {
            scanning.countDown();
            try {
                throwNow.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new OutOfMemoryError("scripted: Java heap space");
        }
    };

    private final ScanScheduler scheduler = new ScanScheduler(scanner, config(), HostRoot.of(Path.of("/")), new Fired<>(e -> { }),
            new Fired<>(failures::add));

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void anErrorInAScanCompletesEveryWaitingCallerAndLivenessSeesTheThreadGone() throws Exception {
        scheduler.start();
        assertTrue(scanning.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first scan did not start");
        CompletableFuture<ScanReport> waitingForTheNextScan = scheduler.scanNow();
        assertTrue(scheduler.isAlive());

        throwNow.countDown();

        ExecutionException error = assertThrows(ExecutionException.class,
                () -> waitingForTheNextScan.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("the scan scheduler is not running", error.getCause().getMessage());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (scheduler.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(scheduler.isAlive(), "liveness must fail once the scan thread has died");
        assertEquals(1, failures.size());
        assertInstanceOf(OutOfMemoryError.class, failures.get(0).error().getCause());
        ExecutionException later = assertThrows(ExecutionException.class,
                () -> scheduler.scanNow().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, later.getCause());
    }

    /** Scans on start (within the start jitter) and then only when asked; no file watching. */
    static NodewardConfig config() {
        NodewardConfig.Scan scan = new NodewardConfig.Scan() {
            public Duration interval() {
                return Duration.ofHours(1);
            }

            public double jitter() {
                return 0;
            }

            public Duration debounce() {
                return Duration.ofMillis(200);
            }

            public boolean watch() {
                return false;
            }
        };
        return (NodewardConfig) Proxy.newProxyInstance(NodewardConfig.class.getClassLoader(),
                new Class<?>[] {NodewardConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scan")) {
                        return scan;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A CDI event that hands what is fired to a consumer. */
    record Fired<T>(java.util.function.Consumer<T> consumer) implements Event<T> {
        @Override
        public void fire(T event) {
            consumer.accept(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
