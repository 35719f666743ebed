package io.nodeward.report;

import io.nodeward.benchmark.Severity;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.NodeDistribution;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.Instant;
import java.util.List;

/** Reports built by hand, as the scanner would make them, for the renderers' tests. */
final class SampleReports {

    static final Instant SCANNED_AT = Instant.parse("2026-03-01T12:00:00.250Z");

    static final CheckResult PASS = new CheckResult("cis-1.12", "4.2.1",
            "Ensure that anonymous requests to the kubelet are disabled", "4.2 Kubelet", Severity.CRITICAL, Outcome.PASS,
            "'kubelet.authentication.anonymous.enabled' is equal to 'false'", "false",
            "config file /var/lib/kubelet/config.yaml",
            "Set `authentication.anonymous.enabled: false` in the kubelet config file.", null);

    static final CheckResult WARN = new CheckResult("cis-1.12", "4.2.13",
            "Ensure that a limit is set on pod PIDs", "4.2 Kubelet", Severity.MEDIUM, Outcome.WARN,
            "'kubelet.podPidsLimit' is greater than 0", "-1", "default (config file in use)",
            "Set `podPidsLimit` in the kubelet config file.", "unscored check: review against your site policy");

    static final CheckResult FAIL = new CheckResult("nodeward-1.0", "port-10255",
            "The kubelet read-only port (10255) is not listening", "Listening ports", Severity.HIGH, Outcome.FAIL,
            "'port.10255.listening' is equal to 'false'", "true", "/proc/1/net/tcp 0.0.0.0:10255",
            "Set `readOnlyPort: 0` in the kubelet config file.", null);

    static final CheckResult ERROR = new CheckResult("nodeward-1.0", "port-22",
            "sshd is not listening on a wildcard address", "Listening ports", Severity.LOW, Outcome.ERROR,
            "'port.22.wildcard' is equal to 'false'", null, null,
            "Bind sshd to a management address only.", "port.22.wildcard: /proc/1/net/tcp does not exist");

    static final CheckResult SKIP = new CheckResult("nodeward-1.0", "ssh-root-login",
            "sshd does not allow root to log in", "SSH daemon", Severity.HIGH, Outcome.SKIP,
            "'sshd.permitrootlogin' is equal to 'no'", null, null,
            "Set `PermitRootLogin no`.", "file.sshd-config.path: /etc/ssh/sshd_config does not exist");

    private SampleReports() {
    }

    /** One result of each outcome, in benchmark order: two sections of cis-1.12, then two of nodeward-1.0. */
    static ScanReport oneOfEach() {
        return new ScanReport("worker-7", "cis-1.12", SCANNED_AT, 3.14159, List.of(PASS, WARN, FAIL, ERROR, SKIP));
    }

    /** A report as the scanner makes it on an EKS worker: role, distribution with its evidence, why its benchmark. */
    static ScanReport eksWorker() {
        return new ScanReport("ip-10-0-1-23", "worker", new NodeDistribution("eks", "Amazon EKS",
                "AL2023 (nodeadm): kubelet.config = /etc/kubernetes/kubelet/config.json (flag --config)"), "eks-1.7",
                "eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a", SCANNED_AT, 3.14159, List.of(PASS),
                new java.util.TreeMap<>(), List.of(), List.of());
    }

    static ScanReport of(CheckResult... results) {
        return new ScanReport("worker-7", "cis-1.12", SCANNED_AT, 3.14159, List.of(results));
    }
}
