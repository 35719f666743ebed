package io.nodeward.host.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One test per rule of misc.c strdelim_internal/argv_split and servconf.c process_server_config_line_depth. */
class SshdTokensTest {

    private static SshdTokens.Line line(String text) {
        return SshdTokens.line(text).orElseThrow();
    }

    @Test
    void aDoubleQuotedKeywordIsTheKeyword() {
        // strdelim_internal: a '"' removes itself and quotes up to the next '"'
        assertEquals(new SshdTokens.Line("PermitRootLogin", List.of("no")), line("\"PermitRootLogin\" no"));
        assertEquals(new SshdTokens.Line("PermitRootLogin", List.of("no")), line("Permit\"RootLogin\" no"));
    }

    @Test
    void aKeywordWhoseQuoteIsNotClosedMakesSshdIgnoreTheLine() {
        // strdelim returns NULL; process_server_config_line_depth returns 0 without a message
        assertEquals(Optional.empty(), SshdTokens.line("\"PermitRootLogin no"));
    }

    @Test
    void afterAQuotedKeywordOnlyWhitespaceIsSkippedNotAnEquals() {
        // strdelim_internal's quote branch: *s += strspn(*s + 1, WHITESPACE) + 1
        assertEquals(List.of("=no"), line("\"PermitRootLogin\"=no").arguments());
    }

    @Test
    void oneEqualsWithWhitespaceAroundItSeparates() {
        // strdelim_internal: "Allow only one '=' to be skipped"
        assertEquals(List.of("no"), line("PermitRootLogin=no").arguments());
        assertEquals(List.of("no"), line("PermitRootLogin = no").arguments());
        assertEquals(List.of("no"), line("PermitRootLogin\t=\tno").arguments());
        assertEquals(List.of("=", "no"), line("PermitRootLogin == no").arguments());
        assertEquals(List.of("=no"), line("PermitRootLogin==no").arguments());
    }

    @Test
    void aLineStartingWithEqualsStillHasItsKeyword() {
        // "if (*keyword == '\0') keyword = strdelim(&str)"
        assertEquals(new SshdTokens.Line("PermitRootLogin", List.of("no")), line("=PermitRootLogin no"));
    }

    @Test
    void leadingAndTrailingWhitespaceIsStripped() {
        // load_server_config strips " \t\r" in front; the line processor strips WHITESPACE and \f behind
        assertEquals(new SshdTokens.Line("Port", List.of("22")), line(" \t\rPort 22 \t\f\r"));
    }

    @Test
    void aHashStartsACommentOnlyWhereAWordWouldStart() {
        // argv_split(..., terminate_on_comment=1)
        assertEquals(List.of("no"), line("PermitRootLogin no # never").arguments());
        assertEquals(List.of("no#x"), line("PermitRootLogin no#x").arguments());
        assertEquals(List.of(), line("PermitRootLogin #no").arguments());
        assertEquals(List.of("#x"), line("Banner \"#x\"").arguments());
        assertEquals(Optional.empty(), SshdTokens.line("#PermitRootLogin no"));
        assertEquals(Optional.empty(), SshdTokens.line("\"#PermitRootLogin\" no"));
    }

    @Test
    void quotesOfBothKindsJoinWordsAnywhereInThem() {
        // argv_split: a quote may open mid-word; the other kind is literal inside
        assertEquals(List.of("ab cd"), line("Banner a\"b c\"d").arguments());
        assertEquals(List.of("it's here"), line("Banner \"it's here\"").arguments());
        assertEquals(List.of("say \"hi\""), line("Banner 'say \"hi\"'").arguments());
        assertEquals(List.of(""), line("Banner \"\"").arguments());
    }

    @Test
    void backslashEscapesOnlyQuotesBackslashAndAnUnquotedSpace() {
        // argv_split: \\ \" \' and (outside quotes) "\ " are unescaped; any other \x stays as written
        assertEquals(List.of("a b"), line("Banner a\\ b").arguments());
        assertEquals(List.of("a\\ b"), line("Banner \"a\\ b\"").arguments());
        assertEquals(List.of("\"x'\\"), line("Banner \\\"x\\'\\\\").arguments());
        assertEquals(List.of("\\d\\n"), line("Banner \\d\\n").arguments());
    }

    @Test
    void argumentsSplitOnSpaceAndTabOnly() {
        assertEquals(List.of("sftp", "/usr/lib/openssh/sftp-server"), line("Subsystem\tsftp  /usr/lib/openssh/sftp-server").arguments());
    }

    @Test
    void anArgumentQuoteLeftOpenIsRefused() {
        // argv_split returns SSH_ERR_INVALID_FORMAT: "%s line %d: invalid quotes"
        assertThrows(SshdTokens.Refused.class, () -> SshdTokens.line("Banner \"/etc/issue"));
        assertEquals("unterminated single quote",
                assertThrows(SshdTokens.Refused.class, () -> SshdTokens.line("Banner 'x")).getMessage());
    }

    @Test
    void aKeywordAloneIsRefusedWithSshdsMessage() {
        assertEquals("no argument after keyword \"PermitRootLogin\"",
                assertThrows(SshdTokens.Refused.class, () -> SshdTokens.line("PermitRootLogin")).getMessage());
        assertEquals("no argument after keyword \"PermitRootLogin\"",
                assertThrows(SshdTokens.Refused.class, () -> SshdTokens.line("PermitRootLogin=")).getMessage());
    }

    @Test
    void strdelimReturnsTheTokenAndTheRest() {
        assertArrayEquals(new String[]{"a", "b c"}, SshdTokens.strdelim("a b c"));
        assertArrayEquals(new String[]{"abc", null}, SshdTokens.strdelim("abc"));
    }
}
