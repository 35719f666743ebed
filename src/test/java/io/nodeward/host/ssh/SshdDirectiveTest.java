package io.nodeward.host.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SshdDirectiveTest {

    @ParameterizedTest
    @ValueSource(strings = {"PermitRootLogin no", "permitrootlogin no", "PERMITROOTLOGIN\tno", "  PermitRootLogin   no  ",
            "PermitRootLogin=no", "PermitRootLogin = no", "PermitRootLogin =no", "PermitRootLogin no # no root, ever",
            "PermitRootLogin \"no\""})
    void keywordIsCaseInsensitiveAndSeparatedBySpaceOrOneEquals(String line) {
        assertEquals(Optional.of(new SshdDirective("permitrootlogin", List.of("no"))), SshdDirective.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "# PermitRootLogin yes", "   #PasswordAuthentication yes"})
    void blankAndCommentLinesAreNotDirectives(String line) {
        assertEquals(Optional.empty(), SshdDirective.parse(line));
    }

    @Test
    void quotedArgumentsKeepTheirSpaces() {
        SshdDirective banner = SshdDirective.parse("Banner \"/etc/issue net\"").orElseThrow();
        assertEquals(List.of("/etc/issue net"), banner.arguments());
    }

    @Test
    void severalArgumentsAreJoinedBySingleSpaces() {
        assertEquals("sftp /usr/lib/openssh/sftp-server",
                SshdDirective.parse("Subsystem\tsftp\t/usr/lib/openssh/sftp-server").orElseThrow().value());
    }

    @Test
    void anOpenQuoteOrAMissingValueIsRefusedAsSshdRefusesIt() {
        assertEquals("unterminated double quote",
                assertThrows(IllegalArgumentException.class, () -> SshdDirective.parse("Banner \"/etc/issue")).getMessage());
        assertEquals("PermitRootLogin has no value",
                assertThrows(IllegalArgumentException.class, () -> SshdDirective.parse("PermitRootLogin")).getMessage());
    }
}
