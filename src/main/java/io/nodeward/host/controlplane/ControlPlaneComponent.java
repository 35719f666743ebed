package io.nodeward.host.controlplane;

import io.nodeward.host.KeyPattern;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four control-plane components nodeward audits, each with the flags it accepts (the fact keys
 * {@code <component>.<camelCaseFlag>}), which of them are boolean, and the defaults of the flags the
 * CIS checks need: what the component does when the flag is absent, each with the upstream source.
 */
enum ControlPlaneComponent {

    KUBE_APISERVER("kube-apiserver", ApiServerFlags.NAMES, ApiServerFlags.BOOLEAN, apiServerDefaults(),
            List.of("anonymous-auth", "token-auth-file", "enable-admission-plugins", "disable-admission-plugins",
                    "kubelet-client-certificate", "kubelet-client-key", "kubelet-certificate-authority",
                    "authorization-mode", "authorization-config", "authentication-config", "audit-log-path",
                    "audit-log-maxage", "audit-log-maxbackup", "audit-log-maxsize", "audit-policy-file",
                    "service-account-key-file", "etcd-certfile", "etcd-keyfile", "etcd-cafile", "tls-cert-file",
                    "tls-private-key-file", "client-ca-file", "encryption-provider-config", "tls-cipher-suites")),
    KUBE_CONTROLLER_MANAGER("kube-controller-manager", ControllerManagerFlags.NAMES, ControllerManagerFlags.BOOLEAN,
            controllerManagerDefaults(), List.of("service-account-private-key-file", "root-ca-file", "feature-gates")),
    KUBE_SCHEDULER("kube-scheduler", SchedulerFlags.NAMES, SchedulerFlags.BOOLEAN, schedulerDefaults(),
            List.of("config")),
    ETCD("etcd", EtcdFlags.NAMES, EtcdFlags.BOOLEAN, etcdDefaults(), List.of("cert-file", "key-file",
            "peer-cert-file", "peer-key-file", "trusted-ca-file", "peer-trusted-ca-file", "config-file"));

    /** The name a process, a fact key and a CIS group use, e.g. {@code kube-apiserver}. */
    final String id;
    final List<String> flags;
    final Set<String> booleanFlags;
    /** Flag name to its value when absent, for the flags the benchmarks name. */
    final Map<String, String> defaults;
    /** More flags the benchmarks name that have no default: reported absent ("not set") when not given. */
    final List<String> reported;
    final Set<String> camelCaseFlags;

    ControlPlaneComponent(String id, List<String> flags, Set<String> booleanFlags, Map<String, String> defaults,
                          List<String> reported) {
        this.id = id;
        this.flags = flags;
        this.booleanFlags = booleanFlags;
        this.defaults = defaults;
        this.reported = reported;
        this.camelCaseFlags = flags.stream().map(CommandLineFlags::camelCase).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code <id>.<camelCaseFlag>} for every flag the component accepts. */
    KeyPattern flagKeys() {
        return KeyPattern.Family.of(KeyPattern.Segment.literal(id), KeyPattern.Segment.oneOf(camelCaseFlags));
    }

    String key(String flag) {
        return id + "." + CommandLineFlags.camelCase(flag);
    }

    boolean accepts(String flag) {
        return flags.contains(flag);
    }

    static ControlPlaneComponent byId(String id) {
        for (ControlPlaneComponent component : values()) {
            if (component.id.equals(id)) {
                return component;
            }
        }
        throw new IllegalArgumentException("not a control-plane component: " + id);
    }

    /** The CIS-relevant defaults of kube-apiserver (1.33 to 1.35). */
    private static Map<String, String> apiServerDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // pkg/kubeapiserver/options/authentication.go WithAnonymous(): AnonymousAuthenticationOptions{Allow: true};
        // ApiServerAccess applies ApplyAuthorization's reset with AlwaysAllow on top
        d.put("anonymous-auth", "true");
        // staging/src/k8s.io/apiserver/pkg/server/options/feature.go NewFeatureOptions, from server.NewConfig
        // (pkg/server/config.go: EnableProfiling: true)
        d.put("profiling", "true");
        // pkg/server/config.go NewConfig: RequestTimeout 60s, shown by the flag as 1m0s
        d.put("request-timeout", "1m0s");
        // pkg/kubeapiserver/options/authentication.go WithServiceAccounts(): Lookup: true, ExtendExpiration: true
        d.put("service-account-lookup", "true");
        d.put("service-account-extend-token-expiration", "true");
        // pkg/server/options/serving.go NewSecureServingOptions: BindAddress 0.0.0.0; kube-apiserver's
        // NewOptions (pkg/controlplane/apiserver/options/options.go) sets BindPort 6443
        d.put("bind-address", "0.0.0.0");
        d.put("secure-port", "6443");
        // --authorization-mode's default (AlwaysAllow only when --authorization-config is absent too)
        // is worked out by ApiServerAccess, not here
        return Map.copyOf(d);
    }

    private static Map<String, String> controllerManagerDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // component-base config/v1alpha1/defaults.go RecommendedDebuggingConfiguration: EnableProfiling true,
        // used through controller-manager options/generic.go RecommendedDebuggingOptions()
        d.put("profiling", "true");
        // NewSecureServingOptions: 0.0.0.0; cmd/kube-controller-manager/app/options/options.go sets
        // BindPort = ports.KubeControllerManagerPort (10257)
        d.put("bind-address", "0.0.0.0");
        d.put("secure-port", "10257");
        // KubeCloudSharedConfiguration.UseServiceAccountCredentials has no defaulter: false
        d.put("use-service-account-credentials", "false");
        // pkg/controller/podgc/config/v1alpha1/defaults.go RecommendedDefaultPodGCControllerConfiguration
        d.put("terminated-pod-gc-threshold", "12500");
        return Map.copyOf(d);
    }

    private static Map<String, String> schedulerDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // component-base RecommendedDebuggingConfiguration via the KubeSchedulerConfiguration defaults;
        // with --config, the file's enableProfiling decides (SchedulerSettings)
        d.put("profiling", "true");
        // cmd/kube-scheduler/app/options/options.go NewOptions: BindPort = DefaultKubeSchedulerPort (10259),
        // BindAddress from NewSecureServingOptions (0.0.0.0)
        d.put("bind-address", "0.0.0.0");
        d.put("secure-port", "10259");
        return Map.copyOf(d);
    }

    private static Map<String, String> etcdDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // etcd-io/etcd server/embed/config.go AddFlags (v3.5 to v3.7): fs.BoolVar(..., "client-cert-auth", false, ...)
        d.put("client-cert-auth", "false");
        d.put("auto-tls", "false");
        d.put("peer-client-cert-auth", "false");
        d.put("peer-auto-tls", "false");
        // DefaultListenClientURLs / DefaultListenPeerURLs: plain HTTP on localhost
        d.put("listen-client-urls", "http://localhost:2379");
        d.put("listen-peer-urls", "http://localhost:2380");
        return Map.copyOf(d);
    }
}
