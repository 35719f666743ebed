package io.nodeward.host.kubelet;

import io.nodeward.host.proc.Component;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.Fact;
import io.nodeward.host.FactParseException;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.embedded.EmbeddedArgs;
import io.nodeward.host.Observed;
import io.nodeward.host.componentconfig.ComponentConfigDecoder;
import io.nodeward.host.componentconfig.ConfigRefused;
import io.nodeward.host.proc.CommandLineFlags;
import io.nodeward.host.proc.ProcCwd;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the running kubelet's {@code /proc/<pid>/cmdline}, the {@code --config} file it names and
 * the {@code *.conf} drop-ins anywhere under its {@code --config-dir} into {@code kubelet.*} facts: its
 * effective configuration, each value with its source. A kubelet embedded in k3s or MicroK8s
 * kubelite has no command line of its own: its arguments come from the distribution's sources
 * ({@link EmbeddedArgs}), each with its own source, and go through the same path. Needs the
 * {@code process.kubelet} fact of {@link ProcessReader}, which runs first.
 */
public final class KubeletReader implements FactReader {

    static final String NOT_RUNNING = "kubelet is not running";

    /**
     * {@code kubelet.<field>(.<identifier>)*}, the field one of {@link KubeletFields#NAMES}. Whatever
     * else a config file or flag sets is dropped: the kubelet ignores unknown fields, and no
     * benchmark can name them.
     */
    public static final KeySpace KEYS = KeySpace.of(
            new KeyPattern.FieldPath("kubelet", KubeletFields.NAMES, KubeletKeyNesting.INSTANCE));

    @Override
    public String name() {
        return "kubelet";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        return switch (Component.of(host.processes(), known.get(ProcessReader.key("kubelet")), "kubelet")) {
            case Component.Running running -> read(host, running.entry(), CommandLineFlags.parse(
                    running.process().args(), KubeletSettings.BOOLEAN_FLAGS, KubeletSettings.ACCUMULATING_FLAGS));
            case Component.Embedded embedded -> switch (EmbeddedArgs.kubelet(host, embedded)) {
                case EmbeddedArgs.Found found -> read(host, embedded.entry(),
                        found.args().parse(KubeletSettings.BOOLEAN_FLAGS, KubeletSettings.ACCUMULATING_FLAGS));
                case EmbeddedArgs.Failed failed -> EffectiveConfig.allError(failed.reason());
                case EmbeddedArgs.Disabled disabled -> EffectiveConfig.allAbsent(disabled.reason());
            };
            case Component.Stopped stopped -> EffectiveConfig.allAbsent(NOT_RUNNING);
            case Component.Unknown unknown -> EffectiveConfig.allError(unknown.reason());
        };
    }

    @Override
    public Optional<String> component(String key) {
        return Optional.of("kubelet");
    }

    /**
     * The effective configuration of the kubelet with these flags, running in {@code process} (its
     * own, or the k3s / kubelite process that embeds it: relative paths are opened against its cwd).
     */
    private List<Fact> read(HostScan host, ProcessSnapshot.Entry process, CommandLineFlags flags) {
        HostRoot root = host.root();
        List<EffectiveConfig.Layer> layers = new ArrayList<>();
        String failure = null;
        List<Fact> pathErrors = new ArrayList<>();

        Optional<String> config = flags.get("config").filter(v -> !v.isEmpty());
        if (config.isPresent()) {
            String path = null;
            try {
                path = ProcCwd.absolute(process, "--config", config.get());
                flags = flags.with("config", path);
                host.read(path);
                layers.add(EffectiveConfig.Layer.configFile(path, ComponentConfigDecoder.decode(
                        ConfigFiles.read(root, path), path, KubeletConfigurationSchema.CONFIG_FILE)));
            } catch (ProcCwd.Unresolved e) {
                failure = e.getMessage();
                pathErrors.add(Fact.error("kubelet.config", failure));
            } catch (NoSuchFileException e) {
                failure = "kubelet config file " + e.getMessage() + ": no such file";
            } catch (FactParseException e) {
                failure = "kubelet config file " + e.getMessage();
            } catch (ConfigRefused e) {
                failure = "kubelet config file " + path + refusal(e);
            }
        }

        Optional<String> dropIns = flags.get("config-dir").filter(v -> !v.isEmpty());
        if (dropIns.isPresent()) {
            try {
                String dir = ProcCwd.absolute(process, "--config-dir", dropIns.get());
                // kubelet.configDir keeps a trailing '/' (the kubelet then follows a link at the directory
                // itself, see DropInWalk), so that the file checks walk the same files
                flags = flags.with("config-dir", dropIns.get().endsWith("/") && !dir.equals("/") ? dir + "/" : dir);
                String problem = readDropIns(host, dir, dropIns.get().endsWith("/"), layers);
                failure = failure != null ? failure : problem;
            } catch (ProcCwd.Unresolved e) {
                failure = failure != null ? failure : e.getMessage();
                pathErrors.add(Fact.error("kubelet.configDir", e.getMessage()));
            }
        }

        List<Fact> facts = new ArrayList<>(EffectiveConfig.resolve(flags, config.isPresent(), layers, failure));
        for (Fact error : pathErrors) {
            facts.replaceAll(f -> f.key().equals(error.key()) ? error : f);
        }
        facts.replaceAll(f -> absolutePaths(process, f));
        return facts;
    }

