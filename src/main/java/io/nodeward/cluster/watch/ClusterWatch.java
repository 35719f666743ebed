package io.nodeward.cluster.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nodeward.cluster.ClusterObjects;
import io.nodeward.cluster.ObjectKind;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One informer per kind the auditor reads: a paged LIST at start ({@code limit}, so a large cluster is not
 * read in one response), then a WATCH from its resource version, and never a periodic relist (resync 0).
 * The informers' caches are the auditor's only view of the cluster; every add, update or delete calls
 * {@code onChange}. A kind whose informer has not synced (its list failed, e.g. 403) is unreadable in
 * {@link #snapshot()}, with the last error: checks on it are ERROR, never judged on an empty cache.
 */
public final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

    private final KubernetesClient client;
    private final long listLimit;
    private final Runnable onChange;
    private final Map<ObjectKind, SharedIndexInformer<? extends HasMetadata>> informers = new EnumMap<>(ObjectKind.class);
    private final Map<ObjectKind, String> lastError = new ConcurrentHashMap<>();

    public ClusterWatch(KubernetesClient client, long listLimit, Runnable onChange) {
        this.client = client;
        this.listLimit = listLimit;
        this.onChange = onChange;
    }

    /** Starts every informer; the future completes once all have synced (it never fails: errors are retried). */
    public synchronized CompletableFuture<Void> start() {
        CompletableFuture<?>[] synced = new CompletableFuture<?>[ObjectKind.values().length];
        int i = 0;
        for (ObjectKind kind : ObjectKind.values()) {
            SharedIndexInformer<? extends HasMetadata> informer = informer(kind);
            informers.put(kind, informer);
            synced[i++] = informer.start().toCompletableFuture();
        }
        return CompletableFuture.allOf(synced);
    }

    private SharedIndexInformer<? extends HasMetadata> informer(ObjectKind kind) {
        SharedIndexInformer<? extends HasMetadata> informer = source(kind).withLimit(listLimit).runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            String reason = reason(error);
            lastError.put(kind, reason);
            LOG.warnf("reading %s: %s; retrying", kind.resource(), reason);
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<HasMetadata>() {
            @Override
            public void onAdd(HasMetadata object) {
                onChange.run();
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                onChange.run();
            }

            @Override
            public void onDelete(HasMetadata object, boolean finalStateUnknown) {
                onChange.run();
            }
        });
        return informer;
    }

    /** The list/watch of {@code kind} in every namespace. */
    private Informable<? extends HasMetadata> source(ObjectKind kind) {
        return switch (kind) {
            case NAMESPACE -> client.namespaces();
            case ROLE -> client.rbac().roles().inAnyNamespace();
            case CLUSTER_ROLE -> client.rbac().clusterRoles();
            case ROLE_BINDING -> client.rbac().roleBindings().inAnyNamespace();
            case CLUSTER_ROLE_BINDING -> client.rbac().clusterRoleBindings();
            case NETWORK_POLICY -> client.network().v1().networkPolicies().inAnyNamespace();
            case RESOURCE_QUOTA -> client.resourceQuotas().inAnyNamespace();
            case LIMIT_RANGE -> client.limitRanges().inAnyNamespace();
            case SERVICE_ACCOUNT -> client.serviceAccounts().inAnyNamespace();
            case POD -> client.pods().inAnyNamespace();
        };
    }

    /** The caches as they are now; a kind not synced yet is unreadable, with its last error. */
    public synchronized ClusterObjects snapshot() {
        ClusterObjects.Builder builder = ClusterObjects.builder();
        for (ObjectKind kind : ObjectKind.values()) {
            SharedIndexInformer<? extends HasMetadata> informer = informers.get(kind);
            if (informer != null && informer.hasSynced()) {
                builder.put(kind, informer.getStore().list());
            } else {
                builder.unreadable(kind, informer == null ? "not watched" : lastError.getOrDefault(kind, "not listed yet"));
            }
        }
        return builder.build();
    }

    /** Whether every informer has synced. */
    public synchronized boolean synced() {
        return informers.size() == ObjectKind.values().length && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }

    /** An API error as one line: {@code 403 Forbidden: ...} rather than the client's stack of causes. */
    static String reason(Throwable error) {
        if (error instanceof KubernetesClientException e && e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            return "HTTP " + e.getCode() + ": " + message;
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
