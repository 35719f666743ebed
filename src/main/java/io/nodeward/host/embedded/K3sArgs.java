package io.nodeward.host.embedded;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The arguments k3s gives the kubelet and kube-proxy it runs in its own process ({@code k3s server},
 * {@code k3s agent}): its defaults, then the {@code kubelet-arg} / {@code kube-proxy-arg} values of
 * its config file ({@link K3sConfig}) and of its command line, in that order (k3s puts the config
 * file's flags before the command line's: {@code Parser.Parse} in {@code pkg/configfilearg/parser.go}).
 */
final class K3sArgs {

    static final String DEFAULT_SOURCE = "k3s default (pkg/daemons/agent)";
    /** {@code pkg/cli/cmds/config.go}: {@code --config, -c}, default {@code /etc/rancher/k3s/config.yaml}. */
    static final String DEFAULT_CONFIG = "/etc/rancher/k3s/config.yaml";
    /** {@code pkg/cli/cmds/server.go}/{@code agent.go}: {@code --data-dir, -d}, default for root. */
    static final String DEFAULT_DATA_DIR = "/var/lib/rancher/k3s";

    /** k3s's boolean flags among those that matter here: they take no separate value (urfave/cli). */
    private static final Set<String> BOOLEANS = Set.of("disable-kube-proxy", "disable-agent", "with-node-id",
            "cluster-init", "debug", "rootless", "docker", "prefer-bundled-bin", "selinux", "disable-apiserver",
            "disable-scheduler", "disable-controller-manager", "disable-etcd", "secrets-encryption",
            "disable-cloud-controller");

    static final String CONTROL_DEFAULT = "k3s default (pkg/daemons/control/server.go)";

    private record Value(String value, String source) {
    }

    private final Map<String, List<Value>> flags; // k3s flag (long name) -> occurrences, config file first
    private final String failure;
    private final HostScan host;
    private final String command;

    private K3sArgs(Map<String, List<Value>> flags, String failure, HostScan host, String command) {
        this.flags = flags;
        this.failure = failure;
        this.host = host;
        this.command = command;
    }

