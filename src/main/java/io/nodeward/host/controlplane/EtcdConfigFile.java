package io.nodeward.host.controlplane;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.IoErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * etcd's {@code --config-file}, read as etcd 3.5 and 3.6 read it: {@code server/etcdmain/config.go}
 * {@code configFromFile} calls {@code embed.ConfigFromFile} ({@code server/embed/config.go}, v3.6.14, the
 * version RKE2 ships), which {@code sigs.k8s.io/yaml.Unmarshal}s the file into {@code configYAML} (the
 * {@code Config} struct plus {@code configJSON}) on top of {@code NewConfig()}'s defaults, then parses the
 * URL lists ({@code types.NewURLs}, which exits on a bad one) and calls {@code Validate}. So, as there:
 * <ul>
 *   <li>the YAML is converted to JSON and decoded with Go's {@code encoding/json}: unknown keys are
 *       ignored, keys match fields case-insensitively, a repeated key's last value wins, {@code null}
 *       leaves the default, and a value of the wrong JSON type is an error (a quoted {@code "true"} for a
 *       boolean, {@code "5s"} for a duration, which is a number of nanoseconds there); a number or
 *       boolean for a string field becomes its text (sigs.k8s.io/yaml converts towards the target);</li>
 *   <li>TLS comes only from the {@code client-transport-security} and {@code peer-transport-security}
 *       blocks ({@code copySecurityDetails}): a top-level {@code cert-file} or {@code client-cert-auth}
 *       is no field of the file and is ignored;</li>
 *   <li>{@code listen-*-urls} and the advertise URLs must parse as {@code NewURLs} requires (http,
 *       https, unix or unixs; host:port; no path), and the listen URLs must bind to an IP or
 *       {@code localhost} ({@code checkBindURLs} in {@code Validate}).</li>
 * </ul>
 * Only the fields whose JSON type is listed below are type-checked; the others are passed over, never
 * reported. A file etcd would refuse is {@link RefusedConfig} with etcd's reason.
 */
final class EtcdConfigFile {

    /** The JSON type of a {@code configYAML} field ({@code server/embed/config.go}, v3.6.14). */
    enum Type { STRING, BOOL, UINT, INT, DURATION, STRINGS, OBJECT }

    /** A setting the file gives, as the etcd flag of the same meaning. */
    record Setting(String flag, String value, String yamlPath) {
    }

    /** Top-level fields that are etcd flags too, with their JSON types. */
    private static final Map<String, Type> FIELDS = fields();

    /** The transport security blocks' fields ({@code securityConfig}) and their flags, client then peer. */
    private static final Map<String, Type> SECURITY = Map.of("cert-file", Type.STRING, "key-file", Type.STRING,
            "client-cert-file", Type.STRING, "client-key-file", Type.STRING, "client-cert-auth", Type.BOOL,
            "trusted-ca-file", Type.STRING, "auto-tls", Type.BOOL, "allowed-cn", Type.STRINGS,
            "allowed-hostname", Type.STRINGS, "skip-client-san-verification", Type.BOOL);
    private static final Map<String, String> CLIENT_FLAGS = Map.of("cert-file", "cert-file", "key-file", "key-file",
            "client-cert-file", "client-cert-file", "client-key-file", "client-key-file",
            "client-cert-auth", "client-cert-auth", "trusted-ca-file", "trusted-ca-file", "auto-tls", "auto-tls",
            "allowed-hostname", "client-cert-allowed-hostname");
    private static final Map<String, String> PEER_FLAGS = Map.of("cert-file", "peer-cert-file",
            "key-file", "peer-key-file", "client-cert-file", "peer-client-cert-file",
            "client-key-file", "peer-client-key-file", "client-cert-auth", "peer-client-cert-auth",
            "trusted-ca-file", "peer-trusted-ca-file", "auto-tls", "peer-auto-tls", "allowed-cn", "peer-cert-allowed-cn",
            "allowed-hostname", "peer-cert-allowed-hostname",
            "skip-client-san-verification", "peer-skip-client-san-verification");

    /** {@code NewURLs} runs on these (configFromFile); {@code checkBindURLs} on the listen ones. */
    private static final List<String> URL_FIELDS = List.of("listen-peer-urls", "listen-client-urls",
            "listen-client-http-urls", "initial-advertise-peer-urls", "advertise-client-urls", "listen-metrics-urls");

    private EtcdConfigFile() {
    }

    /** The settings of the file at {@code hostPath}, by flag name, in the file's order. */
    static Map<String, Setting> read(HostScan host, String hostPath) throws RefusedConfig {
        host.read(hostPath);
        byte[] bytes;
        try {
            bytes = BoundedFiles.readHost(host.root(), hostPath, BoundedFiles.MAX_BYTES);
        } catch (IOException e) {
            throw new RefusedConfig("etcd cannot read --config-file " + hostPath + ": " + IoErrors.describe(e));
        }
        return parse(hostPath, new String(bytes, StandardCharsets.UTF_8));
    }

