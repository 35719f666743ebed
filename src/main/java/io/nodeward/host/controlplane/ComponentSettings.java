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
        return resolve(host, component, CommandLineFlags.parse(args, component.booleanFlags), origin);
    }

    /** As {@link #resolve(HostScan, ControlPlaneComponent, List, Origin)}, for flags already parsed. */
    static List<Fact> resolve(HostScan host, ControlPlaneComponent component, CommandLineFlags flags, Origin origin) {
        Map<String, Fact> facts = new LinkedHashMap<>();
        flags.values().forEach((flag, value) -> {
            if (component.accepts(flag)) {
                String normalised = component.booleanFlags.contains(flag) ? bool(value) : value;
                facts.put(component.key(flag), Fact.present(component.key(flag), normalised, origin.flagSource(flag)));
            }
        });
        if (component == ControlPlaneComponent.ETCD) {
            etcdEnvironment(origin, flags, facts);
            // the flag, else ETCD_CONFIG_FILE (etcdmain/config.go parse reads that variable on its own)
            Fact configFile = facts.get(component.key("config-file"));
            if (configFile != null && configFile.isPresent() && !configFile.value().isEmpty()) {
                return etcdConfigFile(host, component, configFile, origin, facts);
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
        if (component == ControlPlaneComponent.ETCD) {
            trustedCaRequiresClientCertificates(facts, "");
            trustedCaRequiresClientCertificates(facts, "peer-");
        }
        return new ArrayList<>(facts.values());
    }

    /**
     * etcd requires and verifies client certificates when a trusted CA file is given, whatever
     * {@code client-cert-auth} says: {@code TLSInfo.ServerConfig} (client/pkg/transport/listener.go, v3.4
     * to v3.6) sets {@code tls.RequireAndVerifyClientCert} when {@code TrustedCAFile != "" || ClientCertAuth};
     * the peer listener the same with the peer TLS info. (A real etcd 3.4 with {@code --trusted-ca-file} and
     * no {@code --client-cert-auth} refuses a client without a certificate.) So the effective setting is true
     * there, and the source says why.
     */
    private static void trustedCaRequiresClientCertificates(Map<String, Fact> facts, String prefix) {
        ControlPlaneComponent etcd = ControlPlaneComponent.ETCD;
        String authKey = etcd.key(prefix + "client-cert-auth");
        Fact auth = facts.get(authKey);
        Fact ca = facts.get(etcd.key(prefix + "trusted-ca-file"));
        if (auth != null && auth.isPresent() && auth.value().equals("false") && ca != null && ca.isPresent()
                && !ca.value().isEmpty()) {
            facts.put(authKey, Fact.present(authKey, "true", auth.source() + ", but " + ca.source() + " makes etcd"
                    + " require and verify client certificates (TLSInfo.ServerConfig)"));
        }
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
        origin.env().forEach((name, value) -> {
            if (!name.startsWith("ETCD_")) {
                return;
            }
            String flag = name.substring("ETCD_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
            if (etcd.accepts(flag) && !flags.has(flag)) {
                String normalised = etcd.booleanFlags.contains(flag) ? bool(value) : value;
                facts.put(etcd.key(flag), Fact.present(etcd.key(flag), normalised,
                        "env " + name + " in " + origin.describe()));
            }
        });
    }

    /**
     * etcd with a config file ignores its other flags and environment ({@code server/etcdmain/config.go}
     * parse: "other configuration command line flags and environment variables will be ignored"): its
     * settings are the file's ({@link EtcdConfigFile}) over {@code NewConfig()}'s defaults, which are the
     * flags' defaults. The file is opened inside the container, so it is read on the host through the
     * manifest's mounts. A file etcd would refuse makes every setting an error: etcd does not start.
     */
    private static List<Fact> etcdConfigFile(HostScan host, ControlPlaneComponent etcd, Fact configFile,
                                             Origin origin, Map<String, Fact> given) {
        String configKey = etcd.key("config-file");
        List<String> keys = keysOf(etcd, given);
        Map<String, Fact> facts = new LinkedHashMap<>();
        facts.put(configKey, configFile);
        try {
            String path = origin.hostFile("config-file", configFile.value());
            for (EtcdConfigFile.Setting setting : EtcdConfigFile.read(host, path).values()) {
                if (etcd.accepts(setting.flag())) {
                    String key = etcd.key(setting.flag());
                    facts.put(key, Fact.present(key, setting.value(), setting.yamlPath() + " in --config-file " + path));
                }
            }
            String notInFile = " (--config-file " + path + " does not set it)";
            etcd.defaults.forEach((flag, value) ->
                    facts.putIfAbsent(etcd.key(flag), Fact.present(etcd.key(flag), value, "default" + notInFile)));
            for (String flag : etcd.reported) {
                facts.putIfAbsent(etcd.key(flag), Fact.absent(etcd.key(flag), "not set" + notInFile));
            }
            trustedCaRequiresClientCertificates(facts, "");
            trustedCaRequiresClientCertificates(facts, "peer-");
        } catch (RefusedConfig e) {
            for (String key : keys) {
                if (!key.equals(configKey)) {
                    facts.put(key, Fact.error(key, e.getMessage()));
                }
            }
        }
        return new ArrayList<>(facts.values());
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
