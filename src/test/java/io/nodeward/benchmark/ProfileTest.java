package io.nodeward.benchmark;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A distribution profile ({@code base} plus overrides in its {@code benchmark.yaml}): what it keeps, what it
 * changes, and every way it can be wrong, each named by file and line.
 */
class ProfileTest {

    /** The base: two groups, three checks. */
    private static final String BASE_GROUP = """
            id: "4.1"
            title: Files
            requires: [process.kubelet]
            checks:
              - id: 4.1.5
                title: Kubeconfig mode
                severity: high
                scored: true
                test: file.kubelet-kubeconfig.mode mode-at-most 0600
                remediation: chmod 600
              - id: 4.1.9
                title: Config mode
                severity: medium
                scored: false
                manual: true
                test: file.kubelet-config.mode mode-at-most 0600
                remediation: chmod 600 the config
            """;
    private static final String BASE_GROUP_2 = """
            id: "1.2"
            title: API server
            checks:
              - id: 1.2.1
                title: Anonymous
                severity: high
                scored: true
                test: kube-apiserver.anonymousAuth eq false
                remediation: set it
            """;

    @TempDir
    Path dir;

    private Path profileFile() {
        return dir.resolve("p-1/benchmark.yaml");
    }

    private Benchmark load(String overrides) throws IOException {
        Files.createDirectories(dir.resolve("base-1"));
        Files.writeString(dir.resolve("base-1/benchmark.yaml"), "id: base-1\ntitle: Base\nversion: 1.0.0\nfiles: [a.yaml, b.yaml]\n");
        Files.writeString(dir.resolve("base-1/a.yaml"), BASE_GROUP_2);
        Files.writeString(dir.resolve("base-1/b.yaml"), BASE_GROUP);
        Files.createDirectories(dir.resolve("p-1"));
        Files.writeString(profileFile(), "id: p-1\ntitle: Profile\nversion: 2.0.0\nbase: base-1\n" + overrides);
        return BenchmarkLoader.load(BenchmarkSource.directory(dir), "p-1");
    }

    private String rejection(String overrides) {
        return assertThrows(BenchmarkException.class, () -> load(overrides)).getMessage();
    }

    @Test
    void aProfileWithoutOverridesIsItsBaseUnderItsOwnName() throws IOException {
        Benchmark profile = load("");

        assertEquals(List.of("p-1", "Profile", "2.0.0"), List.of(profile.id(), profile.title(), profile.version()));
        assertEquals(List.of("1.2.1", "4.1.5", "4.1.9"), profile.checks().stream().map(Check::id).toList());
        assertEquals(new Origin(dir.resolve("base-1/b.yaml").toString(), 5), profile.check("4.1.5").orElseThrow().origin());
    }

    @Test
    void anOverriddenTestReplacesTheBasesAndKeepsEverythingElse() throws IOException {
        Benchmark profile = load("""
                checks:
                  - id: 4.1.5
                    test: file.kubelet-kubeconfig.mode mode-at-most 0644
                """);

        Check check = profile.check("4.1.5").orElseThrow();
        assertEquals("'file.kubelet-kubeconfig.mode' is 0644 or more restrictive", check.test().orElseThrow().describe());
        assertEquals(List.of("Kubeconfig mode", "chmod 600"), List.of(check.title(), check.remediation()));
        assertEquals(List.of("process.kubelet"), check.requires());
        assertEquals(new Origin(profileFile().toString(), 6), check.origin());
    }

    @Test
    void aManualBaseCheckCanBeScoredByTheProfile() throws IOException {
        Check check = load("""
                checks:
                  - id: 4.1.9
                    scored: true
                    manual: false
                """).check("4.1.9").orElseThrow();

        assertEquals(List.of(true, false), List.of(check.scored(), check.manual()));
    }

    @Test
    void aNotApplicableCheckIsSkippedWithItsReasonWhateverTheFacts() throws IOException {
        Check check = load("""
                checks:
                  - id: 4.1.5
                    not-applicable: the distribution writes no such file
                """).check("4.1.5").orElseThrow();

        HostFacts facts = HostFacts.builder().add(Fact.present("process.kubelet", "12", "/proc/12/cmdline"))
                .add(Fact.present("file.kubelet-kubeconfig.mode", "0777", "/var/lib/kubelet/kubeconfig")).build();
        Verdict verdict = Evaluator.evaluate(check, facts);
        assertEquals(Verdict.Kind.NOT_APPLICABLE, verdict.kind());
        assertEquals("the distribution writes no such file", verdict.reason());
    }

    @Test
    void aNotApplicableGroupSkipsEveryCheckInIt() throws IOException {
        Benchmark profile = load("""
                groups:
                  - id: "4.1"
                    not-applicable: managed elsewhere
                """);

        assertEquals(List.of(Optional.empty(), Optional.of("managed elsewhere"), Optional.of("managed elsewhere")),
                profile.checks().stream().map(Check::notApplicable).toList());
    }

    @Test
    void aProfileMayBuildOnAnotherProfile() throws IOException {
        load("checks:\n  - id: 1.2.1\n    not-applicable: managed\n");
        Files.createDirectories(dir.resolve("p-2"));
        Files.writeString(dir.resolve("p-2/benchmark.yaml"), "id: p-2\ntitle: Next\nversion: 3.0.0\nbase: p-1\n");

        Benchmark next = BenchmarkLoader.load(BenchmarkSource.directory(dir), "p-2");

        assertEquals(Optional.of("managed"), next.check("1.2.1").orElseThrow().notApplicable());
        assertEquals("p-2", next.id());
    }

