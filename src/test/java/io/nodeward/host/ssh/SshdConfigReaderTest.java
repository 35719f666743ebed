package io.nodeward.host.ssh;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.Fifos;
import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.Observed;
import io.nodeward.host.proc.ProcFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshdConfigReaderTest {

    @TempDir
    Path host;

    @Test
    void debianCloudImageTheFirstIncludedValueWinsOverEverythingAfterIt() {
        Map<String, Fact> facts = read(Path.of("src/test/resources/hostroot/debian-cloud-sshd"));

        assertEquals(Fact.present("sshd.passwordauthentication", "no", "/etc/ssh/sshd_config.d/50-cloud-init.conf:1"),
                facts.get("sshd.passwordauthentication"));
        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/sshd_config.d/60-hardening.conf:3"),
                facts.get("sshd.permitrootlogin"));
        // the drop-in comes before the main file's own X11Forwarding yes, because the Include is at the top
        assertEquals(Fact.present("sshd.x11forwarding", "no", "/etc/ssh/sshd_config.d/60-hardening.conf:4"),
                facts.get("sshd.x11forwarding"));
        assertEquals(Fact.present("sshd.kbdinteractiveauthentication", "no", "/etc/ssh/sshd_config:31"),
                facts.get("sshd.kbdinteractiveauthentication"));
        assertEquals(Fact.present("sshd.usepam", "yes", "/etc/ssh/sshd_config:33"), facts.get("sshd.usepam"));
        assertEquals(Fact.present("sshd.subsystem", "sftp /usr/lib/openssh/sftp-server", "/etc/ssh/sshd_config:48"),
                facts.get("sshd.subsystem"));
        assertEquals(Fact.present("sshd.maxauthtries", "6", "OpenSSH default"), facts.get("sshd.maxauthtries"));
        assertEquals(Fact.present("sshd.listenaddress", "0.0.0.0 ::", "OpenSSH default"), facts.get("sshd.listenaddress"));
        assertEquals(Fact.present("sshd.port", "22", "OpenSSH default"), facts.get("sshd.port"));
    }

    @Test
    void aMatchBlockValueIsAnExtraObservationAfterTheGlobalOneNamingTheBlock() throws IOException {
        write("etc/ssh/sshd_config", """
                PasswordAuthentication no
                Match User deploy
                    PasswordAuthentication yes
                    PasswordAuthentication no
                    PermitRootLogin yes
                """);

        Map<String, Fact> facts = read(host);

        assertEquals(Fact.present("sshd.passwordauthentication", List.of(
                        new Observed("no", "/etc/ssh/sshd_config:1"),
                        new Observed("yes", "/etc/ssh/sshd_config:3 (Match User deploy)"))),
                facts.get("sshd.passwordauthentication"));
        // nothing global: the OpenSSH default still comes first
        assertEquals(Fact.present("sshd.permitrootlogin", List.of(
                        new Observed("prohibit-password", "OpenSSH default"),
                        new Observed("yes", "/etc/ssh/sshd_config:5 (Match User deploy)"))),
                facts.get("sshd.permitrootlogin"));
    }

    @Test
    void eachMatchBlockAddsItsOwnObservationInFileOrder() throws IOException {
        write("etc/ssh/sshd_config", """
                Match Address 10.0.0.0/8
                    PermitRootLogin yes
                Match Group admins
                    PermitRootLogin without-password
                """);

        assertEquals(List.of(
                        new Observed("prohibit-password", "OpenSSH default"),
                        new Observed("yes", "/etc/ssh/sshd_config:2 (Match Address 10.0.0.0/8)"),
                        new Observed("without-password", "/etc/ssh/sshd_config:4 (Match Group admins)")),
                read(host).get("sshd.permitrootlogin").observed());
    }

    @Test
    void matchAllReturnsToGlobalSettings() throws IOException {
        write("etc/ssh/sshd_config", """
                Match User backup
                    X11Forwarding yes
                Match all
                X11Forwarding no
                """);

        assertEquals(Fact.present("sshd.x11forwarding", List.of(new Observed("no", "/etc/ssh/sshd_config:4"),
                        new Observed("yes", "/etc/ssh/sshd_config:2 (Match User backup)"))),
                read(host).get("sshd.x11forwarding"));
    }

    @Test
    void theFirstOfDuplicateKeywordsWinsWhateverTheirCase() throws IOException {
        write("etc/ssh/sshd_config", """
                # hardening
                permitrootlogin No
                PERMITROOTLOGIN yes
                PermitRootLogin=yes
                MaxAuthTries 3
                maxauthtries 10
                LogLevel verbose
                """);

        Map<String, Fact> facts = read(host);

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/sshd_config:2"), facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.present("sshd.maxauthtries", "3", "/etc/ssh/sshd_config:5"), facts.get("sshd.maxauthtries"));
        assertEquals(Fact.present("sshd.loglevel", "VERBOSE", "/etc/ssh/sshd_config:7"), facts.get("sshd.loglevel"));
    }

    @Test
    void everyPortLineCountsAndReplacesTheDefault() throws IOException {
        write("etc/ssh/sshd_config", "Port 22\nPort 2222\n");

        assertEquals(Fact.present("sshd.port", List.of(new Observed("22", "/etc/ssh/sshd_config:1"),
                new Observed("2222", "/etc/ssh/sshd_config:2"))), read(host).get("sshd.port"));
    }

    @Test
    void challengeResponseAuthenticationIsTheOldNameOfKbdInteractiveAuthentication() throws IOException {
        write("etc/ssh/sshd_config", "ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\n");

        assertEquals(Fact.present("sshd.kbdinteractiveauthentication", "no", "/etc/ssh/sshd_config:1"),
                read(host).get("sshd.kbdinteractiveauthentication"));
    }

    @Test
    void relativeIncludesAreUnderEtcSshAndReadInLexicalOrderSkippingDotFiles() throws IOException {
        write("etc/ssh/sshd_config", "Include conf.d/*.conf\nPermitRootLogin yes\n");
        write("etc/ssh/conf.d/20-b.conf", "MaxSessions 4\nPermitRootLogin forced-commands-only\n");
        write("etc/ssh/conf.d/10-a.conf", "MaxSessions 2\n");
        write("etc/ssh/conf.d/.00-hidden.conf", "PermitRootLogin no\n");
        write("etc/ssh/conf.d/05-not-conf.txt", "MaxSessions 1\n");

        Map<String, Fact> facts = read(host);

        assertEquals(Fact.present("sshd.maxsessions", "2", "/etc/ssh/conf.d/10-a.conf:1"), facts.get("sshd.maxsessions"));
        assertEquals(Fact.present("sshd.permitrootlogin", "forced-commands-only", "/etc/ssh/conf.d/20-b.conf:2"),
                facts.get("sshd.permitrootlogin"));
    }

    @Test
    void anIncludeInsideAMatchBlockBelongsToTheBlockEvenPastMatchAll() throws IOException {
        write("etc/ssh/sshd_config", """
                Match Group sftp-only
                    Include /etc/ssh/sftp.conf
                Match all
                AllowTcpForwarding no
                """);
        write("etc/ssh/sftp.conf", "PermitRootLogin yes\nMatch all\nPasswordAuthentication yes\nAllowTcpForwarding yes\n");

        Map<String, Fact> facts = read(host);

        assertEquals(List.of(new Observed("prohibit-password", "OpenSSH default"),
                        new Observed("yes", "/etc/ssh/sftp.conf:1 (Match Group sftp-only)")),
                facts.get("sshd.permitrootlogin").observed());
        assertEquals(List.of(new Observed("yes", "OpenSSH default"),
                        new Observed("yes", "/etc/ssh/sftp.conf:3 (Match Group sftp-only)")),
                facts.get("sshd.passwordauthentication").observed());
        assertEquals(List.of(new Observed("no", "/etc/ssh/sshd_config:4"),
                        new Observed("yes", "/etc/ssh/sftp.conf:4 (Match Group sftp-only)")),
                facts.get("sshd.allowtcpforwarding").observed());
    }

    @Test
    void aMatchBlockInAnIncludedFileEndsWithThatFile() throws IOException {
        write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n");
        write("etc/ssh/sshd_config.d/10-admins.conf", "Match User admin\n    PermitRootLogin yes\n");

        assertEquals(List.of(new Observed("no", "/etc/ssh/sshd_config:2"),
                        new Observed("yes", "/etc/ssh/sshd_config.d/10-admins.conf:2 (Match User admin)")),
                read(host).get("sshd.permitrootlogin").observed());
    }

    @Test
    void aKeywordSetOnlyInAMatchBlockIsPresentWithThatObservation() throws IOException {
        write("etc/ssh/sshd_config", "Match Group sftp\n    ForceCommand internal-sftp\n");

        assertEquals(Fact.present("sshd.forcecommand", "internal-sftp", "/etc/ssh/sshd_config:2 (Match Group sftp)"),
                read(host).get("sshd.forcecommand"));
    }

    @Test
    void anIncludeThatMatchesNothingIsFine() throws IOException {
        write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nInclude /etc/ssh/missing.conf\nUsePAM YES\n");

        assertEquals(Fact.present("sshd.usepam", "yes", "/etc/ssh/sshd_config:3"), read(host).get("sshd.usepam"));
    }

    @Test
    void noSshdConfigMeansEverySshdFactIsAbsent() {
        Map<String, Fact> facts = read(host);

        assertEquals(Fact.absent("sshd.permitrootlogin", "sshd is not installed (no /etc/ssh/sshd_config)"),
                facts.get("sshd.permitrootlogin"));
        assertTrue(facts.values().stream().allMatch(f -> f.state() == Fact.State.ABSENT));
        assertEquals(SshdDefaults.VALUES.size() + 1, facts.size());
        assertEquals(Fact.absent("sshd.configfile", "sshd is not running and /etc/ssh/sshd_config does not exist"),
                facts.get("sshd.configfile"));
    }

    @Test
    void withoutARunningSshdTheConfigFileIsTheDefaultPath() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\n");

        assertEquals(Fact.present("sshd.configfile", "/etc/ssh/sshd_config", "OpenSSH default"),
                read(host).get("sshd.configfile"));
    }

    @Test
    void aRunningSshdWithoutDashFReadsTheDefaultPath() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\n");
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D");

        assertEquals(Fact.present("sshd.configfile", "/etc/ssh/sshd_config", "OpenSSH default (no -f on /proc/812/cmdline)"),
                read(host, sshdRunning(812)).get("sshd.configfile"));
    }

    @Test
    void anUnreadableIncludedFileMakesEverySshdFactAnError() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\nInclude /etc/ssh/sshd_config.d/*.conf\n");
        Files.createDirectories(host.resolve("etc/ssh/sshd_config.d"));
        Files.createSymbolicLink(host.resolve("etc/ssh/sshd_config.d/50-gone.conf"), Path.of("/nowhere/50-gone.conf"));

        Map<String, Fact> facts = read(host);

        String reason = "/etc/ssh/sshd_config.d/50-gone.conf does not exist";
        assertEquals(Fact.error("sshd.permitrootlogin", reason), facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.error("sshd.maxauthtries", reason), facts.get("sshd.maxauthtries"));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anIncludedFifoIsAnErrorInsteadOfBlockingTheScan() throws Exception {
        write("etc/ssh/sshd_config", "PermitRootLogin no\nInclude /etc/ssh/sshd_config.d/*.conf\n");
        Fifos.mkfifo(host.resolve("etc/ssh/sshd_config.d/50-pipe.conf"));

        assertEquals(Fact.error("sshd.permitrootlogin", "/etc/ssh/sshd_config.d/50-pipe.conf: not a regular file (a FIFO)"),
                read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void anIncludedFileOverOneMebibyteIsAnErrorNotReadIntoMemory() throws IOException {
        write("etc/ssh/sshd_config", "Include /etc/ssh/huge.conf\n");
        write("etc/ssh/huge.conf", "#".repeat(BoundedFiles.MAX_BYTES) + "\n");

        assertEquals(Fact.error("sshd.port", "/etc/ssh/huge.conf: larger than 1048576 bytes, not read"),
                read(host).get("sshd.port"));
    }

    @Test
    void aLineSshdWouldRefuseMakesEverySshdFactAnErrorNamingTheLine() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\nBanner \"/etc/issue\n");

        assertEquals(Fact.error("sshd.permitrootlogin", "/etc/ssh/sshd_config:2: unterminated double quote (sshd refuses this file)"),
                read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void includesNestedDeeperThanSshdAllowsAreAnError() throws IOException {
        write("etc/ssh/sshd_config", "Include /etc/ssh/loop.conf\n");
        write("etc/ssh/loop.conf", "Include /etc/ssh/loop.conf\n");

        assertEquals(Fact.error("sshd.port", "/etc/ssh/loop.conf:1: Include nested more than 16 deep"),
                read(host).get("sshd.port"));
    }

    @Test
    void anOptionOnSshdsCommandLineWinsOverTheFileFirstOneFirst() throws IOException {
        write("etc/ssh/sshd_config", "PasswordAuthentication no\n");
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D", "-o", "PasswordAuthentication=yes",
                "-o", "PasswordAuthentication=no");

        assertEquals(Fact.present("sshd.passwordauthentication", "yes", "sshd -o on /proc/812/cmdline"),
                read(host, sshdRunning(812)).get("sshd.passwordauthentication"));
    }

    @Test
    void theRetitledDebianListenersFlagsCountToo() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\n");
        Files.createDirectories(host.resolve("proc/812"));
        Files.writeString(host.resolve("proc/812/cmdline"),
                "sshd: /usr/sbin/sshd -D -o PermitRootLogin=yes [listener] 0 of 10-100 startups");

        assertEquals(Fact.present("sshd.permitrootlogin", "yes", "sshd -o on /proc/812/cmdline"),
                read(host, sshdRunning(812)).get("sshd.permitrootlogin"));
    }

    @Test
    void aRetitledListenersOptionWithASpaceKeepsItsValue() throws IOException {
        // OpenSSH >= 8.2 joins argv with spaces: ExecStart=/usr/sbin/sshd -D -o "PermitRootLogin no"
        write("etc/ssh/sshd_config", "PermitRootLogin yes\n");
        Files.createDirectories(host.resolve("proc/812"));
        Files.writeString(host.resolve("proc/812/cmdline"),
                "sshd: /usr/sbin/sshd -D -o PermitRootLogin no [listener] 0 of 10-100 startups");

        Map<String, Fact> facts = read(host, sshdRunning(812));

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "sshd -o on /proc/812/cmdline"), facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.present("sshd.maxauthtries", "6", "OpenSSH default"), facts.get("sshd.maxauthtries"));
    }

    @Test
    void dashFNamesTheConfigFileSshdReadsInstead() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin yes\n");
        write("etc/ssh/hardened_config", "PermitRootLogin no\n");
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D", "-f", "/etc/ssh/hardened_config");

        Map<String, Fact> facts = read(host, sshdRunning(812));

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/hardened_config:1"),
                facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.present("sshd.configfile", "/etc/ssh/hardened_config", "sshd -f on /proc/812/cmdline"),
                facts.get("sshd.configfile"));
    }

    @Test
    void aRelativeDashFIsOpenedFromSshdsWorkingDirectory() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin yes\n");
        write("srv/ssh/hardened_config", "PermitRootLogin no\n");
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D", "-f", "ssh/hardened_config");
        Files.createSymbolicLink(host.resolve("proc/812/cwd"), Path.of("/srv"));

        Map<String, Fact> facts = read(host, sshdRunning(812));

        assertEquals(Fact.present("sshd.configfile", "/srv/ssh/hardened_config", "sshd -f on /proc/812/cmdline"),
                facts.get("sshd.configfile"));
        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/srv/ssh/hardened_config:1"),
                facts.get("sshd.permitrootlogin"));
    }

    @Test
    void aRelativeDashFWithAnUnreadableWorkingDirectoryIsAnError() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin yes\n");
        write("ssh/hardened_config", "PermitRootLogin no\n");
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D", "-f", "ssh/hardened_config");

        Map<String, Fact> facts = read(host, sshdRunning(812));

        String reason = "cannot resolve relative -f ssh/hardened_config: cannot read /proc/812/cwd: no such file"
                + " (sshd -f on /proc/812/cmdline)";
        assertEquals(Fact.error("sshd.configfile", reason), facts.get("sshd.configfile"));
        assertEquals(Fact.error("sshd.permitrootlogin", reason), facts.get("sshd.permitrootlogin"));
    }

    @Test
    void aRunningSshdsConfigFileWeCannotSeeIsAnErrorNotAbsent() throws IOException {
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D", "-f", "/etc/ssh/elsewhere");

        Map<String, Fact> facts = read(host, sshdRunning(812));

        assertEquals(Fact.error("sshd.permitrootlogin", "/etc/ssh/elsewhere is named by sshd -f on /proc/812/cmdline"
                        + " but is not visible under the host root (not mounted?)"), facts.get("sshd.permitrootlogin"));
        // the path is known all the same: the file role reports it missing as an ERROR too
        assertEquals(Fact.present("sshd.configfile", "/etc/ssh/elsewhere", "sshd -f on /proc/812/cmdline"),
                facts.get("sshd.configfile"));
    }

    @Test
    void aRunningSshdsDefaultConfigWeCannotSeeIsAnErrorNamingTheDefault() throws IOException {
        ProcFixtures.cmdline(host, 812, "/usr/sbin/sshd", "-D");

        assertEquals(Fact.error("sshd.permitrootlogin", "/etc/ssh/sshd_config is named by OpenSSH default"
                        + " (no -f on /proc/812/cmdline) but is not visible under the host root (not mounted?)"),
                read(host, sshdRunning(812)).get("sshd.permitrootlogin"));
    }

    @Test
    void sshdGoneBeforeItsArgumentsCouldBeReadIsAnError() throws IOException {
        write("etc/ssh/sshd_config", "PermitRootLogin no\n");

        Map<String, Fact> facts = read(host, sshdRunning(812));

        String reason = "cannot read sshd's arguments: /proc/812/cmdline does not exist";
        assertEquals(Fact.error("sshd.permitrootlogin", reason), facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.error("sshd.configfile", reason), facts.get("sshd.configfile"));
    }

    @Test
    void anUnknownKeywordIsRefusedWithSshdsOwnMessage() throws IOException {
        // servconf.c parse_token: "Bad configuration option: %s", then fatal after the whole file
        write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n");
        write("etc/ssh/sshd_config.d/50-typo.conf", "PermitRootLogn no\n");

        assertEquals(Fact.error("sshd.permitrootlogin", "/etc/ssh/sshd_config.d/50-typo.conf:1: Bad configuration option:"
                + " PermitRootLogn (sshd refuses this file)"), read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void aQuotedKeywordIsTheKeyword() throws IOException {
        write("etc/ssh/sshd_config", "\"PermitRootLogin\" no\nPermitRootLogin yes\n");

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/sshd_config:1"), read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void refusalsNameTheLineWithSshdsText() throws IOException {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("PermitRootLogin\n", "no argument after keyword \"PermitRootLogin\"");
        cases.put("Banner /a /b\n", "keyword Banner extra arguments at end of line");
        cases.put("PermitRootLogin no#x\n", "unsupported option \"no#x\".");
        cases.put("MaxAuthTries 3x\n", "MaxAuthTries integer value invalid.");
        cases.put("Match User bob\n  Port 2222\n", "Directive 'Port' is not allowed within a Match block");
        cases.put("Match User\n", "Missing Match criteria for User");
        cases.put("Include \"\"\n", "keyword Include empty argument");
        for (var c : cases.entrySet()) {
            write("etc/ssh/sshd_config", c.getKey());
            int line = c.getKey().startsWith("Match User bob") ? 2 : 1;
            assertEquals(Fact.error("sshd.x11forwarding", "/etc/ssh/sshd_config:" + line + ": " + c.getValue()
                    + " (sshd refuses this file)"), read(host).get("sshd.x11forwarding"), c.getKey());
        }
    }

    @Test
    void deprecatedAndUnsupportedKeywordsAreOnlyLoggedBySshd() throws IOException {
        write("etc/ssh/sshd_config", "UseLogin no\nProtocol 2\nKerberosGetAFSToken yes\nPermitRootLogin no\n");

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/sshd_config:4"), read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void includeGlobsFollowGlob3() throws IOException {
        write("etc/ssh/sshd_config", "Include conf.d/[[:digit:]]*.conf conf.d/[x conf.d/\\*.conf\n");
        write("etc/ssh/conf.d/a0.conf", "MaxSessions 1\n");
        write("etc/ssh/conf.d/9z.conf", "PermitRootLogin no\n");
        write("etc/ssh/conf.d/[x", "MaxAuthTries 2\n");      // '[' without ']' is literal
        write("etc/ssh/conf.d/*.conf", "MaxSessions 3\n");  // an escaped '*' is literal
        Files.createDirectories(host.resolve("etc/ssh/conf.d/5-dir.conf"));  // a directory reads as empty

        Map<String, Fact> facts = read(host);

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/conf.d/9z.conf:1"), facts.get("sshd.permitrootlogin"));
        assertEquals(Fact.present("sshd.maxauthtries", "2", "/etc/ssh/conf.d/[x:1"), facts.get("sshd.maxauthtries"));
        assertEquals(Fact.present("sshd.maxsessions", "3", "/etc/ssh/conf.d/*.conf:1"), facts.get("sshd.maxsessions"));
    }

    @Test
    void anIncludeSixteenDeepThatMatchesNothingIsFine() throws IOException {
        write("etc/ssh/sshd_config", "Include l1\n");
        for (int i = 1; i <= 16; i++) {
            write("etc/ssh/l" + i, i < 16 ? "Include l" + (i + 1) + "\n" : "Include /etc/ssh/none/*\nPermitRootLogin no\n");
        }

        assertEquals(Fact.present("sshd.permitrootlogin", "no", "/etc/ssh/l16:2"), read(host).get("sshd.permitrootlogin"));
    }

    @Test
    void aFanOutOfIncludesEndsQuicklyWithAnErrorPastTheBound() throws IOException {
        // 16 levels of 100 files, each including all of the next level: 100^16 files for sshd
        write("etc/ssh/sshd_config", "Include /etc/ssh/l1/*.conf\n");
        for (int level = 1; level <= 16; level++) {
            for (int f = 0; f < 100; f++) {
                write("etc/ssh/l" + level + "/" + f + ".conf", level < 16 ? "Include /etc/ssh/l" + (level + 1) + "/*.conf\n"
                        : "PermitRootLogin no\n");
            }
        }

        Fact fact = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(host).get("sshd.permitrootlogin"));

        assertEquals(Fact.State.ERROR, fact.state());
        assertTrue(fact.reason().contains("more than " + SshdConfigReader.MAX_FILES + " files read through Include"), fact.reason());
    }

    @Test
    void aFileIncludingItselfThroughAGlobEndsQuicklyWithAnError() throws IOException {
        write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n");
        for (int f = 0; f < 100; f++) {
            write("etc/ssh/sshd_config.d/" + f + ".conf", "Include /etc/ssh/sshd_config.d/*.conf\n");
        }

        Fact fact = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(host).get("sshd.port"));

        assertEquals(Fact.State.ERROR, fact.state());
    }

    private static HostFacts sshdRunning(int pid) {
        return HostFacts.builder().add(Fact.present("process.sshd", String.valueOf(pid), "/proc/" + pid + "/cmdline")).build();
    }

    private Map<String, Fact> read(Path root) {
        return read(root, HostFacts.builder().build());
    }

    private Map<String, Fact> read(Path root, HostFacts known) {
        return new SshdConfigReader().read(HostScan.of(HostRoot.of(root)), known).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }

    private void write(String relative, String content) throws IOException {
        Path file = host.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
