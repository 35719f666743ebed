package io.nodeward.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaiversTest {

    private static final List<Benchmark> BENCHMARKS = List.of(
            BenchmarkLoader.load(BenchmarkCatalogTest.REPOSITORY, "cis-1.12"),
            BenchmarkLoader.load(BenchmarkCatalogTest.REPOSITORY, "nodeward-1.0"));

    private static final String WAIVER = """
            waivers:
              - benchmark: cis-1.12
                check: 4.2.6
                reason: Cilium replaces kube-proxy; the kubelet's iptables chains are not used
                owner: platform-team@example.com
                expires: 2026-12-31
            """;

    @TempDir
    Path dir;

    private static Waivers parse(String text) {
        return Waivers.parse("waivers.yaml", text, BENCHMARKS);
    }

    private static String rejection(String text) {
        return assertThrows(BenchmarkException.class, () -> parse(text)).getMessage();
    }

    @Test
    void anActiveWaiverIsFoundWithItsReasonOwnerAndExpiry() {
        Waiver waiver = parse(WAIVER).find("cis-1.12", "4.2.6", LocalDate.parse("2026-06-01")).orElseThrow();
        assertEquals(new Waiver("cis-1.12", "4.2.6", "Cilium replaces kube-proxy; the kubelet's iptables chains are not used",
                "platform-team@example.com", LocalDate.parse("2026-12-31"), new Origin("waivers.yaml", 2)), waiver);
    }

    @Test
    void aWaiverAppliesOnItsExpiryDayAndNotAfter() {
        Waivers waivers = parse(WAIVER);
        assertTrue(waivers.find("cis-1.12", "4.2.6", LocalDate.parse("2026-12-31")).isPresent());
        assertEquals(Optional.empty(), waivers.find("cis-1.12", "4.2.6", LocalDate.parse("2027-01-01")));
    }

    @Test
    void aWaiverAppliesOnlyToItsOwnBenchmarkAndCheck() {
        Waivers waivers = parse(WAIVER);
        assertEquals(Optional.empty(), waivers.find("cis-1.12", "4.2.5", LocalDate.parse("2026-06-01")));
        assertEquals(Optional.empty(), waivers.find("nodeward-1.0", "4.2.6", LocalDate.parse("2026-06-01")));
    }

    @Test
    void rejectsAnUnknownCheck() {
        assertEquals("waivers.yaml:3: waiver for check 4.2.99: benchmark cis-1.12 has no check '4.2.99'"
                        + " (did you mean '4.2.9'?)", rejection(WAIVER.replace("4.2.6", "4.2.99")));
    }

    @Test
    void rejectsAnUnknownBenchmark() {
        assertEquals("waivers.yaml:2: waiver for check 4.2.6: unknown benchmark 'cis-1.11' (did you mean 'cis-1.12'?)",
                rejection(WAIVER.replace("cis-1.12", "cis-1.11")));
    }

    @Test
    void suggestsNothingWhenNoCheckIsClose() {
        assertEquals("waivers.yaml:3: waiver for check kubelet-anonymous: benchmark cis-1.12 has no check"
                + " 'kubelet-anonymous'", rejection(WAIVER.replace("4.2.6", "kubelet-anonymous")));
    }

    @Test
    void rejectsAWaiverWithoutReason() {
        assertEquals("waivers.yaml:2: waiver for check 4.2.6: missing required field 'reason'",
                rejection(WAIVER.replaceAll("    reason: .*\n", "")));
    }

    @Test
    void rejectsAWaiverWithoutOwner() {
        assertEquals("waivers.yaml:2: waiver for check 4.2.6: missing required field 'owner'",
                rejection(WAIVER.replaceAll("    owner: .*\n", "")));
    }

    @Test
    void rejectsAWaiverWithoutExpiry() {
        assertEquals("waivers.yaml:2: waiver for check 4.2.6: missing required field 'expires'",
                rejection(WAIVER.replaceAll("    expires: .*\n", "")));
    }

    @Test
    void rejectsAnExpiryThatIsNotADate() {
        assertEquals("waivers.yaml:6: waiver for check 4.2.6: expires '31/12/2026' is not a date like 2026-12-31",
                rejection(WAIVER.replace("2026-12-31", "31/12/2026")));
    }

    @Test
    void rejectsATypoInAWaiverField() {
        assertEquals("waivers.yaml:5: waiver for check 4.2.6: unknown field 'ownr' (allowed: benchmark, check, expires, owner, reason)",
                rejection(WAIVER.replace("owner:", "ownr:")));
    }

    @Test
    void theCatalogReadsWaiversFromTheUserDirectory() throws IOException {
        Files.writeString(dir.resolve("waivers.yaml"), WAIVER);
        BenchmarkCatalog catalog = BenchmarkCatalog.load(BenchmarkCatalogTest.REPOSITORY, Optional.of(dir));
        assertEquals("platform-team@example.com",
                catalog.waivers().find("cis-1.12", "4.2.6", LocalDate.parse("2026-01-01")).orElseThrow().owner());
    }
}
