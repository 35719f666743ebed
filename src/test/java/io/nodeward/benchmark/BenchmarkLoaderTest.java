package io.nodeward.benchmark;

import io.nodeward.host.KeySpace;
import io.nodeward.host.net.PortReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkLoaderTest {

    /** A valid group; each test breaks one line. Line 8 is the test, line 9 the remediation. */
    private static final String GROUP = """
            id: "9"
            title: Test group
            checks:
              - id: 9.1
                title: A check
                severity: high
                scored: true
                test: kubelet.readOnlyPort eq 0
                remediation: fix it
            """;

    @TempDir
    Path dir;

    private String file() {
        return dir.resolve("b-1/g.yaml").toString();
    }

    private Benchmark load(String group) throws IOException {
        Files.createDirectories(dir.resolve("b-1"));
        Files.writeString(dir.resolve("b-1/benchmark.yaml"), "id: b-1\ntitle: B\nversion: 1.0.0\nfiles: [g.yaml]\n");
        Files.writeString(dir.resolve("b-1/g.yaml"), group);
        return BenchmarkLoader.load(BenchmarkSource.directory(dir), "b-1");
    }

    private String rejection(String group) {
        return assertThrows(BenchmarkException.class, () -> load(group)).getMessage();
    }

    @Test
    void loadsAValidGroupWithItsOrigin() throws IOException {
        Benchmark benchmark = load(GROUP);
        Check check = benchmark.checks().get(0);
        assertEquals("9.1", check.id());
        assertEquals(new Origin(file(), 4), check.origin());
        assertEquals("'kubelet.readOnlyPort' is equal to '0'", check.test().orElseThrow().describe());
        assertEquals(IfAbsent.FAIL, ((Expectation.Test) check.test().orElseThrow()).ifAbsent());
    }

    @Test
    void foldsTheGroupsRequirementsIntoEachCheck() throws IOException {
        Benchmark benchmark = load(GROUP.replace("checks:", "requires: [process.kubelet]\nchecks:")
                .replace("    remediation", "    requires: [file.kubelet-config.path]\n    remediation"));
        assertEquals(java.util.List.of("process.kubelet", "file.kubelet-config.path"), benchmark.checks().get(0).requires());
    }

    @Test
    void readsTheMappingFormOfATestWithIfAbsent() throws IOException {
        Benchmark benchmark = load(GROUP.replace("test: kubelet.readOnlyPort eq 0",
                "test: {fact: port.22.wildcard, op: eq, value: false, if-absent: pass}"));
        assertEquals(Expectation.Test.of("port.22.wildcard", Operator.EQ, "false").ifAbsent(IfAbsent.PASS).describe(),
                benchmark.checks().get(0).test().orElseThrow().describe());
        assertEquals(IfAbsent.PASS, ((Expectation.Test) benchmark.checks().get(0).test().orElseThrow()).ifAbsent());
    }

    @Test
    void keepsOctalModesAsWritten() throws IOException {
        Benchmark benchmark = load(GROUP.replace("kubelet.readOnlyPort eq 0", "{fact: file.kubelet-config.mode, op: mode-at-most, value: 0600}"));
        assertEquals("'file.kubelet-config.mode' is 0600 or more restrictive", benchmark.checks().get(0).test().orElseThrow().describe());
    }

    @Test
    void rejectsAnUnknownFactKey() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'kubelet.readOnlyPrt' (did you mean 'kubelet.readOnlyPort'?)",
                rejection(GROUP.replace("kubelet.readOnlyPort", "kubelet.readOnlyPrt")));
    }

    @Test
    void rejectsAnUnknownFactKeyInRequires() {
        assertEquals(file() + ":9: check 9.1: unknown fact key 'proces.kubelet' (did you mean 'process.kubelet'?)",
                rejection(GROUP.replace("    remediation", "    requires: [proces.kubelet]\n    remediation")));
    }

    @Test
    void rejectsAFileRoleTypoAndSuggestsTheRole() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'file.kubelet-confg.mode'"
                        + " (did you mean 'file.kubelet-config.mode'?)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "file.kubelet-confg.mode mode-at-most 0600")));
    }

    @Test
    void rejectsAnSshdKeywordTypoAndSuggestsTheKeyword() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'sshd.permitrootlogn' (did you mean 'sshd.permitrootlogin'?)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "sshd.permitrootlogn eq no")));
    }

    @Test
    void rejectsAnOldSshdSpellingAndNamesTheKeywordItIsReadAs() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'sshd.challengeresponseauthentication'"
                        + " (did you mean 'sshd.kbdinteractiveauthentication'?)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "sshd.challengeresponseauthentication eq no")));
    }

    @Test
    void rejectsAPortOutsideOneTo65535() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'port.99999.listening'",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "port.99999.listening eq false")));
    }

    @Test
    void rejectsAKubeProxyFlagItDoesNotHave() {
        assertEquals(file() + ":8: check 9.1: unknown fact key 'kube-proxy.metricsBindAdress'"
                        + " (did you mean 'kube-proxy.metricsBindAddress'?)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "kube-proxy.metricsBindAdress eq x")));
    }

    @Test
    void rejectsAnOverLongFactKeySayingSo() {
        String key = "kubelet.authentication" + ".x".repeat(200);
        assertEquals(file() + ":8: check 9.1: fact key '" + key.substring(0, 40) + "...' is 422 characters long;"
                        + " no fact key is longer than 256",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", key + " set")));
    }

    @Test
    void checksFactKeysAgainstTheGivenKeySpace() throws IOException {
        load(GROUP);
        KeySpace portsOnly = PortReader.KEYS;

        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "b-1", portsOnly));

        assertEquals(file() + ":8: check 9.1: unknown fact key 'kubelet.readOnlyPort'", e.getMessage());
    }

    @Test
    void rejectsAnUnknownField() {
        assertEquals(file() + ":9: check 9.1: unknown field 'remedation' (allowed: evidence, id, manual, remediation, "
                        + "requires, scored, severity, test, title, warn-unless)",
                rejection(GROUP.replace("remediation:", "remedation:")));
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertEquals(file() + ":4: check 9.1: missing required field 'remediation'",
                rejection(GROUP.replace("    remediation: fix it\n", "")));
    }

    @Test
    void rejectsADuplicateField() {
        assertEquals(file() + ":8: duplicate field 'scored'", rejection(GROUP.replace("    test:", "    scored: false\n    test:")));
    }

    @Test
    void rejectsADuplicateCheckId() {
        String twice = GROUP + """
                  - id: 9.1
                    title: Again
                    severity: low
                    scored: false
                    test: kubelet.port eq 10250
                    remediation: fix it
                """;
        assertEquals(file() + ":10: check 9.1: duplicate id, already defined at " + file() + ":4", rejection(twice));
    }

    @Test
    void rejectsABadRegex() {
        assertEquals(file() + ":8: check 9.1: value '(127' of matches is not a valid regex: Unclosed group",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "kube-proxy.metricsBindAddress matches (127")));
    }

    @Test
    void rejectsABadOctalMode() {
        assertEquals(file() + ":8: check 9.1: value '0680' of mode-at-most is not an octal mode such as 0600",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "file.kubelet-config.mode mode-at-most 0680")));
    }

    @Test
    void rejectsANonIntegerForANumericComparison() {
        assertEquals(file() + ":8: check 9.1: value 'lots' of gt is not an integer",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "kubelet.podPidsLimit gt lots")));
    }

    @Test
    void rejectsABadDuration() {
        assertEquals(file() + ":8: check 9.1: value of duration-gt: '4 hours' is not a duration (e.g. 4h0m0s, 90m, 0s)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "kubelet.streamingConnectionIdleTimeout duration-gt 4 hours")));
    }

    @Test
    void rejectsAnUnknownOperator() {
        assertEquals(file() + ":8: check 9.1: unknown operator 'equals' (allowed: eq, ne, in, not-in, gt, gte, lt, lte, "
                        + "duration-gt, mode-at-most, set, unset, matches, not-matches, subset-of, not-contains-element)",
                rejection(GROUP.replace("eq 0", "equals 0")));
    }

    @Test
    void rejectsAnUnknownIfAbsentRule() {
        assertEquals(file() + ":8: check 9.1: unknown if-absent 'skip' (allowed: fail, pass, not-applicable)",
                rejection(GROUP.replace("kubelet.readOnlyPort eq 0", "{fact: kubelet.readOnlyPort, op: eq, value: 0, if-absent: skip}")));
    }

    @Test
    void rejectsABadSeverity() {
        assertEquals(file() + ":6: check 9.1: unknown severity 'severe' (allowed: critical, high, medium, low, info)",
                rejection(GROUP.replace("severity: high", "severity: severe")));
    }

    @Test
    void rejectsANonBooleanScored() {
        assertEquals(file() + ":7: check 9.1: field 'scored' must be true or false, not 'yes'",
                rejection(GROUP.replace("scored: true", "scored: yes")));
    }

    @Test
    void rejectsACheckWithoutTestThatIsNotManual() {
        assertEquals(file() + ":4: check 9.1: a check without 'test' must be 'manual: true'",
                rejection(GROUP.replace("    test: kubelet.readOnlyPort eq 0\n", "")));
    }

    @Test
    void rejectsACompositeWithASingleTest() {
        assertEquals(file() + ":8: check 9.1: 'all' needs at least two tests",
                rejection(GROUP.replace("test: kubelet.readOnlyPort eq 0", "test: {all: [kubelet.readOnlyPort eq 0]}")));
    }

    @Test
    void rejectsBadYamlSyntaxWithItsLine() {
        String message = rejection(GROUP.replace("title: A check", "title: [unclosed"));
        assertTrue(message.startsWith(file() + ":6: invalid YAML: "), message);
    }

    @Test
    void rejectsAnEmptyFile() {
        assertEquals(file() + ":1: the file is empty", rejection(""));
    }

    @Test
    void rejectsABenchmarkWhoseIdIsNotItsFolder() throws IOException {
        Files.createDirectories(dir.resolve("b-2"));
        Files.writeString(dir.resolve("b-2/benchmark.yaml"), "id: b-3\ntitle: B\nversion: 1.0.0\nfiles: [g.yaml]\n");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "b-2"));
        assertEquals(dir.resolve("b-2/benchmark.yaml") + ":1: benchmark id 'b-3' must equal its folder name 'b-2'", e.getMessage());
    }

    @Test
    void rejectsAMissingGroupFile() throws IOException {
        Files.createDirectories(dir.resolve("b-2"));
        Files.writeString(dir.resolve("b-2/benchmark.yaml"), "id: b-2\ntitle: B\nversion: 1.0.0\nfiles:\n  - nope.yaml\n");
        BenchmarkException e = assertThrows(BenchmarkException.class, () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "b-2"));
        assertEquals(dir.resolve("b-2/benchmark.yaml") + ":5: group file 'nope.yaml' not found (" + dir.resolve("b-2/nope.yaml") + ")",
                e.getMessage());
    }
}
