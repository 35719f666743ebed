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
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads kube-proxy's {@code /proc/<pid>/cmdline} (and the {@code --config} file it names, when the
 * host has it; a relative one against {@code /proc/<pid>/cwd}) into {@code kube-proxy.*} facts: every flag by its camel-case name, and the effective
 * {@code kube-proxy.metricsBindAddress}. Needs the {@code process.kube-proxy} fact of
 * {@link ProcessReader}, which runs first.
 */
public final class KubeProxyReader implements FactReader {

    public static final String METRICS_BIND_ADDRESS = "kube-proxy.metricsBindAddress";
    static final String DEFAULT_METRICS_BIND_ADDRESS = "127.0.0.1:10249";
    static final String NOT_RUNNING = "kube-proxy is not running";

    /** Keys reported even when unset, so a benchmark naming them sees "absent" with a reason. */
    private static final String CONFIG = "kube-proxy.config";
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
        Fact configError = null;
        Optional<String> config = flags.get("config").filter(c -> !c.isEmpty());
        if (config.isPresent()) {
            try {
                // kube-proxy opens a relative --config against its working directory
                flags = flags.with("config", ProcCwd.absolute(process, "--config", config.get()));
            } catch (ProcCwd.Unresolved e) {
                configError = Fact.error(CONFIG, e.getMessage());
            }
        }
        List<Fact> facts = new ArrayList<>();
        CommandLineFlags resolved = flags;
        resolved.values().forEach((flag, value) -> {
            String key = "kube-proxy." + CommandLineFlags.camelCase(flag);
            if (KEYS.contains(key) && !key.equals(METRICS_BIND_ADDRESS)) {
                facts.add(Fact.present(key, value, resolved.source(flag)));
            }
        });
        for (String key : REPORTED) {
            if (!key.equals(METRICS_BIND_ADDRESS) && facts.stream().noneMatch(f -> f.key().equals(key))) {
                facts.add(Fact.absent(key, "not set"));
            }
        }
        if (configError != null) {
            Fact error = configError;
            facts.replaceAll(f -> f.key().equals(CONFIG) ? error : f);
        }
        facts.add(metricsBindAddress(host, process, flags, configError));
        return facts;
    }

    /**
     * The flag, else {@code metricsBindAddress} of the {@code --config} file, else the default. On
     * kubeadm the config file is a ConfigMap mounted inside the kube-proxy pod, not on the host: then
     * the value is unknown, not the default, and absent with a reason; the live socket table
     * ({@code port.10249.*}) tells the truth.
     */
    private static Fact metricsBindAddress(HostScan host, ProcessSnapshot.Entry process, CommandLineFlags flags,
                                           Fact configError) {
        Optional<String> flag = flags.get("metrics-bind-address");
        if (flag.isPresent()) {
            return Fact.present(METRICS_BIND_ADDRESS, flag.get(), flags.source("metrics-bind-address"));
        }
        if (configError != null) {
            return Fact.error(METRICS_BIND_ADDRESS, configError.reason());
        }
        Optional<String> config = flags.get("config").filter(c -> !c.isEmpty());
        if (config.isPresent()) {
            try {
                host.read(config.get());
                DecodedConfig decoded = ComponentConfigDecoder.decode(ConfigFiles.read(host.root(), config.get()),
                        config.get(), KubeProxyConfigurationSchema.CONFIG_FILE);
                Object value = decoded.document().get("metricsBindAddress");
                if (value != null) {
                    String note = decoded.noteFor("metricsBindAddress");
                    return Fact.present(METRICS_BIND_ADDRESS, String.valueOf(value),
                            "config file " + config.get() + (note == null ? "" : " (" + note + ")"));
                }
            } catch (NoSuchFileException notOnTheHost) {
                return missingConfig(process, config.get());
            } catch (FactParseException e) {
                return Fact.error(METRICS_BIND_ADDRESS, "kube-proxy config file " + e.getMessage());
            } catch (ConfigRefused e) {
                return Fact.error(METRICS_BIND_ADDRESS, "kube-proxy config file " + config.get()
                        + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
            }
        }
        return Fact.present(METRICS_BIND_ADDRESS, DEFAULT_METRICS_BIND_ADDRESS, "default");
    }

    /**
     * A {@code --config} file that is not under the host root. If kube-proxy runs in a pod (its cgroup
     * says so, the same test the file reader uses) the file lives in the pod and the setting is unknown
     * but expected to be: ABSENT, and the socket table decides. A kube-proxy on the host (systemd) uses
     * a file we cannot see: an ERROR, never an ABSENT that a check could pass on.
     */
    private static Fact missingConfig(ProcessSnapshot.Entry process, String config) {
        int pid = process.pid();
        Optional<String> podPath = process.podPath();
        if (podPath.isPresent()) {
            return Fact.absent(METRICS_BIND_ADDRESS, "kube-proxy --config " + config
                    + " is not visible on the host (it lives in the pod); the live socket table decides");
        }
        return Fact.error(METRICS_BIND_ADDRESS, "kube-proxy --config " + config + " is not visible under the host"
                + " root, and kube-proxy runs on the host (/proc/" + pid + "/cgroup shows no pod): not mounted?");
    }

    private List<Fact> notRunning() {
        return REPORTED.stream().map(k -> Fact.absent(k, NOT_RUNNING)).toList();
    }
}
