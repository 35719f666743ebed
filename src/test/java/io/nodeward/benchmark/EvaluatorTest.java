package io.nodeward.benchmark;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.Observed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.nodeward.benchmark.Expectation.Test.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluatorTest {

    private static final Origin HERE = new Origin("test.yaml", 1);

    private static Check check(Expectation test, String... requires) {
        return new Check("9.9.9", "a check", Severity.HIGH, true, false, List.of(requires), Optional.of(test),
                Optional.empty(), "fix it", HERE);
    }

    private static HostFacts facts(Fact... facts) {
        return HostFacts.builder().addAll(List.of(facts)).build();
    }

    private static Verdict v(Verdict.Kind kind, String expected, String actual, String source, String reason) {
        return new Verdict(kind, expected, actual, source, reason);
    }

    @Test
    void passesWhenThePresentValueMatches() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.readOnlyPort", Operator.EQ, "0")),
                facts(Fact.present("kubelet.readOnlyPort", "0", "default (config file in use)")));
        assertEquals(v(Verdict.Kind.PASS, "'kubelet.readOnlyPort' is equal to '0'", "0", "default (config file in use)", null), verdict);
    }

    @Test
    void failsWithTheValueAndItsSource() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.readOnlyPort", Operator.EQ, "0")),
                facts(Fact.present("kubelet.readOnlyPort", "10255", "flag --read-only-port")));
        assertEquals(v(Verdict.Kind.FAIL, "'kubelet.readOnlyPort' is equal to '0'", "10255", "flag --read-only-port", null), verdict);
    }

    @Test
    void anAbsentRequirementMakesTheCheckNotApplicable() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.readOnlyPort", Operator.EQ, "0"), "process.kubelet"),
                facts(Fact.absent("process.kubelet", "kubelet is not running")));
        assertEquals(v(Verdict.Kind.NOT_APPLICABLE, "'kubelet.readOnlyPort' is equal to '0'", null, null,
                "process.kubelet: kubelet is not running"), verdict);
    }

    @Test
    void anErroredRequirementMakesTheCheckAnError() {
        Verdict verdict = Evaluator.evaluate(check(of("file.kubelet-config.mode", Operator.MODE_AT_MOST, "0600"), "file.kubelet-config.path"),
                facts(Fact.error("file.kubelet-config.path", "/proc/42/cmdline: unreadable")));
        assertEquals(Verdict.Kind.ERROR, verdict.kind());
        assertEquals("file.kubelet-config.path: /proc/42/cmdline: unreadable", verdict.reason());
    }

    @Test
    void anAbsentRequirementWinsOverAnErroredOne() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.readOnlyPort", Operator.EQ, "0"), "file.kubelet-config.path", "process.kubelet"),
                facts(Fact.error("file.kubelet-config.path", "unreadable"), Fact.absent("process.kubelet", "kubelet is not running")));
        assertEquals(Verdict.Kind.NOT_APPLICABLE, verdict.kind());
        assertEquals("process.kubelet: kubelet is not running", verdict.reason());
    }

    @Test
    void anErroredFactIsAnErrorNeverAPass() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.readOnlyPort", Operator.NE, "10255")),
                facts(Fact.error("kubelet.readOnlyPort", "/var/lib/kubelet/config.yaml:3: not valid YAML")));
        assertEquals(v(Verdict.Kind.ERROR, "'kubelet.readOnlyPort' is not equal to '10255'", null, null,
                "kubelet.readOnlyPort: /var/lib/kubelet/config.yaml:3: not valid YAML"), verdict);
    }

    @Test
    void aValueOfTheWrongShapeIsAnError() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.podPidsLimit", Operator.GT, "0")),
                facts(Fact.present("kubelet.podPidsLimit", "lots", "config file /var/lib/kubelet/config.yaml")));
        assertEquals(Verdict.Kind.ERROR, verdict.kind());
        assertEquals("kubelet.podPidsLimit: 'lots' is not an integer (config file /var/lib/kubelet/config.yaml)", verdict.reason());
    }

    @Test
    void anAbsentFactFailsByDefault() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.podPidsLimit", Operator.GT, "0")),
                facts(Fact.absent("kubelet.podPidsLimit", "not set")));
        assertEquals(v(Verdict.Kind.FAIL, "'kubelet.podPidsLimit' is greater than 0", "not set", "not set", null), verdict);
    }

    @Test
    void anAbsentFactFollowsIfAbsentPass() {
        Verdict verdict = Evaluator.evaluate(check(of("port.22.wildcard", Operator.EQ, "false").ifAbsent(IfAbsent.PASS)),
                facts());
        assertEquals(v(Verdict.Kind.PASS, "'port.22.wildcard' is equal to 'false'", "not set", "not observed on this node", null), verdict);
    }

    @Test
    void anAbsentFactFollowsIfAbsentNotApplicable() {
        Verdict verdict = Evaluator.evaluate(check(of("file.kube-proxy-kubeconfig.mode", Operator.MODE_AT_MOST, "0600").ifAbsent(IfAbsent.NOT_APPLICABLE)),
                facts(Fact.absent("file.kube-proxy-kubeconfig.mode", "kube-proxy has no --kubeconfig")));
        assertEquals(v(Verdict.Kind.NOT_APPLICABLE, "'file.kube-proxy-kubeconfig.mode' is 0600 or more restrictive", null, null,
                "file.kube-proxy-kubeconfig.mode: kube-proxy has no --kubeconfig"), verdict);
    }

    @Test
    void unsetPassesOnAnAbsentFactAndFailsOnAPresentOne() {
        Check check = check(of("kubelet.hostnameOverride", Operator.UNSET, null));
        assertEquals(Verdict.Kind.PASS, Evaluator.evaluate(check, facts(Fact.absent("kubelet.hostnameOverride", "no --hostname-override flag"))).kind());
        assertEquals(v(Verdict.Kind.FAIL, "'kubelet.hostnameOverride' is not set", "node-1", "flag --hostname-override", null),
                Evaluator.evaluate(check, facts(Fact.present("kubelet.hostnameOverride", "node-1", "flag --hostname-override"))));
    }

    @Test
    void setFailsOnAnAbsentFact() {
        Verdict verdict = Evaluator.evaluate(check(of("kubelet.authentication.x509.clientCAFile", Operator.SET, null)),
                facts(Fact.absent("kubelet.authentication.x509.clientCAFile", "not set")));
        assertEquals(Verdict.Kind.FAIL, verdict.kind());
    }

    @Test
    void everyObservationMustPassAndTheOffendingOnesAreNamed() {
        Fact unit = Fact.present("file.kubelet-unit.mode", List.of(
                new Observed("0644", "/usr/lib/systemd/system/kubelet.service"),
                new Observed("0600", "/etc/systemd/system/kubelet.service.d/20-etcd.conf"),
                new Observed("0644", "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf")));
        Verdict verdict = Evaluator.evaluate(check(of("file.kubelet-unit.mode", Operator.MODE_AT_MOST, "0600")), facts(unit));
        assertEquals(v(Verdict.Kind.FAIL, "'file.kubelet-unit.mode' is 0600 or more restrictive",
                "0644 (/usr/lib/systemd/system/kubelet.service), 0644 (/etc/systemd/system/kubelet.service.d/10-kubeadm.conf)",
                "/usr/lib/systemd/system/kubelet.service, /etc/systemd/system/kubelet.service.d/10-kubeadm.conf", null), verdict);
    }

    @Test
    void allObservationsPassingPassesAndShowsThemAll() {
        Fact unit = Fact.present("file.kubelet-unit.mode", List.of(
                new Observed("0600", "/usr/lib/systemd/system/kubelet.service"),
                new Observed("0400", "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf")));
        Verdict verdict = Evaluator.evaluate(check(of("file.kubelet-unit.mode", Operator.MODE_AT_MOST, "0600")), facts(unit));
        assertEquals(Verdict.Kind.PASS, verdict.kind());
        assertEquals("0600 (/usr/lib/systemd/system/kubelet.service), 0400 (/etc/systemd/system/kubelet.service.d/10-kubeadm.conf)", verdict.actual());
    }

    private static final Expectation READ_ONLY_PORT_CLOSED = new Expectation.AllOf(List.of(
            of("kubelet.readOnlyPort", Operator.EQ, "0"), of("port.10255.listening", Operator.EQ, "false")));

    @Test
    void allOfFailsOnTheFailingPartAndNamesIt() {
        Verdict verdict = Evaluator.evaluate(check(READ_ONLY_PORT_CLOSED), facts(
                Fact.present("kubelet.readOnlyPort", "0", "config file /var/lib/kubelet/config.yaml"),
                Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255")));
        assertEquals(v(Verdict.Kind.FAIL, "'kubelet.readOnlyPort' is equal to '0' and 'port.10255.listening' is equal to 'false'",
                "port.10255.listening: true", "/proc/1/net/tcp 0.0.0.0:10255", null), verdict);
    }

    @Test
    void allOfPassesWithEveryPartShown() {
        Verdict verdict = Evaluator.evaluate(check(READ_ONLY_PORT_CLOSED), facts(
                Fact.present("kubelet.readOnlyPort", "0", "config file /var/lib/kubelet/config.yaml"),
                Fact.present("port.10255.listening", "false", "/proc/1/net/tcp")));
        assertEquals(v(Verdict.Kind.PASS, "'kubelet.readOnlyPort' is equal to '0' and 'port.10255.listening' is equal to 'false'",
                "kubelet.readOnlyPort: 0; port.10255.listening: false", "config file /var/lib/kubelet/config.yaml; /proc/1/net/tcp", null), verdict);
    }

    @Test
    void allOfWithAnErroredPartAndNoFailureIsAnError() {
        Verdict verdict = Evaluator.evaluate(check(READ_ONLY_PORT_CLOSED), facts(
                Fact.error("kubelet.readOnlyPort", "/var/lib/kubelet/config.yaml:2: bad indentation"),
                Fact.present("port.10255.listening", "false", "/proc/1/net/tcp")));
        assertEquals(Verdict.Kind.ERROR, verdict.kind());
        assertEquals("kubelet.readOnlyPort: /var/lib/kubelet/config.yaml:2: bad indentation", verdict.reason());
    }

    @Test
    void allOfWithAnErroredPartAndADefiniteFailureFails() {
        Verdict verdict = Evaluator.evaluate(check(READ_ONLY_PORT_CLOSED), facts(
                Fact.error("kubelet.readOnlyPort", "/var/lib/kubelet/config.yaml:2: bad indentation"),
                Fact.present("port.10255.listening", "true", "/proc/1/net/tcp 0.0.0.0:10255")));
        assertEquals(Verdict.Kind.FAIL, verdict.kind());
        assertEquals("port.10255.listening: true", verdict.actual());
    }

    private static final Expectation SERVING_TLS = new Expectation.AnyOf(List.of(
            new Expectation.AllOf(List.of(of("kubelet.tlsCertFile", Operator.SET, null), of("kubelet.tlsPrivateKeyFile", Operator.SET, null))),
            of("kubelet.serverTLSBootstrap", Operator.EQ, "true")));

    @Test
    void anyOfRendersNestedPartsInParentheses() {
        assertEquals("('kubelet.tlsCertFile' is set and 'kubelet.tlsPrivateKeyFile' is set) or 'kubelet.serverTLSBootstrap' is equal to 'true'",
                SERVING_TLS.describe());
    }

    @Test
    void anyOfPassesOnAPassingBranchEvenWhenAnotherBranchErrored() {
        Verdict verdict = Evaluator.evaluate(check(SERVING_TLS), facts(
                Fact.error("kubelet.tlsCertFile", "/etc/kubernetes/kubelet.conf.d/10.conf:1: not YAML"),
                Fact.present("kubelet.serverTLSBootstrap", "true", "config file /var/lib/kubelet/config.yaml")));
        assertEquals(v(Verdict.Kind.PASS, SERVING_TLS.describe(), "kubelet.serverTLSBootstrap: true",
                "config file /var/lib/kubelet/config.yaml", null), verdict);
    }

    @Test
    void anyOfWithoutAPassingBranchIsAnErrorWhenABranchErrored() {
        Verdict verdict = Evaluator.evaluate(check(SERVING_TLS), facts(
                Fact.error("kubelet.tlsCertFile", "/etc/kubernetes/kubelet.conf.d/10.conf:1: not YAML"),
                Fact.present("kubelet.tlsPrivateKeyFile", "/var/lib/kubelet/pki/kubelet.key", "config file /var/lib/kubelet/config.yaml"),
                Fact.present("kubelet.serverTLSBootstrap", "false", "default (config file in use)")));
        assertEquals(Verdict.Kind.ERROR, verdict.kind());
        assertEquals("kubelet.tlsCertFile: /etc/kubernetes/kubelet.conf.d/10.conf:1: not YAML", verdict.reason());
    }

    @Test
    void anyOfFailsWhenNoBranchPasses() {
        Verdict verdict = Evaluator.evaluate(check(SERVING_TLS), facts(
                Fact.absent("kubelet.tlsCertFile", "not set"),
                Fact.absent("kubelet.tlsPrivateKeyFile", "not set"),
                Fact.present("kubelet.serverTLSBootstrap", "false", "default (config file in use)")));
        assertEquals(v(Verdict.Kind.FAIL, SERVING_TLS.describe(),
                "kubelet.tlsCertFile: not set; kubelet.tlsPrivateKeyFile: not set; kubelet.serverTLSBootstrap: false",
                "not set; default (config file in use)", null), verdict);
    }

    @Test
    void aManualCheckWithoutTestShowsItsEvidence() {
        Check manual = new Check("4.2.8", "event QPS", Severity.INFO, false, true, List.of("process.kubelet"),
                Optional.empty(), Optional.of("kubelet.eventRecordQPS"), "review it", HERE);
        Verdict verdict = Evaluator.evaluate(manual, facts(Fact.present("process.kubelet", "42", "/proc/42/cmdline"),
                Fact.present("kubelet.eventRecordQPS", "50", "default (config file in use)")));
        assertEquals(v(Verdict.Kind.MANUAL, "manual review (see remediation)", "50", "default (config file in use)",
                "manual check: review by hand"), verdict);
    }

    @Test
    void aManualCheckStillDoesNotApplyWithoutItsComponent() {
        Check manual = new Check("4.2.8", "event QPS", Severity.INFO, false, true, List.of("process.kubelet"),
                Optional.empty(), Optional.of("kubelet.eventRecordQPS"), "review it", HERE);
        assertEquals(Verdict.Kind.NOT_APPLICABLE, Evaluator.evaluate(manual, facts()).kind());
    }
}
