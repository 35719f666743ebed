package io.nodeward.publish.kube;

import io.nodeward.benchmark.Severity;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.NodeDistribution;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Hand-built scan reports: the publisher's real input. */
final class Reports {

    private Reports() {
    }

    static CheckResult check(String id, Outcome status) {
        return check("cis-1.12", id, status);
    }

    /** A result of a check in {@code benchmark}, which need not be the report's primary one. */
    static CheckResult check(String benchmark, String id, Outcome status) {
        return new CheckResult(benchmark, id, "check " + id, "4.2 Kubelet", Severity.values()[0], status,
                "expected", "actual", "flag --x", "fix it", status == Outcome.PASS || status == Outcome.FAIL ? null : "why");
    }

    static ScanReport report(Instant scannedAt, CheckResult... results) {
        return new ScanReport("n1", "cis-1.12", scannedAt, 3.1, List.of(results));
    }

    /** A report that knows the node's role and distribution, as the scanner's do. */
    static ScanReport report(Instant scannedAt, String role, NodeDistribution distribution, String benchmark,
                             CheckResult... results) {
        return new ScanReport("n1", role, distribution, benchmark, benchmark + " for " + distribution.name(), scannedAt,
                3.1, List.of(results), new TreeMap<>(), List.of(), List.of());
    }
}
