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
            "cluster-init", "debug", "rootless", "docker", "prefer-bundled-bin", "selinux");

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
