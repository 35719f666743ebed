package io.nodeward.host.ssh;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** glibc fnmatch(3) with FNM_PERIOD, as glob(3) uses it for sshd's Include (servconf.c case sInclude). */
class GlobPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*.conf|10-a.conf|true",
            "*.conf|10-a.confx|false",
            "*.conf|.hidden.conf|false",          // FNM_PERIOD: '*' does not match a leading dot
            "?hidden.conf|.hidden.conf|false",
            "[.]hidden.conf|.hidden.conf|false",  // nor does a bracket
            ".*.conf|.hidden.conf|true",          // a literal dot does
            "\\.hidden|.hidden|true",
            "[0-9][0-9]-*|50-x|true",
            "[0-9][0-9]-*|5x-x|false",
            "[!0-9]*|a|true",
            "[!0-9]*|5|false",
            "[^0-9]*|5|false",
            "[[:digit:]]*.conf|9.conf|true",
            "[[:alpha:]]*|9|false",
            "[]]x|]x|true",
            "[x|[x|true",                         // '[' without ']' is a literal character
            "\\*.conf|*.conf|true",               // an escaped wildcard is literal
            "\\*.conf|a.conf|false",
            "a*b*c|aXbYc|true",
            "a*b*c|aXbY|false",
            "*|x|true",
            "a?c|abc|true"})
    void matchesAsFnmatch(String pattern, String name, boolean matches) {
        assertEquals(matches, new GlobPattern(pattern).matches(name));
    }

    @ParameterizedTest(name = "{0} magic={1} literal={2}")
    @CsvSource(delimiter = '|', value = {
            "sshd_config.d|false|sshd_config.d",
            "*.conf|true|*.conf",
            "[x|false|[x",
            "\\*.conf|false|*.conf",
            "a\\[b]|false|a[b]",
            "[ab]|true|[ab]"})
    void aComponentWithoutWildcardsIsALiteralName(String pattern, boolean magic, String literal) {
        GlobPattern glob = new GlobPattern(pattern);
        assertEquals(magic, glob.isMagic());
        if (!magic) {
            assertEquals(literal, glob.literal());
        }
    }
}
