package io.nodeward.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The human report: sections in benchmark order, evidence under each check, fixes only where action is due, summary last. */
class TextReportTest {

    @Test
    void oneResultOfEachOutcomeRendersExactly() {
        assertEquals("""
                nodeward report for node worker-7 (benchmark cis-1.12)
                scanned at 2026-03-01T12:00:00.250Z in 3.1 ms

                == cis-1.12 / 4.2 Kubelet
                [PASS ] 4.2.1 Ensure that anonymous requests to the kubelet are disabled (critical)
                        expected: 'kubelet.authentication.anonymous.enabled' is equal to 'false'
                        actual:   false
                        source:   config file /var/lib/kubelet/config.yaml
                [WARN ] 4.2.13 Ensure that a limit is set on pod PIDs (medium)
                        expected: 'kubelet.podPidsLimit' is greater than 0
                        actual:   -1
                        source:   default (config file in use)
                        reason:   unscored check: review against your site policy
                        fix:      Set `podPidsLimit` in the kubelet config file.

                == nodeward-1.0 / Listening ports
                [FAIL ] port-10255 The kubelet read-only port (10255) is not listening (high)
                        expected: 'port.10255.listening' is equal to 'false'
                        actual:   true
                        source:   /proc/1/net/tcp 0.0.0.0:10255
                        fix:      Set `readOnlyPort: 0` in the kubelet config file.
                [ERROR] port-22 sshd is not listening on a wildcard address (low)
                        expected: 'port.22.wildcard' is equal to 'false'
                        reason:   port.22.wildcard: /proc/1/net/tcp does not exist

                == nodeward-1.0 / SSH daemon
                [SKIP ] ssh-root-login sshd does not allow root to log in (high)
                        expected: 'sshd.permitrootlogin' is equal to 'no'
                        reason:   file.sshd-config.path: /etc/ssh/sshd_config does not exist

                == Summary
                1 check PASS
                1 check FAIL
                1 check WARN
                1 check SKIP
                1 check ERROR
                """, ReportFormat.TEXT.render(SampleReports.oneOfEach()));
    }

    @Test
    void theHeaderSaysTheRoleTheDistributionWithItsEvidenceAndWhyThisBenchmark() {
        String text = ReportFormat.TEXT.render(SampleReports.eksWorker());

        assertEquals("""
                nodeward report for node ip-10-0-1-23 (benchmark eks-1.7)
                scanned at 2026-03-01T12:00:00.250Z in 3.1 ms
                node role: worker
                distribution: Amazon EKS (eks): AL2023 (nodeadm): kubelet.config = /etc/kubernetes/kubelet/config.json (flag --config)
                benchmark: eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a
                """, text.substring(0, text.indexOf("\n\n") + 1));
    }

    @Test
    void aMultiLineRemediationStaysIndentedUnderItsCheck() {
        var f = SampleReports.FAIL;
        var report = SampleReports.of(new io.nodeward.scan.CheckResult(f.benchmark(), f.id(), f.title(), f.group(),
                f.severity(), f.status(), f.expected(), f.actual(), f.source(),
                "Set `readOnlyPort: 0` in the kubelet config file\nand restart the kubelet.\n", null));

        String text = ReportFormat.TEXT.render(report);

        assertEquals(true, text.contains("""
                        fix:      Set `readOnlyPort: 0` in the kubelet config file
                                  and restart the kubelet.
                
                == Summary
                0 checks PASS
                1 check FAIL
                """), text);
    }
}
