package io.nodeward.host.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SshdCommandLineTest {

    @Test
    void plainArgvGivesTheConfigFileAndOverridesInOrder() {
        assertEquals(new SshdCommandLine(Optional.of("/etc/ssh/custom_config"),
                        List.of("PasswordAuthentication=yes", "PermitRootLogin no")),
                SshdCommandLine.parse(List.of("/usr/sbin/sshd", "-D", "-f", "/etc/ssh/custom_config",
                        "-o", "PasswordAuthentication=yes", "-o", "PermitRootLogin no")));
    }

    @Test
    void attachedAndBundledOptionsAreReadAsGetoptDoes() {
        assertEquals(new SshdCommandLine(Optional.of("/srv/sshd.conf"), List.of("X11Forwarding=yes", "MaxAuthTries=3")),
                SshdCommandLine.parse(List.of("sshd", "-De", "-oX11Forwarding=yes", "-Df/srv/sshd.conf",
                        "-p", "2222", "-o", "MaxAuthTries=3")));
    }

    @Test
    void theRetitledListenerKeepsItsFlagsInTheTitle() {
        assertEquals(new SshdCommandLine(Optional.empty(), List.of("PasswordAuthentication=yes")),
                SshdCommandLine.parse(List.of(
                        "sshd: /usr/sbin/sshd -D -o PasswordAuthentication=yes [listener] 0 of 10-100 startups", "", "")));
    }

    @Test
    void aRetitledListenerJoinsTheWordsOfAnOptionWithSpacesUpToTheNextFlag() {
        // ExecStart=/usr/sbin/sshd -D -o "PermitRootLogin no" -o "AuthorizedKeysFile=.ssh/a .ssh/b" -p 22
        assertEquals(new SshdCommandLine(Optional.empty(), List.of("PermitRootLogin no", "AuthorizedKeysFile=.ssh/a .ssh/b")),
                SshdCommandLine.parse(List.of("sshd: /usr/sbin/sshd -D -o PermitRootLogin no"
                        + " -o AuthorizedKeysFile=.ssh/a .ssh/b -p 22 [listener] 0 of 10-100 startups")));
    }

    @Test
    void aRetitledListenerEndsTheLastOptionAtListener() {
        assertEquals(new SshdCommandLine(Optional.empty(), List.of("PermitRootLogin no")),
                SshdCommandLine.parse(List.of("sshd: /usr/sbin/sshd -D -o PermitRootLogin no [listener] 0 of 10-100 startups")));
    }

    @Test
    void inPlainArgvAnOptionIsOneArgumentAndTheNextWordIsNotPartOfIt() {
        // sshd would not start with an operand, but the option is still just its own argument
        assertEquals(new SshdCommandLine(Optional.empty(), List.of("PermitRootLogin", "X11Forwarding no")),
                SshdCommandLine.parse(List.of("/usr/sbin/sshd", "-o", "PermitRootLogin", "no", "-o", "X11Forwarding no")));
    }

    @Test
    void aRetitledPerConnectionChildShowsNoFlags() {
        assertEquals(SshdCommandLine.NONE, SshdCommandLine.parse(List.of("sshd: root@pts/0")));
    }

    @Test
    void aDebianListenerWithoutFlagsHasNone() {
        assertEquals(SshdCommandLine.NONE,
                SshdCommandLine.parse(List.of("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups")));
    }
}