    @Test
    void rejectsAnOverrideOfACheckTheBaseDoesNotHave() {
        assertEquals(profileFile() + ":6: check 4.1.99: base benchmark base-1 has no check '4.1.99'",
                rejection("checks:\n  - id: 4.1.99\n    not-applicable: x\n"));
    }

    @Test
    void rejectsAGroupTheBaseDoesNotHave() {
        assertEquals(profileFile() + ":6: group 7: base benchmark base-1 has no group '7'",
                rejection("groups:\n  - id: \"7\"\n    not-applicable: x\n"));
    }

    @Test
    void rejectsTheSameCheckOverriddenTwice() {
        assertEquals(profileFile() + ":8: check 4.1.5: duplicate id, already overridden at " + profileFile() + ":6",
                rejection("checks:\n  - id: 4.1.5\n    title: A\n  - id: 4.1.5\n    title: B\n"));
    }

    @Test
    void rejectsAFieldBesideNotApplicable() {
        assertEquals(profileFile() + ":8: check 4.1.5: 'title' has no effect on a check that is 'not-applicable'",
                rejection("checks:\n  - id: 4.1.5\n    not-applicable: x\n    title: y\n"));
    }

    @Test
    void rejectsAnOverrideThatChangesNothing() {
        assertEquals(profileFile() + ":6: check 4.1.5: the override changes nothing: give 'not-applicable' or the"
                        + " fields to replace (title, severity, scored, manual, test, warn-unless, evidence, remediation)",
                rejection("checks:\n  - id: 4.1.5\n"));
    }

    @Test
    void rejectsACheckOverrideInsideAGroupThatIsNotApplicable() {
        assertEquals(profileFile() + ":9: check 4.1.5: its group 4.1 is already not applicable (" + profileFile() + ":6)",
                rejection("groups:\n  - id: \"4.1\"\n    not-applicable: x\nchecks:\n  - id: 4.1.5\n    title: y\n"));
    }

    @Test
    void rejectsAnOverrideThatLeavesACheckWithoutTestAndNotManual() throws IOException {
        Files.createDirectories(dir.resolve("base-1"));
        assertEquals(profileFile() + ":7: check 4.1.9: 'evidence' is only for manual checks without a test",
                rejection("checks:\n  - id: 4.1.9\n    evidence: kubelet.eventRecordQPS\n"));
    }

    @Test
    void rejectsAnUnknownFactKeyInAnOverriddenTest() {
        assertEquals(profileFile() + ":7: check 4.1.5: unknown fact key 'file.kubelet-kubeconfg.mode'"
                        + " (did you mean 'file.kubelet-kubeconfig.mode'?)",
                rejection("checks:\n  - id: 4.1.5\n    test: file.kubelet-kubeconfg.mode mode-at-most 0644\n"));
    }

    @Test
    void rejectsAnUnknownField() {
        assertEquals(profileFile() + ":7: check 4.1.5: unknown field 'skip' (allowed: evidence, id, manual,"
                        + " not-applicable, remediation, scored, severity, test, title, warn-unless)",
                rejection("checks:\n  - id: 4.1.5\n    skip: yes\n"));
    }

    @Test
    void rejectsFilesInAProfile() {
        assertEquals(profileFile() + ":5: unknown field 'files' (allowed: base, checks, groups, id, title, version)",
                rejection("files: [a.yaml]\n"));
    }

    @Test
    void rejectsAMissingBase() throws IOException {
        Files.createDirectories(dir.resolve("p-1"));
        Files.writeString(profileFile(), "id: p-1\ntitle: Profile\nversion: 2.0.0\nbase: nowhere-1\n");
        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "p-1"));
        assertEquals(profileFile() + ":4: base benchmark 'nowhere-1' not found ("
                + dir.resolve("nowhere-1/benchmark.yaml") + ")", e.getMessage());
    }

    @Test
    void rejectsACycleOfProfiles() throws IOException {
        Files.createDirectories(dir.resolve("p-1"));
        Files.createDirectories(dir.resolve("p-2"));
        Files.writeString(profileFile(), "id: p-1\ntitle: One\nversion: 1.0.0\nbase: p-2\n");
        Files.writeString(dir.resolve("p-2/benchmark.yaml"), "id: p-2\ntitle: Two\nversion: 1.0.0\nbase: p-1\n");
        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "p-1"));
        assertEquals(dir.resolve("p-2/benchmark.yaml") + ":4: base benchmark 'p-1' is a cycle of profiles", e.getMessage());
    }

    @Test
    void rejectsAProfileThatIsItsOwnBase() throws IOException {
        Files.createDirectories(dir.resolve("p-1"));
        Files.writeString(profileFile(), "id: p-1\ntitle: One\nversion: 1.0.0\nbase: p-1\n");
        BenchmarkException e = assertThrows(BenchmarkException.class,
                () -> BenchmarkLoader.load(BenchmarkSource.directory(dir), "p-1"));
        assertEquals(profileFile() + ":4: a profile cannot be its own base", e.getMessage());
    }
}