    /** As {@link #read}, from text; pure. */
    static Map<String, Setting> parse(String name, String text) throws RefusedConfig {
        Object document;
        try {
            // YAML 1.1 scalars, as go-yaml v2 under sigs.k8s.io/yaml: yes/no are booleans; duplicates allowed
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw refused(name, (line > 0 ? "line " + line + ": " : "") + "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw refused(name, "malformed YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        if (document == null) {
            return settings; // an empty file: NewConfig()'s defaults
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw refused(name, "cannot unmarshal " + jsonType(document) + " into Go value of type embed.configYAML");
        }
        for (Map.Entry<?, ?> entry : top.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String field = key.toLowerCase(Locale.ROOT); // encoding/json matches field names case-insensitively
            Object value = entry.getValue();
            if (field.equals("client-transport-security") || field.equals("peer-transport-security")) {
                boolean peer = field.startsWith("peer");
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map<?, ?> block)) {
                    throw mismatch(name, key, value, Type.OBJECT);
                }
                for (Map.Entry<?, ?> item : block.entrySet()) {
                    String sub = String.valueOf(item.getKey());
                    Type type = SECURITY.get(sub.toLowerCase(Locale.ROOT));
                    if (type == null || item.getValue() == null) {
                        continue;
                    }
                    String text2 = check(name, key + "." + sub, item.getValue(), type);
                    String flag = (peer ? PEER_FLAGS : CLIENT_FLAGS).get(sub.toLowerCase(Locale.ROOT));
                    if (flag != null) {
                        settings.put(flag, new Setting(flag, text2, key + "." + sub));
                    }
                }
                continue;
            }
            Type type = FIELDS.get(field);
            if (type == null || value == null) {
                continue; // not a field of configYAML (or null): encoding/json passes over it
            }
            String text2 = check(name, key, value, type);
            if (URL_FIELDS.contains(field)) {
                urls(name, key, text2, field.startsWith("listen-"));
            }
            if (type != Type.OBJECT) {
                settings.put(field, new Setting(field, text2, key));
            }
        }
        return settings;
    }