    /** Reads k3s's command line and config files for the process {@code k3s}. */
    static K3sArgs read(HostScan host, ProcessSnapshot.Entry k3s) {
        List<String> argv = k3s.argv();
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        int from = program.equals("k3s") ? 2 : 1;
        String command = program.equals("k3s") ? argv.get(1) : program.substring("k3s-".length());
        String cmdline = "/proc/" + k3s.pid() + "/cmdline";
        Map<String, List<Value>> fromArgv = parseArgv(argv.subList(from, argv.size()), cmdline);
        String config = last(fromArgv, "config").orElse(DEFAULT_CONFIG);
        Map<String, List<Value>> flags = new LinkedHashMap<>();
        String failure = null;
        try {
            for (K3sConfig.Entry entry : K3sConfig.read(host, config)) {
                flags.computeIfAbsent(entry.name(), n -> new ArrayList<>())
                        .add(new Value(entry.value(), "k3s config " + entry.file() + ": " + entry.name()));
            }
        } catch (IOException e) {
            failure = "k3s config " + e.getMessage();
        }
        fromArgv.forEach((name, values) -> flags.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        return new K3sArgs(flags, failure, host, command);
    }

    /** The kubelet's arguments: {@code kubeletArgsAndConfig} in {@code pkg/daemons/agent/agent_linux.go}. */
    EmbeddedArgs kubelet() {
        if (failure != null) {
            return new EmbeddedArgs.Failed(failure);
        }
        Optional<EmbeddedArgs> noAgent = disabled("disable-agent", "kubelet");
        if (noAgent.isPresent()) {
            return noAgent.get();
        }
        String agent = dataDir() + "/agent";
        Map<String, Value> defaults = new LinkedHashMap<>();
        defaults.put("config-dir", new Value(agent + "/etc/kubelet.conf.d", DEFAULT_SOURCE));
        defaults.put("kubeconfig", new Value(agent + "/kubelet.kubeconfig", DEFAULT_SOURCE));
        // set on the command line because a 0 in the config file is omitted when marshalled (k3s#12164)
        defaults.put("read-only-port", new Value("0", DEFAULT_SOURCE));
        defaults.put("hostname-override", nodeName());
        // --kubelet-arg=config=F / config-dir=D are not passed on: extractConfigArgs (pkg/daemons/agent/agent.go)
        // copies them into the config-dir as 10-cli-config.conf and 20-cli-config-dir/, read from there
        List<Value> extra = flags.getOrDefault("kubelet-arg", List.of()).stream()
                .filter(v -> !Set.of("config", "config-dir").contains(argName(v.value()))).toList();
        return new EmbeddedArgs.Found(getArgs(defaults, extra));
    }

    /** kube-proxy's arguments: {@code kubeProxyArgs} in {@code pkg/daemons/agent/agent_linux.go}. */
    EmbeddedArgs kubeProxy() {
        if (failure != null) {
            return new EmbeddedArgs.Failed(failure);
        }
        Optional<EmbeddedArgs> disabled = disabled("disable-agent", "kube-proxy")
                .or(() -> disabled("disable-kube-proxy", "kube-proxy"));
        if (disabled.isPresent()) {
            return disabled.get();
        }
        Map<String, Value> defaults = new LinkedHashMap<>();
        defaults.put("proxy-mode", new Value("iptables", DEFAULT_SOURCE));
        defaults.put("healthz-bind-address", new Value("127.0.0.1", DEFAULT_SOURCE));
        defaults.put("kubeconfig", new Value(dataDir() + "/agent/kubeproxy.kubeconfig", DEFAULT_SOURCE));
        defaults.put("conntrack-max-per-core", new Value("0", DEFAULT_SOURCE));
        defaults.put("conntrack-tcp-timeout-established", new Value("0s", DEFAULT_SOURCE));
        defaults.put("conntrack-tcp-timeout-close-wait", new Value("0s", DEFAULT_SOURCE));
        defaults.put("hostname-override", nodeName());
        return new EmbeddedArgs.Found(getArgs(defaults, flags.getOrDefault("kube-proxy-arg", List.of())));
    }

    /**
     * The arguments {@code k3s server} gives an embedded control-plane component: {@code apiServer()},
     * {@code controllerManager()} and {@code scheduler()} in k3s {@code pkg/daemons/control/server.go}
     * (defaults merged with {@code kube-apiserver-arg}, {@code kube-controller-manager-arg},
     * {@code kube-scheduler-arg} by {@code util.GetArgs}), with the server's data directory
     * {@code <data-dir>/server} and the certificate paths of {@code deps.CreateRuntimeCertFiles}
     * ({@code pkg/daemons/control/deps/deps.go}). Its etcd is {@link #etcd}.
     */
    EmbeddedArgs controlPlane(String component) {
        if (failure != null) {
            return new EmbeddedArgs.Failed(failure);
        }
        if (!command.equals("server")) {
            return new EmbeddedArgs.Disabled("k3s " + command + " runs no control plane");
        }
        String server = dataDir() + "/server";
        String tls = server + "/tls/";
        Map<String, Value> d = new LinkedHashMap<>();
        switch (component) {
            case "kube-apiserver" -> {
                Optional<EmbeddedArgs> off = disabled("disable-apiserver", component);
                if (off.isPresent()) {
                    return off.get();
                }
                List<Value> extra = flags.getOrDefault("kube-apiserver-arg", List.of());
                put(d, "storage-backend", "etcd3");
                etcdEndpoint().ifPresent(endpoint -> {
                    // pkg/etcd/etcd.go startClient: the embedded etcd's endpoint and client certificate
                    put(d, "etcd-servers", endpoint);
                    put(d, "etcd-cafile", tls + "etcd/server-ca.crt");
                    put(d, "etcd-certfile", tls + "etcd/client.crt");
                    put(d, "etcd-keyfile", tls + "etcd/client.key");
                });
                put(d, "cert-dir", tls + "temporary-certs");
                put(d, "allow-privileged", "true");
                put(d, "enable-bootstrap-token-auth", "true");
                if (extra.stream().noneMatch(v -> argName(v.value()).equals("authorization-config"))) {
                    put(d, "authorization-mode", "Node,RBAC");
                }
                if (extra.stream().noneMatch(v -> argName(v.value()).equals("authentication-config"))) {
                    put(d, "anonymous-auth", "false");
                }
                // defaults(): APIServerPort = HTTPSPort + 1 (--https-listen-port, default 6443); bind-address is
                // cfg.Loopback(false) unless APIServerBindAddress is set, which nodeward does not model
                Optional<Value> https = lastValue("https-listen-port");
                if (https.isPresent() && !https.get().value().matches("\\d{1,5}")) {
                    return new EmbeddedArgs.Failed("k3s refuses --https-listen-port " + https.get().value() + " ("
                            + https.get().source() + "): not a port number");
                }
                put(d, "secure-port", https.map(v -> String.valueOf(Integer.parseInt(v.value()) + 1)).orElse("6444"));
                put(d, "bind-address", "127.0.0.1");
                put(d, "tls-cert-file", tls + "serving-kube-apiserver.crt");
                put(d, "tls-private-key-file", tls + "serving-kube-apiserver.key");
                put(d, "service-account-key-file", tls + "service.key");
                put(d, "kubelet-certificate-authority", tls + "server-ca.crt");
                put(d, "kubelet-client-certificate", tls + "client-kube-apiserver.crt");
                put(d, "kubelet-client-key", tls + "client-kube-apiserver.key");
                put(d, "requestheader-client-ca-file", tls + "request-header-ca.crt");
                put(d, "proxy-client-cert-file", tls + "client-auth-proxy.crt");
                put(d, "proxy-client-key-file", tls + "client-auth-proxy.key");
                put(d, "client-ca-file", tls + "client-ca.crt");
                put(d, "enable-admission-plugins", "NodeRestriction");
                put(d, "profiling", "false");
                if (lastValue("secrets-encryption").filter(v -> !v.value().equals("false")).isPresent()) {
                    put(d, "encryption-provider-config", server + "/cred/encryption-config.json");
                    put(d, "encryption-provider-config-automatic-reload", "true");
                }
                return new EmbeddedArgs.Found(getArgs(d, extra));
            }
            case "kube-controller-manager" -> {
                Optional<EmbeddedArgs> off = disabled("disable-controller-manager", component);
                if (off.isPresent()) {
                    return off.get();
                }
                put(d, "kubeconfig", server + "/cred/controller.kubeconfig");
                put(d, "authorization-kubeconfig", server + "/cred/controller.kubeconfig");
                put(d, "authentication-kubeconfig", server + "/cred/controller.kubeconfig");
                put(d, "service-account-private-key-file", tls + "service.current.key");
                put(d, "allocate-node-cidrs", "true");
                put(d, "root-ca-file", tls + "server-ca.crt");
                put(d, "profiling", "false");
                put(d, "bind-address", "127.0.0.1");
                put(d, "secure-port", "10257");
                put(d, "use-service-account-credentials", "true");
                return new EmbeddedArgs.Found(getArgs(d, flags.getOrDefault("kube-controller-manager-arg", List.of())));
            }
            case "kube-scheduler" -> {
                Optional<EmbeddedArgs> off = disabled("disable-scheduler", component);
                if (off.isPresent()) {
                    return off.get();
                }
                put(d, "kubeconfig", server + "/cred/scheduler.kubeconfig");
                put(d, "authorization-kubeconfig", server + "/cred/scheduler.kubeconfig");
                put(d, "authentication-kubeconfig", server + "/cred/scheduler.kubeconfig");
                put(d, "bind-address", "127.0.0.1");
                put(d, "secure-port", "10259");
                put(d, "profiling", "false");
                return new EmbeddedArgs.Found(getArgs(d, flags.getOrDefault("kube-scheduler-arg", List.of())));
            }
            case "etcd" -> {
                return etcd();
            }
            default -> throw new IllegalArgumentException("not a k3s control-plane component: " + component);
        }
    }

    /**
     * k3s's embedded etcd, which runs only when k3s manages its datastore: no {@code datastore-endpoint}
     * and {@code cluster-init}, a {@code server} to join, or etcd data already there ({@code IsInitialized}
     * in k3s {@code pkg/etcd/etcd.go}: the WAL directory {@code <data-dir>/server/db/etcd/member/wal});
     * otherwise k3s stores its data through kine (SQLite by default) and there is no etcd. etcd then
     * reads what k3s wrote ({@code ETCDConfig.ToConfigFile}, pkg/daemons/executor/executor.go, with the
     * {@code etcd-arg}s merged in) through {@code embed.ConfigFromFile}: the arguments are that
     * {@code --config-file}.
     */
    EmbeddedArgs etcd() {
        Optional<EmbeddedArgs> off = disabled("disable-etcd", "etcd");
        if (off.isPresent()) {
            return off.get();
        }
        Optional<Value> endpoint = lastValue("datastore-endpoint").filter(v -> !v.value().isEmpty());
        if (endpoint.isPresent()) {
            return new EmbeddedArgs.Disabled("k3s uses the datastore at --datastore-endpoint (" + endpoint.get().source()
                    + "), not an etcd of its own on this node");
        }
        String db = dataDir() + "/server/db/etcd";
        Optional<Value> clusterInit = lastValue("cluster-init").filter(v -> !v.value().equals("false"));
        Optional<Value> join = lastValue("server").filter(v -> !v.value().isEmpty());
        host.read(db + "/member/wal");
        boolean initialized;
        try {
            initialized = java.nio.file.Files.isDirectory(io.nodeward.host.HostLinks.follow(host.root(), db + "/member/wal"));
        } catch (IOException e) {
            return new EmbeddedArgs.Failed("whether k3s runs etcd depends on " + db + "/member/wal: " + e.getMessage());
        }
        if (clusterInit.isEmpty() && join.isEmpty() && !initialized) {
            return new EmbeddedArgs.Disabled("k3s stores its data in SQLite through kine (no --cluster-init, no"
                    + " --server to join, no etcd data in " + db + "): no etcd runs on this node");
        }
        String why = clusterInit.map(Value::source).or(() -> join.map(Value::source))
                .orElse("etcd data in " + db + "/member/wal");
        return new EmbeddedArgs.Found(new SourcedArgs().flag("config-file", db + "/config",
                "k3s embedded etcd (" + why + "): the config k3s writes for it (pkg/daemons/executor ToConfigFile)"));
    }

    /** The embedded etcd's client URL, when k3s runs one ({@code getEndpoints}: the loopback client URL). */
    private Optional<String> etcdEndpoint() {
        return etcd() instanceof EmbeddedArgs.Found ? Optional.of("https://127.0.0.1:2379") : Optional.empty();
    }

    private static void put(Map<String, Value> defaults, String name, String value) {
        defaults.put(name, new Value(value, CONTROL_DEFAULT));
    }

    /**
     * {@code GetArgs} in k3s {@code pkg/util/args.go}: each extra {@code name=value} replaces the
     * default ({@code name+=value} appends to it, {@code name-=value} prepends); repeated extras are
     * all kept in order, and the component's flag parser takes the last (or accumulates a list).
     */
    private static SourcedArgs getArgs(Map<String, Value> defaults, List<Value> extras) {
        Map<String, Value> initial = new LinkedHashMap<>(defaults);
        Map<String, List<Value>> multi = new TreeMap<>(); // GetArgs sorts by name
        for (Value extra : extras) {
            String trimmed = extra.value().startsWith("--") ? extra.value().substring(2) : extra.value();
            int eq = trimmed.indexOf('=');
            String arg = eq < 0 ? trimmed : trimmed.substring(0, eq);
            Value value = new Value(eq < 0 ? "true" : trimmed.substring(eq + 1), extra.source());
            String cleaned = arg.replaceAll("[-+]+$", "");
            Value initialValue = initial.remove(cleaned);
            List<Value> existing = multi.getOrDefault(cleaned, List.of());
            List<Value> values = new ArrayList<>();
            if (arg.endsWith("+")) {
                if (initialValue != null) {
                    values.add(initialValue);
                }
                values.addAll(existing);
                values.add(value);
            } else if (arg.endsWith("-")) {
                values.add(value);
                if (initialValue != null) {
                    values.add(initialValue);
                }
                values.addAll(existing);
            } else {
                values.addAll(existing);
                values.add(value);
            }
            multi.put(cleaned, values);
        }
        initial.forEach((name, value) -> multi.put(name, List.of(value)));
        SourcedArgs args = new SourcedArgs();
        multi.forEach((name, values) -> values.forEach(v -> args.flag(name, v.value(), v.source())));
        return args;
    }

    /**
     * {@code Disabled} when the boolean k3s flag {@code flag} is set: {@code disable-agent} (a server
     * without kubelet or kube-proxy, {@code pkg/cli/cmds/server.go}), {@code disable-kube-proxy}. Only
     * a server reads them; an agent gets its server's {@code disable-kube-proxy}, which it cannot see.
     */
    private Optional<EmbeddedArgs> disabled(String flag, String component) {
        return lastValue(flag).filter(v -> !v.value().equals("false"))
                .map(v -> new EmbeddedArgs.Disabled(component + " is disabled (" + v.source() + ")"));
    }

    private String dataDir() {
        return lastValue("data-dir").map(Value::value).orElse(DEFAULT_DATA_DIR);
    }

    /**
     * The node name, which k3s always passes as {@code hostname-override}: {@code node-name}, else the
     * host name, lower-cased ({@code GetHostnameAndIPs} in {@code pkg/util/net.go}).
     */
    private Value nodeName() {
        Optional<Value> named = lastValue("node-name");
        if (named.isPresent()) {
            return named.get();
        }
        String hostname = "<the node's host name>";
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                byte[] bytes = file.startsWith("/proc/")
                        ? BoundedFiles.readProc(host.root(), file.substring("/proc/".length()), 256)
                        : BoundedFiles.readHost(host.root(), file, 256);
                String text = new String(bytes, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) {
                    hostname = text.toLowerCase(Locale.ROOT);
                    break;
                }
            } catch (IOException e) {
                // try the next place
            }
        }
        return new Value(hostname, DEFAULT_SOURCE + ": the node name");
    }

    private Optional<Value> lastValue(String name) {
        List<Value> values = flags.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    private static Optional<String> last(Map<String, List<Value>> flags, String name) {
        List<Value> values = flags.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1).value());
    }

    private static String argName(String arg) {
        String trimmed = arg.startsWith("--") ? arg.substring(2) : arg;
        int eq = trimmed.indexOf('=');
        return eq < 0 ? trimmed : trimmed.substring(0, eq);
    }

    /**
     * k3s's own flags, the way urfave/cli (Go's flag package) reads them: {@code -x} or {@code --x},
     * {@code =value} or the next argument; the short names {@code -c} (config) and {@code -d} (data-dir).
     */
    private static Map<String, List<Value>> parseArgv(List<String> args, String cmdline) {
        Map<String, List<Value>> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                continue;
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (BOOLEANS.contains(name) || i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                value = "true";
            } else {
                value = args.get(++i);
            }
            name = switch (name) {
                case "c" -> "config";
                case "d" -> "data-dir";
                default -> name;
            };
            out.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(new Value(value, "k3s --" + name + " on " + cmdline));
        }
        return out;
    }

    String command() {
        return command;
    }
}
