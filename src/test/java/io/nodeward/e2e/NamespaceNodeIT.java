package io.nodeward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged CLI against a node made of real parts in fresh Linux namespaces: a process whose
 * argv is a kubelet's and which really listens on 10250 and 10255, and a real OpenSSH sshd
 * running the node's sshd_config (see src/test/e2e/namespace-node.sh). Needs root, unshare,
 * gcc and openssh-server (installed by scripts/install-test-deps.sh); fails, never skips, when
 * they are missing, so a CI machine without them cannot pass silently.
 */
class NamespaceNodeIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    static Path work;

    private static JsonNode report;
    private static Map<String, String> sshdEffective;

    @BeforeAll
    static void scanANodeOfRealParts() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first (mvn verify does)");
        assertEquals("0", run(List.of("id", "-u")).strip(), "the namespace test needs root");
        Path node = work.resolve("node");
        copyTree(Path.of("src/test/resources/hostroot/namespace-worker"), node);
        // Modes as a loosely configured kubeadm worker has them; git does not keep them.
        chmod(node, "etc/kubernetes/kubelet.conf", "rw-------");
        chmod(node, "etc/kubernetes/pki/ca.crt", "rw-r--r--");
        chmod(node, "var/lib/kubelet/config.yaml", "rw-r--r--");
        chmod(node, "etc/systemd/system/kubelet.service", "rw-r--r--");
        chmod(node, "etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "rw-r--r--");
        chmod(node, "etc/ssh/sshd_config", "rw-------");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                node.resolve("etc/ssh/ssh_host_ed25519_key").toString()));
        Path fake = work.resolve("fake-kubelet");
        run(List.of("gcc", "-O2", "-o", fake.toString(), "src/test/e2e/fake-kubelet.c"));

        run(List.of("bash", "src/test/e2e/namespace-node.sh", JAR.toAbsolutePath().toString(),
                node.toString(), work.toString(), fake.toString()));

        report = new ObjectMapper().readTree(work.resolve("report.json").toFile());
        sshdEffective = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("sshd-T.txt"))) {
            String[] kv = line.split(" ", 2);
            sshdEffective.putIfAbsent(kv[0], kv.length > 1 ? kv[1] : "");
        }
    }

    @Test
    void readOnlyPortSetByFlagAndListeningIsFlaggedByCis424WithTheFlagAsSource() {
        // 4.2.4 is a manual CIS check, so it warns; port-10255 below is the scored failure
        JsonNode r = result("4.2.4");
        assertEquals("WARN", r.get("status").asText());
        assertTrue(r.get("source").asText().contains("flag --read-only-port"), r.toString());
    }

    @Test
    void theLiveReadOnlyListenerFailsPort10255() {
        JsonNode r = result("port-10255");
        assertEquals("FAIL", r.get("status").asText());
        assertTrue(r.get("source").asText().contains("/proc/1/net/tcp 0.0.0.0:10255"), r.toString());
    }

    @Test
    void sshdOnTheWildcardAddressWarnsPort22() {
        assertEquals("WARN", result("port-22").get("status").asText());
    }

    @Test
    void rootLoginMatchesWhatSshdItselfSaysAndFails() {
        JsonNode r = result("ssh-root-login");
        assertEquals("FAIL", r.get("status").asText());
        // the Match User deploy block's "no" is a second observation, so the failing one is named
        assertEquals(sshdEffective.get("permitrootlogin") + " (/etc/ssh/sshd_config:6)", r.get("actual").asText());
        assertEquals("/etc/ssh/sshd_config:6", r.get("source").asText());
    }

    @Test
    void passwordAuthFromTheCloudDropInMatchesSshdAndFails() {
        JsonNode r = result("ssh-password-auth");
        assertEquals("FAIL", r.get("status").asText());
        assertEquals(sshdEffective.get("passwordauthentication") + " (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)",
                r.get("actual").asText());
        assertEquals("/etc/ssh/sshd_config.d/50-cloud-init.conf:1", r.get("source").asText());
    }

    @Test
    void kubeadmDefaultsFromTheConfigFilePassAnonymousAuthAndAuthorization() {
        assertEquals("PASS", result("4.2.1").get("status").asText());
        assertEquals("PASS", result("4.2.2").get("status").asText());
        assertEquals("PASS", result("4.2.3").get("status").asText());
    }

    @Test
    void kubeadmsZeroStreamingTimeoutIsTheKubeletsDefaultNotZero() {
        // kubeadm writes "0s"; the kubelet's defaulting turns a zero in the file into 4h.
        JsonNode r = result("4.2.5");
        assertEquals("PASS", r.get("status").asText());
        assertEquals("4h0m0s", r.get("actual").asText());
        assertEquals("config file /var/lib/kubelet/config.yaml sets 0s, which the kubelet replaces with its default",
                r.get("source").asText());
    }

    @Test
    void filesNamedByTheRunningKubeletAreChecked() {
        assertEquals("PASS", result("4.1.5").get("status").asText());
        assertEquals("FAIL", result("4.1.9").get("status").asText());
        assertEquals("FAIL", result("4.1.1").get("status").asText());
    }

    @Test
    void noKubeProxyMeansItsChecksAreSkippedNotPassed() {
        assertEquals("SKIP", result("4.3.1").get("status").asText());
    }

    @Test
    void summaryCountsEveryResult() {
        JsonNode summary = report.get("summary");
        int total = 0;
        for (String status : List.of("pass", "fail", "warn", "skip", "error")) {
            total += summary.get(status).asInt();
        }
        assertEquals(report.get("results").size(), total);
        assertEquals(0, summary.get("error").asInt(), report.toPrettyString());
        assertEquals("namespace-worker", report.get("node").asText());
    }

    private static JsonNode result(String id) {
        for (JsonNode r : report.get("results")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        return fail("no result " + id + " in " + report.toPrettyString());
    }

    private static void chmod(Path root, String relative, String perms) throws IOException {
        Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString(perms));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            fail(command + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
