package io.nodeward.benchmark;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.Observed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real cis-1.12 and nodeward-1.0 checks against hand-built facts of a hardened kubeadm worker,
 * then one change at a time: the places where kube-bench gets it wrong must come out right here.
 */
class KubeBenchTrapsTest {

    private static final String CONFIG = "config file /var/lib/kubelet/config.yaml";
    private static final String DEFAULT = "default (config file in use)";
    private static final String FLAGS_ONLY = "default (flags only)";

    private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    static {
        BenchmarkCatalog catalog = BenchmarkCatalog.load(BenchmarkCatalogTest.REPOSITORY, Optional.empty());
        for (Benchmark benchmark : catalog.select(Optional.of("v1.33.1"))) {
            benchmark.checks().forEach(c -> CHECKS.put(c.id(), c));
        }
    }

    /** A hardened kubeadm worker: everything passes but the manual 4.2.8. */
    private static Map<String, Fact> hardened() {
        Map<String, Fact> facts = new LinkedHashMap<>();
        List.of(
                Fact.present("process.kubelet", "812", "/proc/812/cmdline"),
                Fact.present("process.kube-proxy", "1290", "/proc/1290/cmdline"),
                Fact.present("process.sshd", "640", "/proc/640/cmdline"),
                Fact.present("file.kubelet-unit.mode", List.of(
                        new Observed("0600", "/usr/lib/systemd/system/kubelet.service"),
                        new Observed("0600", "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"))),
                Fact.present("file.kubelet-unit.owner", List.of(
                        new Observed("root:root", "/usr/lib/systemd/system/kubelet.service"),
                        new Observed("root:root", "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"))),
                Fact.absent("file.kube-proxy-kubeconfig.mode", "kube-proxy's kubeconfig is inside its pod"),
                Fact.absent("file.kube-proxy-kubeconfig.owner", "kube-proxy's kubeconfig is inside its pod"),
                Fact.present("file.kubelet-kubeconfig.mode", "0600", "/etc/kubernetes/kubelet.conf"),
                Fact.present("file.kubelet-kubeconfig.owner", "root:root", "/etc/kubernetes/kubelet.conf"),
                Fact.present("file.kubelet-client-ca.mode", "0644", "/etc/kubernetes/pki/ca.crt"),
                Fact.present("file.kubelet-client-ca.owner", "root:root", "/etc/kubernetes/pki/ca.crt"),
                Fact.present("file.kubelet-config.mode", "0600", "/var/lib/kubelet/config.yaml"),
                Fact.present("file.kubelet-config.owner", "root:root", "/var/lib/kubelet/config.yaml"),
                Fact.present("kubelet.authentication.anonymous.enabled", "false", CONFIG),
                Fact.present("kubelet.authorization.mode", "Webhook", CONFIG),
                Fact.present("kubelet.authentication.x509.clientCAFile", "/etc/kubernetes/pki/ca.crt", CONFIG),
                Fact.present("kubelet.readOnlyPort", "0", DEFAULT),
                Fact.present("kubelet.streamingConnectionIdleTimeout", "4h0m0s", DEFAULT),
                Fact.present("kubelet.makeIPTablesUtilChains", "true", DEFAULT),
                Fact.absent("kubelet.hostnameOverride", "no --hostname-override flag"),
                Fact.present("kubelet.eventRecordQPS", "50", DEFAULT),
                Fact.absent("kubelet.tlsCertFile", "not set"),
                Fact.absent("kubelet.tlsPrivateKeyFile", "not set"),
                Fact.present("kubelet.serverTLSBootstrap", "true", CONFIG),
                Fact.present("kubelet.rotateCertificates", "true", CONFIG),
                Fact.absent("kubelet.featureGates.RotateKubeletServerCertificate", "not set"),
                Fact.present("kubelet.tlsCipherSuites", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", CONFIG),
                Fact.present("kubelet.podPidsLimit", "4096", CONFIG),
                Fact.present("kubelet.seccompDefault", "true", CONFIG),
                Fact.present("kube-proxy.metricsBindAddress", "127.0.0.1:10249", "default"),
                Fact.present("port.10255.listening", "false", "/proc/1/net/tcp"),
                Fact.present("port.10250.listening", "true", "/proc/1/net/tcp6 :::10250"),
                Fact.present("port.10249.exposed", "false", "/proc/1/net/tcp 127.0.0.1:10249"),
                Fact.present("port.22.wildcard", "false", "/proc/1/net/tcp 10.0.0.5:22"),
                Fact.present("file.sshd-config.path", "/etc/ssh/sshd_config", "/etc/ssh/sshd_config"),
                Fact.present("file.sshd-config.mode", "0600", "/etc/ssh/sshd_config"),
                Fact.present("file.sshd-config.owner", "root:root", "/etc/ssh/sshd_config"),
                Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/sshd_config:14"),
                Fact.present("sshd.passwordauthentication", "no", "/etc/ssh/sshd_config:15"),
                Fact.present("sshd.permitemptypasswords", "no", "OpenSSH default"),
                Fact.present("sshd.usepam", "yes", "/etc/ssh/sshd_config:17"),
                Fact.present("sshd.kbdinteractiveauthentication", "no", "/etc/ssh/sshd_config:18"),
                Fact.present("sshd.maxauthtries", "3", "/etc/ssh/sshd_config:16"),
                Fact.present("sshd.x11forwarding", "no", "OpenSSH default")
        ).forEach(f -> facts.put(f.key(), f));
        return facts;
    }

    private static Verdict evaluate(String checkId, Fact... changes) {
        Map<String, Fact> facts = hardened();
        for (Fact change : changes) {
            facts.put(change.key(), change);
        }
        return Evaluator.evaluate(CHECKS.get(checkId), HostFacts.builder().addAll(facts.values()).build());
    }

    @Test
    void aHardenedWorkerPassesEveryCheckButTheManualOne() {
        List<String> notPassing = new ArrayList<>();
        CHECKS.keySet().forEach(id -> {
            Verdict verdict = evaluate(id);
            // a worker: the control-plane checks (CIS 1.x, 2.x, 3.x and their ports) and the upgrade checks
            // (no version facts given) do not apply
            boolean notWorker = id.startsWith("1.") || id.startsWith("2.") || id.startsWith("3.") || id.startsWith("upgrade-")
                    || List.of("port-6443", "port-8080", "port-2379", "port-2380", "port-10257", "port-10259").contains(id);
            Verdict.Kind expected = id.equals("4.2.8") ? Verdict.Kind.MANUAL
                    : List.of("4.1.3", "4.1.4").contains(id) || notWorker ? Verdict.Kind.NOT_APPLICABLE
                    : Verdict.Kind.PASS;
            if (verdict.kind() != expected) {
                notPassing.add(id + " " + verdict);
            }
        });
        assertEquals(List.of(), notPassing);
    }

    static Stream<Arguments> traps() {
        return Stream.of(
                Arguments.of("seccompDefault: false is not 'set enough'", "4.2.14", Verdict.Kind.FAIL, "false",
                        List.of(Fact.present("kubelet.seccompDefault", "false", CONFIG))),
                Arguments.of("seccompDefault omitted defaults to false", "4.2.14", Verdict.Kind.FAIL, "false",
                        List.of(Fact.present("kubelet.seccompDefault", "false", DEFAULT))),
                Arguments.of("podPidsLimit -1 is unlimited", "4.2.13", Verdict.Kind.FAIL, "-1",
                        List.of(Fact.present("kubelet.podPidsLimit", "-1", CONFIG))),
                Arguments.of("streamingConnectionIdleTimeout 0s is zero", "4.2.5", Verdict.Kind.FAIL, "0s",
                        List.of(Fact.present("kubelet.streamingConnectionIdleTimeout", "0s", CONFIG))),
                Arguments.of("readOnlyPort 0 but 10255 listening", "4.2.4", Verdict.Kind.FAIL, "port.10255.listening: true",
                        List.of(Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"))),
                Arguments.of("10255 listening is a nodeward failure too", "port-10255", Verdict.Kind.FAIL, "true",
                        List.of(Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"))),
                Arguments.of("flags-only kubelet opens 10255 by default", "4.2.4", Verdict.Kind.FAIL,
                        "kubelet.readOnlyPort: 10255; port.10255.listening: true",
                        List.of(Fact.present("kubelet.readOnlyPort", "10255", FLAGS_ONLY),
                                Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"))),
                Arguments.of("anonymous-auth omitted with a config file defaults to false", "4.2.1", Verdict.Kind.PASS, "false",
                        List.of(Fact.present("kubelet.authentication.anonymous.enabled", "false", DEFAULT))),
                Arguments.of("flags-only kubelet allows anonymous requests", "4.2.1", Verdict.Kind.FAIL, "true",
                        List.of(Fact.present("kubelet.authentication.anonymous.enabled", "true", FLAGS_ONLY))),
                Arguments.of("authorization mode omitted with a config file defaults to Webhook", "4.2.2", Verdict.Kind.PASS, "Webhook",
                        List.of(Fact.present("kubelet.authorization.mode", "Webhook", DEFAULT))),
                Arguments.of("flags-only kubelet authorizes everything", "4.2.2", Verdict.Kind.FAIL, "AlwaysAllow",
                        List.of(Fact.present("kubelet.authorization.mode", "AlwaysAllow", FLAGS_ONLY))),
                Arguments.of("rotateCertificates omitted defaults to false", "4.2.10", Verdict.Kind.FAIL, "false",
                        List.of(Fact.present("kubelet.rotateCertificates", "false", DEFAULT))),
                Arguments.of("serverTLSBootstrap true is a serving certificate", "4.2.9", Verdict.Kind.PASS,
                        "kubelet.serverTLSBootstrap: true", List.of()),
                Arguments.of("no serving certificate at all", "4.2.9", Verdict.Kind.FAIL,
                        "kubelet.tlsCertFile: not set; kubelet.tlsPrivateKeyFile: not set; kubelet.serverTLSBootstrap: false",
                        List.of(Fact.present("kubelet.serverTLSBootstrap", "false", DEFAULT))),
                Arguments.of("unset cipher suites mean Go defaults with CBC", "4.2.12", Verdict.Kind.FAIL, "not set",
                        List.of(Fact.absent("kubelet.tlsCipherSuites", "not set"))),
                Arguments.of("a CBC suite is not strong", "4.2.12", Verdict.Kind.FAIL, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                        List.of(Fact.present("kubelet.tlsCipherSuites", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", CONFIG))),
                Arguments.of("a unit drop-in open to everyone", "4.1.1", Verdict.Kind.FAIL,
                        "0644 (/etc/systemd/system/kubelet.service.d/20-extra.conf)",
                        List.of(Fact.present("file.kubelet-unit.mode", List.of(
                                new Observed("0600", "/usr/lib/systemd/system/kubelet.service"),
                                new Observed("0644", "/etc/systemd/system/kubelet.service.d/20-extra.conf"))))),
                Arguments.of("kube-proxy metrics on every address", "4.3.1", Verdict.Kind.FAIL,
                        "kube-proxy.metricsBindAddress: 0.0.0.0:10249; port.10249.exposed: true",
                        List.of(Fact.present("kube-proxy.metricsBindAddress", "0.0.0.0:10249", "flag --metrics-bind-address"),
                                Fact.present("port.10249.exposed", "true", "/proc/1/net/tcp 0.0.0.0:10249"))),
                Arguments.of("kube-proxy configured for loopback but listening on a wildcard", "4.3.1", Verdict.Kind.FAIL,
                        "port.10249.exposed: true",
                        List.of(Fact.present("port.10249.exposed", "true", "/proc/1/net/tcp 0.0.0.0:10249"))),
                Arguments.of("kube-proxy on the node IP with its config in the pod", "4.3.1", Verdict.Kind.FAIL,
                        "port.10249.exposed: true",
                        List.of(Fact.absent("kube-proxy.metricsBindAddress", "kube-proxy --config /var/lib/kube-proxy/"
                                        + "config.conf is not visible on the host (it lives in the pod); the live socket table decides"),
                                Fact.present("port.10249.exposed", "true", "/proc/1/net/tcp 10.0.0.5:10249"))),
                Arguments.of("an unbalanced IPv6 loopback is not loopback", "4.3.1", Verdict.Kind.FAIL,
                        "kube-proxy.metricsBindAddress: [::1:10249",
                        List.of(Fact.present("kube-proxy.metricsBindAddress", "[::1:10249", "flag --metrics-bind-address"))),
                Arguments.of("no kube-proxy on the node", "4.3.1", Verdict.Kind.NOT_APPLICABLE, null,
                        List.of(Fact.absent("process.kube-proxy", "kube-proxy is not running"))),
                Arguments.of("event QPS is shown for review", "4.2.8", Verdict.Kind.MANUAL, "50", List.of()),
                Arguments.of("root login with a key is still root login", "ssh-root-login", Verdict.Kind.FAIL, "prohibit-password",
                        List.of(Fact.present("sshd.permitrootlogin", "prohibit-password", "OpenSSH default"))),
                Arguments.of("cloud-init turned passwords back on", "ssh-password-auth", Verdict.Kind.FAIL, "yes",
                        List.of(Fact.present("sshd.passwordauthentication", "yes", "/etc/ssh/sshd_config.d/50-cloud-init.conf:1"))),
                Arguments.of("a Match block turns passwords back on for one user", "ssh-password-auth", Verdict.Kind.FAIL,
                        "yes (/etc/ssh/sshd_config:22 (Match User deploy))",
                        List.of(Fact.present("sshd.passwordauthentication", List.of(
                                new Observed("no", "/etc/ssh/sshd_config:15"),
                                new Observed("yes", "/etc/ssh/sshd_config:22 (Match User deploy)"))))),
                Arguments.of("PAM still takes passwords through keyboard-interactive", "ssh-kbd-interactive-auth",
                        Verdict.Kind.FAIL, "sshd.usepam: yes; sshd.kbdinteractiveauthentication: yes",
                        List.of(Fact.present("sshd.kbdinteractiveauthentication", "yes", "OpenSSH default"))),
                Arguments.of("keyboard-interactive without PAM asks for no password", "ssh-kbd-interactive-auth",
                        Verdict.Kind.PASS, "sshd.usepam: no",
                        List.of(Fact.present("sshd.usepam", "no", "OpenSSH default"),
                                Fact.present("sshd.kbdinteractiveauthentication", "yes", "OpenSSH default"))),
                Arguments.of("OpenSSH default of six tries", "ssh-max-auth-tries", Verdict.Kind.FAIL, "6",
                        List.of(Fact.present("sshd.maxauthtries", "6", "OpenSSH default"))),
                Arguments.of("no sshd config means no ssh checks", "ssh-root-login", Verdict.Kind.NOT_APPLICABLE, null,
                        List.of(Fact.absent("file.sshd-config.path", "/etc/ssh/sshd_config does not exist"))),
                Arguments.of("kubelet API open to anonymous requests", "port-10250", Verdict.Kind.FAIL,
                        "port.10250.listening: true; kubelet.authentication.anonymous.enabled: true",
                        List.of(Fact.present("kubelet.authentication.anonymous.enabled", "true", "flag --anonymous-auth"))),
                Arguments.of("unreadable kubelet config is an error, not a pass", "4.2.1", Verdict.Kind.ERROR, null,
                        List.of(Fact.error("kubelet.authentication.anonymous.enabled", "/var/lib/kubelet/config.yaml:7: mapping values are not allowed here"))));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("traps")
    void getsRightWhatKubeBenchGetsWrong(String trap, String checkId, Verdict.Kind kind, String actual, List<Fact> changes) {
        Verdict verdict = evaluate(checkId, changes.toArray(Fact[]::new));
        assertEquals(kind, verdict.kind(), verdict.toString());
        assertEquals(actual, verdict.actual());
    }

    @Test
    void theReadOnlyPortFailureNamesWhatWasExpectedAndWhereTheValueCameFrom() {
        Verdict verdict = evaluate("4.2.4", Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255"));
        assertEquals(new Verdict(Verdict.Kind.FAIL,
                "'kubelet.readOnlyPort' is equal to '0' and 'port.10255.listening' is equal to 'false'",
                "port.10255.listening: true", "/proc/1/net/tcp 0.0.0.0:10255", null), verdict);
    }

    @Test
    void theAnonymousAuthPassNamesTheDefaultAsItsSource() {
        Verdict verdict = evaluate("4.2.1", Fact.present("kubelet.authentication.anonymous.enabled", "false", DEFAULT));
        assertEquals(new Verdict(Verdict.Kind.PASS, "'kubelet.authentication.anonymous.enabled' is equal to 'false'",
                "false", DEFAULT, null), verdict);
    }

    @Test
    void kubeProxyMetricsOnTheIpv6LoopbackPass() {
        Verdict verdict = evaluate("4.3.1",
                Fact.present("kube-proxy.metricsBindAddress", "[::1]:10249", "flag --metrics-bind-address"));
        assertEquals(Verdict.Kind.PASS, verdict.kind(), verdict.toString());
    }
}