    /** The value as the flag would show it; throws when encoding/json would refuse it for {@code type}. */
    private static String check(String name, String key, Object value, Type type) throws RefusedConfig {
        switch (type) {
            case STRING -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw mismatch(name, key, value, type);
                }
                return String.valueOf(value);
            }
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw mismatch(name, key, value, type);
                }
                return b.toString();
            }
            case UINT, INT, DURATION -> {
                if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
                    throw mismatch(name, key, value, type);
                }
                if (type == Type.UINT && new BigInteger(value.toString()).signum() < 0) {
                    throw mismatch(name, key, value, type);
                }
                return value.toString();
            }
            case STRINGS -> {
                if (!(value instanceof List<?> items)) {
                    throw mismatch(name, key, value, type);
                }
                StringBuilder joined = new StringBuilder();
                for (Object item : items) {
                    if (item instanceof Map<?, ?> || item instanceof List<?>) {
                        throw mismatch(name, key, value, type);
                    }
                    joined.append(joined.isEmpty() ? "" : ",").append(item);
                }
                return joined.toString();
            }
            default -> {
                if (!(value instanceof Map<?, ?>)) {
                    throw mismatch(name, key, value, type);
                }
                return "";
            }
        }
    }

    /**
     * {@code types.NewURLs} (client/pkg/types/urls.go) on the comma-separated list, and for listen URLs
     * {@code checkBindURLs} (server/embed/config.go): an IP or {@code localhost} to bind to.
     */
    private static void urls(String name, String key, String list, boolean bind) throws RefusedConfig {
        for (String raw : list.split(",", -1)) {
            String url = raw.strip();
            int colon = url.indexOf("://");
            String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "http", "https" -> {
                    String rest = url.substring(colon + 3);
                    int slash = rest.indexOf('/');
                    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
                    if (slash >= 0) {
                        throw refused(name, key + ": URL must not contain a path: " + url);
                    }
                    int portColon = hostPort.lastIndexOf(':');
                    if (portColon < 0 || hostPort.startsWith("[") && !hostPort.substring(0, portColon).endsWith("]")) {
                        throw refused(name, key + ": URL address does not have the form \"host:port\": " + url);
                    }
                    String hostName = hostPort.substring(0, portColon).replace("[", "").replace("]", "");
                    if (bind && !hostName.equals("localhost") && !isIp(hostName)) {
                        throw refused(name, key + ": expected IP in URL for binding (" + url + ")");
                    }
                }
                case "unix", "unixs" -> {
                    // a socket path: NewURLs takes it as it is
                }
                default -> throw refused(name, key + ": URL scheme must be http, https, unix, or unixs: " + url);
            }
        }
    }

    private static boolean isIp(String host) {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
    }

    private static RefusedConfig mismatch(String name, String key, Object value, Type type) {
        String goType = switch (type) {
            case STRING -> "string";
            case BOOL -> "bool";
            case UINT -> "an unsigned integer";
            case INT -> "an integer";
            case DURATION -> "time.Duration (a number of nanoseconds)";
            case STRINGS -> "[]string";
            case OBJECT -> "an object";
        };
        return refused(name, "cannot unmarshal " + jsonType(value) + " '" + value + "' into field " + key
                + " of type " + goType);
    }

    private static String jsonType(Object value) {
        if (value instanceof Map<?, ?>) {
            return "object";
        } else if (value instanceof List<?>) {
            return "array";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Number) {
            return "number";
        }
        return "string";
    }

    private static RefusedConfig refused(String name, String problem) {
        return new RefusedConfig("etcd refuses --config-file " + name + ": " + problem);
    }

    private static Map<String, Type> fields() {
        Map<String, Type> f = new LinkedHashMap<>();
        for (String s : List.of("name", "data-dir", "wal-dir", "backend-bbolt-freelist-type", "tls-min-version",
                "tls-max-version", "initial-cluster-state", "discovery-srv", "discovery-srv-name", "discovery-proxy",
                "discovery", "initial-cluster", "initial-cluster-token", "auto-compaction-mode",
                "auto-compaction-retention", "auth-token", "metrics", "listen-metrics-urls",
                "distributed-tracing-address", "experimental-distributed-tracing-address",
                "distributed-tracing-service-name", "experimental-distributed-tracing-service-name",
                "distributed-tracing-instance-id", "experimental-distributed-tracing-instance-id", "logger",
                "log-level", "log-format", "log-rotation-config-json", "v2-deprecation", "listen-peer-urls",
                "listen-client-urls", "listen-client-http-urls", "initial-advertise-peer-urls",
                "advertise-client-urls", "cors", "host-whitelist", "feature-gates")) {
            f.put(s, Type.STRING);
        }
        for (String s : List.of("initial-election-tick-advance", "strict-reconfig-check", "pre-vote",
                "experimental-initial-corrupt-check", "experimental-compact-hash-check-enabled",
                "experimental-enable-lease-checkpoint", "experimental-enable-lease-checkpoint-persist",
                "force-new-cluster", "enable-pprof", "experimental-enable-distributed-tracing",
                "enable-distributed-tracing", "experimental-peer-skip-client-san-verification", "enable-log-rotation",
                "enable-grpc-gateway", "unsafe-no-fsync", "memory-mlock", "experimental-memory-mlock",
                "experimental-txn-mode-write-with-shared-buffer", "experimental-stop-grpc-service-on-defrag")) {
            f.put(s, Type.BOOL);
        }
        for (String s : List.of("snapshot-count", "experimental-snapshot-catch-up-entries", "snapshot-catchup-entries",
                "max-snapshots", "max-wals", "heartbeat-interval", "election-timeout", "max-txn-ops",
                "max-request-bytes", "max-concurrent-streams", "self-signed-cert-validity", "bcrypt-cost",
                "auth-token-ttl", "experimental-bootstrap-defrag-threshold-megabytes",
                "bootstrap-defrag-threshold-megabytes")) {
            f.put(s, Type.UINT);
        }
        for (String s : List.of("backend-batch-limit", "quota-backend-bytes", "experimental-compaction-batch-limit",
                "compaction-batch-limit", "max-learners", "experimental-distributed-tracing-sampling-rate",
                "distributed-tracing-sampling-rate")) {
            f.put(s, Type.INT);
        }
        for (String s : List.of("backend-batch-interval", "grpc-keepalive-min-time", "grpc-keepalive-interval",
                "grpc-keepalive-timeout", "experimental-corrupt-check-time", "corrupt-check-time",
                "experimental-compact-hash-check-time", "compact-hash-check-time",
                "experimental-compaction-sleep-interval", "compaction-sleep-interval",
                "experimental-watch-progress-notify-interval", "watch-progress-notify-interval",
                "experimental-warning-apply-duration", "warning-apply-duration", "warning-unary-request-duration",
                "experimental-warning-unary-request-duration", "experimental-downgrade-check-time",
                "downgrade-check-time")) {
            f.put(s, Type.DURATION);
        }
        f.put("cipher-suites", Type.STRINGS);
        f.put("log-outputs", Type.STRINGS);
        f.put("socket-options", Type.OBJECT);
        f.put("discovery-config", Type.OBJECT);
        return Map.copyOf(f);
    }
}
