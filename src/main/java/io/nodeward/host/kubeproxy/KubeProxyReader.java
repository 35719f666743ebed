package io.nodeward.host.kubeproxy;

import io.nodeward.host.proc.Component;
import io.nodeward.host.Fact;
import io.nodeward.host.FactParseException;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.componentconfig.ComponentConfigDecoder;
import io.nodeward.host.componentconfig.ConfigRefused;
import io.nodeward.host.componentconfig.DecodedConfig;
import io.nodeward.host.embedded.EmbeddedArgs;
import io.nodeward.host.kubelet.ConfigFiles;
import io.nodeward.host.proc.CommandLineFlags;
import io.nodeward.host.proc.ProcCwd;
import io.nodeward.host.proc.ProcessPaths;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads kube-proxy's {@code /proc/<pid>/cmdline} and the {@code --config} file it names into
 * {@code kube-proxy.*} facts: every flag by its camel-case name, and the effective
 * {@code kube-proxy.kubeconfig} and {@code kube-proxy.metricsBindAddress}, which with {@code --config}
 * come from the file alone, as kube-proxy takes them. The file is read where it is on the host: a
 * relative path against {@code /proc/<pid>/cwd}, and for a kube-proxy in a pod (kubeadm's DaemonSet)
 * through its mounts, in the kubelet's pod volume directory ({@link ProcessPaths}). Needs the
 * {@code process.kube-proxy} fact of {@link ProcessReader}, which runs first.
 */
public final class KubeProxyReader implements FactReader {

    public static final String METRICS_BIND_ADDRESS = "kube-proxy.metricsBindAddress";
    static final String DEFAULT_METRICS_BIND_ADDRESS = "127.0.0.1:10249";
    static final String NOT_RUNNING = "kube-proxy is not running";

    /** Keys reported even when unset, so a benchmark naming them sees "absent" with a reason. */
    private static final String CONFIG = "kube-proxy.config";
    private static final String KUBECONFIG = "kube-proxy.kubeconfig";
    private static final List<String> REPORTED = List.of("kube-proxy.kubeconfig", CONFIG, METRICS_BIND_ADDRESS);

    /**
     * {@code kube-proxy.<flag>} for the flags kube-proxy has ({@link KubeProxyFlags}), by camel-case
     * name; {@code config}, {@code kubeconfig} and {@code metricsBindAddress} among them. A flag
     * kube-proxy does not know is not reported: kube-proxy would not have started with it.
     */
    public static final KeySpace KEYS = KeySpace.of(KeyPattern.Family.of(KeyPattern.Segment.literal("kube-proxy"),
            KeyPattern.Segment.oneOf(KubeProxyFlags.CAMEL_CASE)));

    private static final Set<String> BOOLEAN_FLAGS = Set.of("masquerade-all", "cleanup", "profiling",
            "bind-address-hard-fail", "init-only", "logtostderr", "alsologtostderr", "version", "help", "h");

    @Override
    public String name() {
        return "kube-proxy";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        return switch (Component.of(host.processes(), known.get(ProcessReader.key("kube-proxy")), "kube-proxy")) {
            case Component.Running running -> read(host, running.entry(),
                    CommandLineFlags.parse(running.process().args(), BOOLEAN_FLAGS));
            case Component.Embedded embedded -> switch (EmbeddedArgs.kubeProxy(host, embedded)) {
                case EmbeddedArgs.Found found -> read(host, embedded.entry(),
                        found.args().parse(BOOLEAN_FLAGS, CommandLineFlags.ACCUMULATING));
                case EmbeddedArgs.Failed failed -> REPORTED.stream().map(k -> Fact.error(k, failed.reason())).toList();
                case EmbeddedArgs.Disabled disabled -> REPORTED.stream().map(k -> Fact.absent(k, disabled.reason())).toList();
            };
            case Component.Stopped stopped -> notRunning();
            case Component.Unknown unknown -> REPORTED.stream().map(k -> Fact.error(k, unknown.reason())).toList();
        };
    }

    @Override
    public Optional<String> component(String key) {
        return Optional.of("kube-proxy");
    }

    /** The facts of the kube-proxy with these flags, running in {@code process} (its own or k3s's / kubelite's). */
    private List<Fact> read(HostScan host, ProcessSnapshot.Entry process, CommandLineFlags parsed) {
        CommandLineFlags flags = parsed;
        ConfigFile file = null;
        Optional<String> config = flags.get("config").filter(c -> !c.isEmpty());
        if (config.isPresent()) {
            try {
                // kube-proxy opens a relative --config against its working directory
                String path = ProcCwd.absolute(process, "--config", config.get());
                flags = flags.with("config", path);
                file = readConfig(host, process, path);
            } catch (ProcCwd.Unresolved e) {
                file = new Unreadable(e.getMessage(), true);
            }
        }
        List<Fact> facts = new ArrayList<>();
        CommandLineFlags resolved = flags;
        resolved.values().forEach((flag, value) -> {
            String key = "kube-proxy." + CommandLineFlags.camelCase(flag);
            if (KEYS.contains(key) && !key.equals(METRICS_BIND_ADDRESS) && !key.equals(KUBECONFIG)) {
                facts.add(Fact.present(key, value, resolved.source(flag)));
            }
        });
        if (facts.stream().noneMatch(f -> f.key().equals(CONFIG))) {
            facts.add(Fact.absent(CONFIG, "not set"));
        }
        if (file instanceof Unreadable unreadable && unreadable.configPathUnknown()) {
            facts.replaceAll(f -> f.key().equals(CONFIG) ? Fact.error(CONFIG, unreadable.reason()) : f);
        }
        facts.add(kubeconfig(process, flags, file));
        facts.add(metricsBindAddress(flags, file));
        return facts;
    }

    /** What kube-proxy's {@code --config} file turned out to be. */
    private sealed interface ConfigFile {
    }

    /** @param source {@code config file <path>}, with {@code , host path <path>} when kube-proxy's path is another */
    private record Decoded(DecodedConfig decoded, String source) implements ConfigFile {

        Optional<Object> get(String... path) {
            Object value = decoded.document();
            for (String field : path) {
                value = value instanceof Map<?, ?> map ? map.get(field) : null;
            }
            return Optional.ofNullable(value);
        }

        String sourceOf(String path) {
            String note = decoded.noteFor(path);
            return note == null ? source : source + " (" + note + ")";
        }
    }

    /**
     * The file is not on the host for a reason that says so: kube-proxy runs in a pod and its config is
     * in the container's own file system, or where it is cannot be told (the reason says which).
     */
    private record InThePod(String reason) implements ConfigFile {
    }

    /** @param configPathUnknown whether even the path is unknown (a relative --config with no cwd) */
    private record Unreadable(String reason, boolean configPathUnknown) implements ConfigFile {
    }

    /**
     * kube-proxy's {@code --config}, read where it is on the host ({@link ProcessPaths}: in kubeadm's
     * DaemonSet, the ConfigMap volume in the kubelet's pod directory) and decoded as kube-proxy does.
     */
    private static ConfigFile readConfig(HostScan host, ProcessSnapshot.Entry process, String path) {
        String hostPath;
        switch (ProcessPaths.of(host.root(), process, "kube-proxy", path)) {
            case ProcessPaths.OnHost onHost -> hostPath = onHost.hostPath();
            case ProcessPaths.InContainer inContainer -> {
                return new InThePod(inContainer.reason());
            }
            case ProcessPaths.Unknown unknown -> {
                return process.podPath().isPresent() ? new InThePod(unknown.reason())
                        : new Unreadable(unknown.reason(), false);
            }
        }
        String source = "config file " + path + (hostPath.equals(path) ? "" : ", host path " + hostPath);
        try {
            host.read(hostPath);
            return new Decoded(ComponentConfigDecoder.decode(ConfigFiles.read(host.root(), hostPath), path,
                    KubeProxyConfigurationSchema.CONFIG_FILE), source);
        } catch (NoSuchFileException notOnTheHost) {
            return missingConfig(process, path, hostPath);
        } catch (FactParseException e) {
            return new Unreadable("kube-proxy config file " + e.getMessage(), false);
        } catch (ConfigRefused e) {
            return new Unreadable("kube-proxy config file " + path + (e.line() > 0 ? ":" + e.line() : "") + ": "
                    + e.getMessage(), false);
        }
    }

    /**
     * The kubeconfig kube-proxy loads: {@code clientConnection.kubeconfig}. {@code --kubeconfig} writes
     * that field, but with {@code --config} kube-proxy replaces its whole configuration by the file's,
     * so only the file counts then ({@code Options.Complete} in {@code cmd/kube-proxy/app/options.go}:
     * {@code o.config = c}, keeping only the logging flags and {@code --hostname-override}). Empty, kube-proxy
     * uses its in-cluster service account ({@code createClient} in {@code cmd/kube-proxy/app/server.go}).
     */
    private static Fact kubeconfig(ProcessSnapshot.Entry process, CommandLineFlags flags, ConfigFile file) {
        Optional<String> flag = flags.get("kubeconfig");
        if (file == null) {
            return flag.filter(v -> !v.isEmpty())
                    .map(v -> Fact.present(KUBECONFIG, v, flags.source("kubeconfig")))
                    .orElseGet(() -> Fact.absent(KUBECONFIG, "not set"));
        }
        String ignored = flag.isPresent() ? "; " + flags.source("kubeconfig") + " is ignored: with --config, kube-proxy"
                + " takes every setting but logging and --hostname-override from the file" : "";
        return switch (file) {
            case Decoded decoded -> {
                String value = decoded.get("clientConnection", "kubeconfig").map(String::valueOf).orElse("");
                if (value.isEmpty()) {
                    yield Fact.absent(KUBECONFIG, "no clientConnection.kubeconfig in " + decoded.source()
                            + ": kube-proxy uses its in-cluster service account" + ignored);
                }
                try {
                    yield Fact.present(KUBECONFIG, ProcCwd.absolute(process, "clientConnection.kubeconfig", value),
                            decoded.sourceOf("clientConnection.kubeconfig") + ignored);
                } catch (ProcCwd.Unresolved e) {
                    yield Fact.error(KUBECONFIG, e.getMessage() + " (" + decoded.source() + ")");
                }
            }
            case InThePod inThePod -> Fact.error(KUBECONFIG, "kube-proxy takes its kubeconfig from its --config"
                    + " file, which cannot be read: " + inThePod.reason());
            case Unreadable unreadable -> Fact.error(KUBECONFIG, unreadable.reason());
        };
    }

    /**
     * With {@code --config}, the file's {@code metricsBindAddress}, {@code 127.0.0.1:10249} when it is
     * empty ({@code SetDefaults_KubeProxyConfiguration}, {@code pkg/proxy/apis/config/v1alpha1/defaults.go};
     * {@code [::1]:10249} when {@code bindAddress} is IPv6); the flag is ignored then (see
     * {@link #kubeconfig}). Without, the flag, else the default. When the config file is in kube-proxy's pod
     * and cannot be read the value is unknown, not the default: absent with the reason, and the live
     * socket table ({@code port.10249.*}) decides.
     */
    private static Fact metricsBindAddress(CommandLineFlags flags, ConfigFile file) {
        Optional<String> flag = flags.get("metrics-bind-address");
        if (file == null) {
            return flag.map(v -> Fact.present(METRICS_BIND_ADDRESS, v, flags.source("metrics-bind-address")))
                    .orElseGet(() -> Fact.present(METRICS_BIND_ADDRESS, DEFAULT_METRICS_BIND_ADDRESS, "default"));
        }
        return switch (file) {
            case Decoded decoded -> {
                String value = decoded.get("metricsBindAddress").map(String::valueOf).orElse("");
                if (!value.isEmpty()) {
                    yield Fact.present(METRICS_BIND_ADDRESS, value, decoded.sourceOf("metricsBindAddress"));
                }
                boolean ipv6 = decoded.get("bindAddress").map(String::valueOf).orElse("").contains(":");
                yield Fact.present(METRICS_BIND_ADDRESS, ipv6 ? "[::1]:10249" : DEFAULT_METRICS_BIND_ADDRESS,
                        "default: no metricsBindAddress in " + decoded.source());
            }
            case InThePod inThePod -> Fact.absent(METRICS_BIND_ADDRESS, inThePod.reason()
                    + "; the live socket table decides");
            case Unreadable unreadable -> Fact.error(METRICS_BIND_ADDRESS, unreadable.reason());
        };
    }

    /**
     * A {@code --config} file that is not under the host root. If kube-proxy runs in a pod (its cgroup
     * says so) the file lives in the pod: unknown but expected to be, and the socket table decides. A
     * kube-proxy on the host (systemd) uses a file we cannot see: an ERROR, never an ABSENT that a check
     * could pass on.
     */
    private static ConfigFile missingConfig(ProcessSnapshot.Entry process, String config, String hostPath) {
        int pid = process.pid();
        if (process.podPath().isPresent()) {
            return new InThePod("kube-proxy --config " + config + " is not visible on the host"
                    + (hostPath.equals(config) ? " (it lives in the pod)" : " at " + hostPath + " (not mounted?)"));
        }
        return new Unreadable("kube-proxy --config " + config + " is not visible under the host root, and kube-proxy"
                + " runs on the host (/proc/" + pid + "/cgroup shows no pod): not mounted?", false);
    }

    private List<Fact> notRunning() {
        return REPORTED.stream().map(k -> Fact.absent(k, NOT_RUNNING)).toList();
    }
}
