package io.nodeward.host.controlplane;

import java.util.List;
import java.util.Set;

/**
 * The flags etcd accepts: {@code Config.AddFlags} in etcd-io/etcd {@code server/embed/config.go} and
 * {@code newConfig} in {@code server/etcdmain/config.go}, the union of v3.5, v3.6 (v3.6.14) and v3.7
 * (HEAD c34dc7ee), so both the {@code --experimental-*} spellings kubeadm used with etcd 3.5 and their
 * 3.6 successors count; plus {@code --feature-gates} (3.6) and {@code --help}. etcd parses them with Go's
 * {@code flag} package, which refuses any other.
 */
final class EtcdFlags {

    static final List<String> NAMES = List.of(
            "advertise-client-urls", "auth-token", "auth-token-ttl", "auto-compaction-mode",
            "auto-compaction-retention", "auto-tls", "backend-batch-interval", "backend-batch-limit",
            "backend-bbolt-freelist-type", "bcrypt-cost", "bootstrap-defrag-threshold-megabytes", "cert-file",
            "cipher-suites", "client-cert-allowed-hostname", "client-cert-auth", "client-cert-file",
            "client-crl-file", "client-key-file", "compact-hash-check-time", "compaction-batch-limit",
            "compaction-sleep-interval", "config-file", "corrupt-check-time", "cors", "data-dir", "discovery",
            "discovery-cacert", "discovery-cert", "discovery-dial-timeout", "discovery-endpoints",
            "discovery-fallback", "discovery-insecure-skip-tls-verify", "discovery-insecure-transport",
            "discovery-keepalive-time", "discovery-keepalive-timeout", "discovery-key", "discovery-password",
            "discovery-proxy", "discovery-request-timeout", "discovery-srv", "discovery-srv-name", "discovery-token",
            "discovery-user", "distributed-tracing-address", "distributed-tracing-instance-id",
            "distributed-tracing-sampling-rate", "distributed-tracing-service-name", "downgrade-check-time",
            "election-timeout", "enable-distributed-tracing", "enable-grpc-gateway", "enable-log-rotation",
            "enable-pprof", "enable-v2", "experimental-bootstrap-defrag-threshold-megabytes",
            "experimental-compact-hash-check-enabled", "experimental-compact-hash-check-time",
            "experimental-compaction-batch-limit", "experimental-compaction-sleep-interval",
            "experimental-corrupt-check-time", "experimental-distributed-tracing-address",
            "experimental-distributed-tracing-instance-id", "experimental-distributed-tracing-sampling-rate",
            "experimental-distributed-tracing-service-name", "experimental-downgrade-check-time",
            "experimental-enable-distributed-tracing", "experimental-enable-lease-checkpoint",
            "experimental-enable-lease-checkpoint-persist", "experimental-enable-v2v3",
            "experimental-initial-corrupt-check", "experimental-memory-mlock",
            "experimental-peer-skip-client-san-verification", "experimental-snapshot-catchup-entries",
            "experimental-stop-grpc-service-on-defrag", "experimental-txn-mode-write-with-shared-buffer",
            "experimental-warning-apply-duration", "experimental-warning-unary-request-duration",
            "experimental-watch-progress-notify-interval", "feature-gates", "force-new-cluster",
            "grpc-keepalive-interval", "grpc-keepalive-min-time", "grpc-keepalive-timeout", "heartbeat-interval",
            "help", "host-whitelist", "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-state",
            "initial-cluster-token", "initial-election-tick-advance", "key-file", "listen-client-http-urls",
            "listen-client-urls", "listen-metrics-urls", "listen-peer-urls", "log-format", "log-level",
            "log-outputs", "log-rotation-config-json", "logger", "max-concurrent-streams", "max-learners",
            "max-request-bytes", "max-snapshots", "max-txn-ops", "max-wals", "memory-mlock", "metrics", "name",
            "peer-auto-tls", "peer-cert-allowed-cn", "peer-cert-allowed-hostname", "peer-cert-file",
            "peer-client-cert-auth", "peer-client-cert-file", "peer-client-key-file", "peer-crl-file",
            "peer-key-file", "peer-skip-client-san-verification", "peer-trusted-ca-file", "pre-vote", "proxy",
            "proxy-dial-timeout", "proxy-failure-wait", "proxy-read-timeout", "proxy-refresh-interval",
            "proxy-write-timeout", "quota-backend-bytes", "raft-read-timeout", "raft-write-timeout",
            "self-signed-cert-validity", "snapshot-catchup-entries", "snapshot-count", "socket-reuse-address",
            "socket-reuse-port", "strict-reconfig-check", "tls-max-version", "tls-min-version", "trusted-ca-file",
            "unsafe-no-fsync", "v2-deprecation", "version", "wal-dir", "warning-apply-duration",
            "warning-unary-request-duration", "watch-progress-notify-interval");

    /** Go's {@code flag} takes {@code -x false} as "x" and a stray "false": these never take the next argument. */
    static final Set<String> BOOLEAN = Set.of("auto-tls", "client-cert-auth", "peer-auto-tls",
            "peer-client-cert-auth", "enable-pprof", "force-new-cluster", "strict-reconfig-check", "pre-vote",
            "enable-v2", "enable-grpc-gateway", "socket-reuse-address", "socket-reuse-port",
            "discovery-insecure-skip-tls-verify", "discovery-insecure-transport", "enable-log-rotation",
            "enable-distributed-tracing", "experimental-enable-distributed-tracing", "unsafe-no-fsync",
            "peer-skip-client-san-verification", "experimental-peer-skip-client-san-verification",
            "experimental-initial-corrupt-check", "experimental-compact-hash-check-enabled",
            "experimental-enable-lease-checkpoint", "experimental-enable-lease-checkpoint-persist",
            "experimental-enable-v2v3", "experimental-memory-mlock", "memory-mlock",
            "experimental-stop-grpc-service-on-defrag", "experimental-txn-mode-write-with-shared-buffer",
            "version", "help");

    private EtcdFlags() {
    }
}
