package io.nodeward.host.audit;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.ProcessSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Audit policies decoded and evaluated as kube-apiserver does (reader.go, checker.go in
 * k8s.io/apiserver/pkg/audit/policy), with the facts the 3.2 checks read.
 */
class AuditPolicyReaderTest {

    private static final String PATH = "/etc/kubernetes/audit-policy.yaml";
    private static final String FLAG = "flag --audit-policy-file";

    @TempDir
    Path host;

    /** The policy kube-bench's and the CIS remediation describe: Metadata for the sensitive resources. */
    static final String MINIMAL = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
              - level: None
                users: ["system:kube-proxy"]
                verbs: ["watch"]
                resources:
                  - group: ""
                    resources: ["endpoints", "services"]
              - level: Metadata
                resources:
                  - group: ""
                    resources: ["secrets", "configmaps"]
                  - group: "authentication.k8s.io"
                    resources: ["tokenreviews"]
              - level: RequestResponse
                resources:
                  - group: ""
                    resources: ["pods"]
              - level: Metadata
            """;

    @Test
    void aMinimalPolicyLogsTheSensitiveResourcesAtMetadataAndNeverSecretBodies() {
        Map<String, Fact> facts = evaluate(MINIMAL);

        assertEquals(PATH, facts.get("audit.policyFile").value());
        assertEquals(FLAG, facts.get("audit.policyFile").source());
        assertEquals("Metadata", facts.get("audit.secrets.level").value());
        assertEquals(PATH + ": rule 2 (level Metadata) matches get secrets named nodeward-ordinary-name in namespace "
                + "nodeward-ordinary-namespace by user nodeward-ordinary-user (groups system:authenticated)",
                facts.get("audit.secrets.level").source());
        assertEquals("Metadata", facts.get("audit.configmaps.level").value());
        assertEquals("Metadata", facts.get("audit.tokenreviews.level").value());
        assertEquals("false", facts.get("audit.secrets.bodiesLogged").value());
    }

    @Test
    void aRuleForOneUserThatLogsSecretBodiesIsFoundEvenBehindBroaderRules() {
        Map<String, Fact> facts = evaluate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    userGroups: ["system:nodes"]
                  - level: RequestResponse
                    users: ["deployer"]
                    verbs: ["update", "patch"]
                    namespaces: ["payments"]
                    resources:
                      - group: "*"
                        resources: ["secrets/*"]
                  - level: Metadata
                """);

        // ordinary users get Metadata ...
        assertEquals("Metadata", facts.get("audit.secrets.level").value());
        // ... but one user's updates in one namespace write secret values to the log
        assertEquals("true", facts.get("audit.secrets.bodiesLogged").value());
        assertEquals(PATH + ": rule 2 (level RequestResponse) matches update secrets named nodeward-any-name in "
                + "namespace payments by user deployer (groups system:authenticated)",
                facts.get("audit.secrets.bodiesLogged").source());
    }

    @Test
    void aCatchAllRequestResponseRuleLogsSecretBodiesAndTheFirstMatchingRuleWins() {
        Map<String, Fact> facts = evaluate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: Metadata
                    resources: [{group: "", resources: ["configmaps"]}]
                  - level: RequestResponse
                """);

        assertEquals("Metadata", facts.get("audit.configmaps.level").value());
        assertEquals("RequestResponse", facts.get("audit.secrets.level").value());
        assertEquals("true", facts.get("audit.secrets.bodiesLogged").value());
    }

    @Test
    void rke2sDefaultPolicyLoadsButLogsNothing() {
        Map<String, Fact> facts = evaluate("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n");

        assertEquals(PATH, facts.get("audit.policyFile").value());
        assertEquals("None", facts.get("audit.secrets.level").value());
        assertEquals("None", facts.get("audit.tokenreviews.level").value());
        assertEquals("false", facts.get("audit.secrets.bodiesLogged").value());
    }

    @Test
    void noRuleMatchingMeansTheDefaultLevelNone() {
        Map<String, Fact> facts = evaluate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: Metadata
                    nonResourceURLs: ["/api*"]
                """);

        assertEquals("None", facts.get("audit.secrets.level").value());
        assertEquals(PATH + ": no rule matches get secrets named nodeward-ordinary-name in namespace "
                + "nodeward-ordinary-namespace by user nodeward-ordinary-user (groups system:authenticated), "
                + "so the default level None", facts.get("audit.secrets.level").source());
    }

    @Test
    void aPolicyWithoutRulesIsRefusedWithTheApiServersReason() {
        Map<String, Fact> facts = evaluate("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n");

        for (String key : List.of("audit.policyFile", "audit.secrets.level", "audit.secrets.bodiesLogged")) {
            assertEquals(Fact.State.ERROR, facts.get(key).state(), key);
            assertEquals("audit policy " + PATH + ": kube-apiserver refuses it: loaded illegal policy with 0 rules",
                    facts.get(key).reason());
        }
    }

    @Test
    void unknownFieldsAreDroppedAsTheLenientFallbackDoesAndNamedInTheSource() {
        // "resource" is a typo: lenient decoding drops it, and the rule then matches every request
        Map<String, Fact> facts = evaluate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: RequestResponse
                    resource: [{group: "", resources: ["pods"]}]
                """);

        assertEquals(FLAG + "; kube-apiserver ignores the unknown fields rules[0].resource",
                facts.get("audit.policyFile").source());
        assertEquals("true", facts.get("audit.secrets.bodiesLogged").value());
    }

    @Test
    void whatTheApiServerRefusesIsAnErrorWithItsMessage() {
        assertRefused("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n",
                "failed decoding: no kind \"Policy\" is registered for version \"audit.k8s.io/v1beta1\"");
        assertRefused("rules:\n- level: Metadata\n",
                "failed decoding: Object 'Kind' is missing in 'rules:\\n- level: Metadata\\n'");
        assertRefused("", "failed decoding: Object 'Kind' is missing in ''");
        assertRefused("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- Level: Metadata\n",
                "rules[0].level: Required value");
        assertRefused("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Everything\n- level: None\n"
                        + "  nonResourceURLs: [healthz]\n",
                "[rules[0].level: Unsupported value: \"Everything\": supported values: \"None\", \"Metadata\", "
                        + "\"Request\", \"RequestResponse\", rules[1].nonResourceURLs[0]: Invalid value: \"healthz\": "
                        + "non-resource URL rules must begin with a '/' character]");
        assertRefused("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: yes\n",
                "failed decoding: json: cannot unmarshal bool into Go struct field PolicyRule.rules.users of type []string");
        assertRefused("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n"
                        + "  resources: [{group: Apps, resources: [deployments]}]\n",
                "rules[0].resources.group: Invalid value: \"Apps\": a lowercase RFC 1123 subdomain must consist of "
                        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void theFileIsReadFromTheHostAndAMissingOneIsAnError() throws IOException {
        Path file = host.resolve(PATH.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, MINIMAL);
        HostFacts known = HostFacts.builder().add(Fact.present("kube-apiserver.auditPolicyFile", PATH, FLAG)).build();
        HostScan scan = new HostScan(HostRoot.of(host), ProcessSnapshot.take(HostRoot.of(host)));

        Map<String, Fact> facts = byKey(new AuditPolicyReader().read(scan, known));
        assertEquals("Metadata", facts.get("audit.secrets.level").value());
        assertEquals(List.of(PATH), List.copyOf(scan.pathsRead()));

        Files.delete(file);
        Map<String, Fact> missing = byKey(new AuditPolicyReader().read(scan, known));
        assertEquals(PATH + " is named by " + FLAG + " but is not visible under the host root",
                missing.get("audit.secrets.level").reason());
    }

    @Test
    void withoutTheFlagEveryFactIsAbsent() {
        HostFacts known = HostFacts.builder().add(Fact.present("control-plane.kube-apiserver", "running",
                "/proc/4321/cmdline matches static pod manifest /etc/kubernetes/manifests/kube-apiserver.yaml")).build();
        HostScan scan = new HostScan(HostRoot.of(host), ProcessSnapshot.take(HostRoot.of(host)));

        Map<String, Fact> facts = byKey(new AuditPolicyReader().read(scan, known));

        assertEquals(Fact.State.ABSENT, facts.get("audit.policyFile").state());
        assertEquals("kube-apiserver has no --audit-policy-file, so it records no audit events",
                facts.get("audit.secrets.level").reason());
    }

    private static void assertRefused(String policy, String reason) {
        Fact fact = evaluate(policy).get("audit.policyFile");
        assertEquals(Fact.State.ERROR, fact.state(), policy);
        assertEquals("audit policy " + PATH + ": kube-apiserver refuses it: " + reason, fact.reason());
    }

    private static Map<String, Fact> evaluate(String policy) {
        return byKey(AuditPolicyReader.evaluate(PATH, FLAG, policy.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Map<String, Fact> byKey(List<Fact> facts) {
        return facts.stream().collect(Collectors.toMap(Fact::key, Function.identity()));
    }
}
