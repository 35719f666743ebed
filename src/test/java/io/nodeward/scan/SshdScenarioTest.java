package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sshd group's {@code requires: [file.sshd-config.path]} through the real {@link Scanner}: a node
 * without sshd skips the ssh checks, a node whose sshd config the agent cannot see does not.
 */
class SshdScenarioTest {

    private static final List<String> SSH_CHECKS = List.of("ssh-root-login", "ssh-password-auth",
            "ssh-kbd-interactive-auth", "ssh-empty-passwords", "ssh-max-auth-tries", "ssh-x11-forwarding",
            "sshd-config-mode");

    @TempDir
    Path dir;

    @Test
    void withoutSshdAndWithoutItsConfigEverySshCheckIsSkipped() {
        NodeTree node = NodeTree.of(dir, "linux-base").process(1, "/sbin/init");

        ScanReport report = node.scan("no-sshd");

        for (String id : SSH_CHECKS) {
            assertEquals(SKIP, find(report, id).status(), id);
            assertEquals("file.sshd-config.path: no sshd config file (sshd is not running and /etc/ssh/sshd_config"
                    + " does not exist)", find(report, id).reason(), id);
        }
    }

    @Test
    void aRunningSshdWhoseConfigIsNotMountedIsAnErrorNotASkip() {
        NodeTree node = NodeTree.of(dir, "linux-base").process(1, "/sbin/init")
                .process(640, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");

        ScanReport report = node.scan("sshd-config-invisible");

        for (String id : SSH_CHECKS) {
            assertEquals(ERROR, find(report, id).status(), id);
            assertEquals("file.sshd-config.path: /etc/ssh/sshd_config is named by OpenSSH default (no -f on"
                    + " /proc/640/cmdline) but is not visible under the host root (not mounted?)",
                    find(report, id).reason(), id);
        }
    }

    @Test
    void dashFElsewhereChecksTheModeOfTheFileSshdReads() {
        NodeTree node = NodeTree.of(dir, "linux-base").process(1, "/sbin/init")
                .process(640, "/usr/sbin/sshd", "-D", "-f", "/etc/ssh/hardened_config")
                .write("/etc/ssh/sshd_config", "PermitRootLogin yes\n")
                .mode("/etc/ssh/sshd_config", "rw-------")
                .write("/etc/ssh/hardened_config", "PermitRootLogin no\n")
                .mode("/etc/ssh/hardened_config", "rw-r--r--");

        ScanReport report = node.scan("sshd-dash-f");

        assertEquals(Outcome.FAIL, find(report, "sshd-config-mode").status());
        assertEquals("/etc/ssh/hardened_config", find(report, "sshd-config-mode").source());
        assertResult(report, "ssh-root-login", Outcome.PASS, "no", "/etc/ssh/hardened_config:1");
    }
}
