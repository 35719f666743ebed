package io.nodeward.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.scan.CheckResult;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON report against DESIGN.md's contract: field names, summary keys, RFC 3339 time. */
class JsonReportTest {

    @Test
    void oneResultOfEachOutcomeRendersExactly() {
        assertEquals("""
                {
                  "node" : "worker-7",
                  "benchmark" : "cis-1.12",
                  "scannedAt" : "2026-03-01T12:00:00.250Z",
                  "durationMillis" : 3.142,
                  "summary" : {
                    "pass" : 1,
                    "fail" : 1,
                    "warn" : 1,
                    "skip" : 1,
                    "error" : 1
                  },
                  "results" : [ {
                    "id" : "4.2.1",
                    "title" : "Ensure that anonymous requests to the kubelet are disabled",
                    "status" : "PASS",
                    "severity" : "critical",
                    "expected" : "'kubelet.authentication.anonymous.enabled' is equal to 'false'",
                    "actual" : "false",
                    "source" : "config file /var/lib/kubelet/config.yaml",
                    "remediation" : "Set `authentication.anonymous.enabled: false` in the kubelet config file.",
                    "benchmark" : "cis-1.12",
                    "group" : "4.2 Kubelet"
                  }, {
                    "id" : "4.2.13",
                    "title" : "Ensure that a limit is set on pod PIDs",
                    "status" : "WARN",
                    "severity" : "medium",
                    "expected" : "'kubelet.podPidsLimit' is greater than 0",
                    "actual" : "-1",
                    "source" : "default (config file in use)",
                    "remediation" : "Set `podPidsLimit` in the kubelet config file.",
                    "benchmark" : "cis-1.12",
                    "group" : "4.2 Kubelet",
                    "reason" : "unscored check: review against your site policy"
                  }, {
                    "id" : "port-10255",
                    "title" : "The kubelet read-only port (10255) is not listening",
                    "status" : "FAIL",
                    "severity" : "high",
                    "expected" : "'port.10255.listening' is equal to 'false'",
                    "actual" : "true",
                    "source" : "/proc/1/net/tcp 0.0.0.0:10255",
                    "remediation" : "Set `readOnlyPort: 0` in the kubelet config file.",
                    "benchmark" : "nodeward-1.0",
                    "group" : "Listening ports"
                  }, {
                    "id" : "port-22",
                    "title" : "sshd is not listening on a wildcard address",
                    "status" : "ERROR",
                    "severity" : "low",
                    "expected" : "'port.22.wildcard' is equal to 'false'",
                    "actual" : null,
                    "source" : null,
                    "remediation" : "Bind sshd to a management address only.",
                    "benchmark" : "nodeward-1.0",
                    "group" : "Listening ports",
                    "reason" : "port.22.wildcard: /proc/1/net/tcp does not exist"
                  }, {
                    "id" : "ssh-root-login",
                    "title" : "sshd does not allow root to log in",
                    "status" : "SKIP",
                    "severity" : "high",
                    "expected" : "'sshd.permitrootlogin' is equal to 'no'",
                    "actual" : null,
                    "source" : null,
                    "remediation" : "Set `PermitRootLogin no`.",
                    "benchmark" : "nodeward-1.0",
                    "group" : "SSH daemon",
                    "reason" : "file.sshd-config.path: /etc/ssh/sshd_config does not exist"
                  } ]
                }
                """, ReportFormat.JSON.render(SampleReports.oneOfEach()));
    }

    @Test
    void theRoleDistributionAndWhyThisBenchmarkComeBeforeTheResults() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(SampleReports.eksWorker()));

        assertEquals(List.of("node", "role", "distribution", "benchmark", "benchmarkReason", "scannedAt", "durationMillis",
                "summary", "results"), names(json));
        assertEquals("worker", json.get("role").asText());
        assertEquals("{\"id\":\"eks\",\"name\":\"Amazon EKS\",\"evidence\":\"AL2023 (nodeadm): kubelet.config = "
                + "/etc/kubernetes/kubelet/config.json (flag --config)\"}", json.get("distribution").toString());
        assertEquals("eks-1.7 for Amazon EKS, kubelet v1.31.2-eks-7f9249a", json.get("benchmarkReason").asText());
    }

    @Test
    void everyResultCarriesTheContractFieldsPlusOurs() throws Exception {
        JsonNode report = new ObjectMapper().readTree(ReportFormat.JSON.render(SampleReports.oneOfEach()));

        assertEquals(List.of("node", "benchmark", "scannedAt", "durationMillis", "summary", "results"), names(report));
        assertEquals(List.of("pass", "fail", "warn", "skip", "error"), names(report.get("summary")));
        for (JsonNode result : report.get("results")) {
            List<String> names = names(result);
            names.remove("reason");
            // the contract's fields in its order, then ours
            assertEquals(List.of("id", "title", "status", "severity", "expected", "actual", "source", "remediation",
                    "benchmark", "group"), names);
        }
    }

    @Test
    void anEmptyReportStillHasEverySummaryKeyAtZero() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(ReportFormat.JSON.render(SampleReports.of())).get("summary");

        assertEquals("{\"pass\":0,\"fail\":0,\"warn\":0,\"skip\":0,\"error\":0}", summary.toString());
    }

    @Test
    void scannedAtIsRfc3339InUtcEvenOnAWholeSecond() throws Exception {
        var report = new io.nodeward.scan.ScanReport("n", "cis-1.12", java.time.Instant.parse("2026-03-01T12:00:00Z"),
                1.0, List.of());
        String scannedAt = new ObjectMapper().readTree(ReportFormat.JSON.render(report)).get("scannedAt").asText();

        assertEquals("2026-03-01T12:00:00Z", scannedAt);
        assertEquals(OffsetDateTime.parse("2026-03-01T12:00:00Z"), OffsetDateTime.parse(scannedAt));
    }

    @Test
    void hostileStringsSurviveTheRoundTrip() throws Exception {
        String hostile = "say \"hi\" <b>&amp;</b> \\ \u0000\u0001\u001b[31m\n\ttab";
        CheckResult f = SampleReports.FAIL;
        var report = SampleReports.of(new CheckResult(f.benchmark(), f.id(), hostile, f.group(), f.severity(),
                f.status(), f.expected(), hostile, f.source(), f.remediation(), null));

        JsonNode result = new ObjectMapper().readTree(ReportFormat.JSON.render(report)).get("results").get(0);

        assertEquals(hostile, result.get("title").asText());
        assertEquals(hostile, result.get("actual").asText());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