    /** {@code :<line>: <why>}, as {@link FactParseException} words a problem in a file. */
    private static String refusal(ConfigRefused e) {
        return (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage();
    }

    /**
     * KubeletConfiguration fields that hold paths: {@code KubeletConfigurationPathRefs} in
     * {@code pkg/kubelet/apis/config/helpers.go}. The kubelet's config-file loader resolves relative
     * ones against the config file's directory. Drop-ins are decoded without that step (their JSON is
     * merged as written) and flags are taken as given, so there a relative path is opened against the
     * kubelet's working directory.
     */
    static final Set<String> CONFIG_PATH_FIELDS = Set.of("staticPodPath", "authentication.x509.clientCAFile",
            "tlsCertFile", "tlsPrivateKeyFile", "resolvConf", "volumePluginDir", "podLogsDir");

    /** Flag-only settings that hold paths, opened against the kubelet's working directory. */
    static final Set<String> FLAG_PATH_SETTINGS = Set.of("kubeconfig", "bootstrapKubeconfig", "certDir");

    private static final String CONFIG_FILE_SOURCE = "config file ";

    /**
     * A path fact with each relative value made the absolute host path the kubelet opens; the source
     * stays as it was. An empty value means "no path" to the kubelet and is kept.
     */
    private static Fact absolutePaths(ProcessSnapshot.Entry process, Fact fact) {
        String field = fact.key().substring("kubelet.".length());
        boolean configField = CONFIG_PATH_FIELDS.contains(field);
        if (!fact.isPresent() || !(configField || FLAG_PATH_SETTINGS.contains(field))) {
            return fact;
        }
        List<Observed> resolved = new ArrayList<>();
        for (Observed seen : fact.observed()) {
            String value = seen.value();
            if (value.isEmpty() || value.startsWith("/")) {
                resolved.add(seen);
            } else if (configField && seen.source().startsWith(CONFIG_FILE_SOURCE)) {
                String source = seen.source().substring(CONFIG_FILE_SOURCE.length());
                // the path, without a decoding note " (duplicate key ...)" after it
                Path file = Path.of(source.contains(" (") ? source.substring(0, source.indexOf(" (")) : source);
                resolved.add(new Observed(file.resolveSibling(value).normalize().toString(), seen.source()));
            } else {
                boolean flag = seen.source().startsWith("flag ");
                String what = flag ? seen.source().substring("flag ".length()) : field;
                try {
                    resolved.add(new Observed(ProcCwd.absolute(process, what, value), seen.source()));
                } catch (ProcCwd.Unresolved e) {
                    return Fact.error(fact.key(), e.getMessage() + (flag ? "" : " (" + seen.source() + ")"));
                }
            }
        }
        return Fact.present(fact.key(), resolved);
    }

    /**
     * Adds the drop-ins under {@code dir} to {@code layers} in the kubelet's order ({@link DropInWalk});
     * returns why one could not be read, or null.
     */
    private static String readDropIns(HostScan host, String dir, boolean trailingSlash,
                                      List<EffectiveConfig.Layer> layers) {
        HostRoot root = host.root();
        List<String> paths;
        try {
            paths = DropInWalk.walk(root, dir, trailingSlash, host::read);
        } catch (IOException e) {
            return "kubelet drop-in directory " + dir + ": " + IoErrors.describe(e);
        }
        for (String path : paths) {
            try {
                layers.add(EffectiveConfig.Layer.dropIn(path, ComponentConfigDecoder.decode(
                        ConfigFiles.read(root, path), path, KubeletConfigurationSchema.DROP_IN)));
            } catch (NoSuchFileException e) {
                // removed since the listing: it no longer configures anything
            } catch (FactParseException e) {
                return "kubelet drop-in " + e.getMessage();
            } catch (ConfigRefused e) {
                return "kubelet drop-in " + path + refusal(e);
            }
        }
        return null;
    }
}
