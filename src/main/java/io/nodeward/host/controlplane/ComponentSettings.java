package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One control-plane component's effective settings as {@code <component>.<camelCaseFlag>} facts: each
 * flag it accepts from its command line (a running process's, or its manifest's when it is down);
 * for etcd, then the manifest's {@code ETCD_*} environment variables for flags not given (etcd's
 * {@code flags.SetFlagsFromEnv} sets only flags the command line did not); then the API server's
 * structured authentication and authorization files ({@link ApiServerAccess}) and the scheduler's
 * {@code --config} file; then the documented defaults ({@link ControlPlaneComponent#defaults}); the
 * other flags the benchmarks name are absent, "not set". Pure but for reading those files.
 */
final class ComponentSettings {

    private ComponentSettings() {
    }

    static List<Fact> resolve(HostScan host, ControlPlaneComponent component, List<String> args, Origin origin) {
        CommandLineFlags flags = CommandLineFlags.parse(args, component.booleanFlags);
        Map<String, Fact> facts = new LinkedHashMap<>();
        flags.values().forEach((flag, value) -> {
            if (component.accepts(flag)) {
                String normalised = component.booleanFlags.contains(flag) ? bool(value) : value;
                facts.put(component.key(flag), Fact.present(component.key(flag), normalised, origin.flagSource(flag)));
            }
        });
        if (component == ControlPlaneComponent.ETCD) {
            etcdEnvironment(origin, flags, facts);
            Optional<String> configFile = flags.get("config-file").filter(v -> !v.isEmpty());
            if (configFile.isPresent()) {
                return etcdConfigFile(component, configFile.get(), facts);
            }
        }
        if (component == ControlPlaneComponent.KUBE_APISERVER) {
            ApiServerAccess.resolve(host, flags, origin, facts);
            auditPolicyOnTheHost(flags, origin, facts);
            secretsEncryption(host, flags, origin, facts);
        }
        if (component == ControlPlaneComponent.KUBE_SCHEDULER) {
            schedulerProfiling(host, flags, origin, facts);
        }
        component.defaults.forEach((flag, value) ->
                facts.putIfAbsent(component.key(flag), Fact.present(component.key(flag), value, "default")));
        for (String flag : component.reported) {
            facts.putIfAbsent(component.key(flag), Fact.absent(component.key(flag), notSet(component, flag)));
        }
        return new ArrayList<>(facts.values());
    }

    /**
     * The API server opens {@code --audit-policy-file} inside its container: the fact is the file's host
     * path through the manifest's hostPath mounts (the same path on kubeadm, whose docs mount it at the
     * same place), so the audit reader reads the file the API server reads. A policy on no hostPath
     * volume lives in the container image, which nodeward cannot read: an ERROR, never a policy
     * read from whatever the host has at that path.
     */
    private static void auditPolicyOnTheHost(CommandLineFlags flags, Origin origin, Map<String, Fact> facts) {
        Optional<String> policy = flags.get("audit-policy-file").filter(v -> !v.isEmpty());
        if (policy.isEmpty()) {
            return;
        }
        String key = ControlPlaneComponent.KUBE_APISERVER.key("audit-policy-file");
        try {
            String onHost = origin.hostFile("audit-policy-file", policy.get());
            String source = origin.flagSource("audit-policy-file")
                    + (onHost.equals(policy.get()) ? "" : " (" + policy.get() + " in the container)");
            facts.put(key, Fact.present(key, onHost, source));
        } catch (RefusedConfig e) {
            facts.put(key, Fact.error(key, e.getMessage()));
        }
    }

    /**
     * How the API server writes Secrets ({@link EncryptionConfigFile}): the provider its
     * {@code --encryption-provider-config} puts first for them, or {@code identity} (clear text) without
     * that flag. A file it would refuse is an error: it does not start with it.
     */
    private static void secretsEncryption(HostScan host, CommandLineFlags flags, Origin origin, Map<String, Fact> facts) {
        String key = SECRETS_ENCRYPTION;
        Optional<String> config = flags.get("encryption-provider-config").filter(v -> !v.isEmpty());
        if (config.isEmpty()) {
            facts.put(key, Fact.present(key, "identity", "no --encryption-provider-config: Secrets are stored in clear"));
            return;
        }
        try {
            String path = origin.hostFile("encryption-provider-config", config.get());
            EncryptionConfigFile.SecretsEncryption secrets = EncryptionConfigFile.secrets(host, path);
            facts.put(key, Fact.present(key, secrets.provider(), "--encryption-provider-config " + path + ": "
                    + secrets.where()));
        } catch (RefusedConfig e) {
            facts.put(key, Fact.error(key, "--encryption-provider-config: " + e.getMessage()));
        }
    }

    /** The provider that encrypts Secrets in etcd. */
    static final String SECRETS_ENCRYPTION = "kube-apiserver.secretsEncryption";

    /** The reason of an unset reported flag. */
    private static String notSet(ControlPlaneComponent component, String flag) {
        if (component == ControlPlaneComponent.KUBE_APISERVER && flag.startsWith("audit-log-max")) {
            // staging/src/k8s.io/apiserver/pkg/server/options/audit.go NewAuditOptions: no Max* defaults up to
            // 1.35 (0: keep every file, never rotate by size); 1.36 defaults to maxage 366, maxbackup 100, maxsize 100
            return "not set (0 up to Kubernetes 1.35: no limit)";
        }
        return "not set";
    }

    private static void etcdEnvironment(Origin origin, CommandLineFlags flags, Map<String, Fact> facts) {
        ControlPlaneComponent etcd = ControlPlaneComponent.ETCD;
        origin.manifest().env().forEach((name, value) -> {
            if (!name.startsWith("ETCD_")) {
                return;
            }
            String flag = name.substring("ETCD_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
            if (etcd.accepts(flag) && !flags.has(flag)) {
                String normalised = etcd.booleanFlags.contains(flag) ? bool(value) : value;
                facts.put(etcd.key(flag), Fact.present(etcd.key(flag), normalised,
                        "env " + name + " in manifest " + origin.manifest().path()));
            }
        });
    }

    /**
     * etcd with {@code --config-file} ignores its other flags and environment (its help text;
     * {@code server/etcdmain/config.go} configFromFile). nodeward does not read that YAML yet, so every
     * other setting is unknown: an error, never a default that could pass.
     */
    private static List<Fact> etcdConfigFile(ControlPlaneComponent etcd, String file, Map<String, Fact> facts) {
        String reason = "etcd reads its settings from --config-file " + file + " and ignores its other flags and"
                + " environment; nodeward does not read etcd configuration files yet";
        String configKey = etcd.key("config-file");
        List<Fact> out = new ArrayList<>();
        out.add(facts.get(configKey));
        for (String key : keysOf(etcd, facts)) {
            if (!key.equals(configKey)) {
                out.add(Fact.error(key, reason));
            }
        }
        return out;
    }

    private static List<String> keysOf(ControlPlaneComponent component, Map<String, Fact> facts) {
        List<String> keys = new ArrayList<>(facts.keySet());
        component.defaults.keySet().stream().map(component::key).filter(k -> !keys.contains(k)).forEach(keys::add);
        component.reported.stream().map(component::key).filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }

    /**
     * kube-scheduler's profiling: with {@code --config}, the file's {@code enableProfiling}
     * (KubeSchedulerConfiguration inlines component-base's DebuggingConfiguration; default true) and the
     * deprecated {@code --profiling} flag is ignored ({@code cmd/kube-scheduler/app/options/deprecated.go}:
     * "ignored if a config file is specified in --config").
     */
    private static void schedulerProfiling(HostScan host, CommandLineFlags flags, Origin origin,
                                           Map<String, Fact> facts) {
        Optional<String> config = flags.get("config").filter(v -> !v.isEmpty());
        if (config.isEmpty()) {
            return;
        }
        String key = ControlPlaneComponent.KUBE_SCHEDULER.key("profiling");
        String ignored = flags.has("profiling") ? " (--profiling is ignored with --config)" : "";
        try {
            String path = origin.hostFile("config", config.get());
            Object value = ControlPlaneConfigFiles.load(host, path, SchedulerConfigSchema.CONFIG_FILE).get("enableProfiling");
            facts.put(key, value == null
                    ? Fact.present(key, "true", "default (config file " + path + " sets no enableProfiling)" + ignored)
                    : Fact.present(key, bool(String.valueOf(value)), "enableProfiling in config file " + path + ignored));
        } catch (RefusedConfig e) {
            facts.put(key, Fact.error(key, "kube-scheduler --config " + e.getMessage()));
        }
    }

    /** strconv.ParseBool's spellings, as pflag and Go's flag read a boolean; others kept as written. */
    static String bool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> "true";
            case "0", "f", "F", "FALSE", "false", "False" -> "false";
            default -> text;
        };
    }
}
