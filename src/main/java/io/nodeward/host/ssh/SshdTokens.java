package io.nodeward.host.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * sshd_config lines split exactly as OpenSSH's sshd splits them (openssh-portable, the same from
 * 8.x to 10.x): {@code load_server_config} and {@code process_server_config_line_depth} in
 * servconf.c, {@code strdelim_internal} and {@code argv_split} in misc.c. The keyword and the
 * arguments are split by two different routines, which is why their rules differ: the keyword may
 * be double-quoted and ends at one {@code =}; the arguments take double and single quotes,
 * backslash escapes and {@code #} comments.
 */
final class SshdTokens {

    /** misc.h WHITESPACE. */
    private static final String WHITESPACE = " \t\r\n";

    /**
     * One line as sshd reads it.
     *
     * @param keyword   the keyword as written (quotes removed), for sshd's messages
     * @param arguments the arguments as argv_split returns them
     */
    record Line(String keyword, List<String> arguments) {
    }

    /** A line sshd refuses; the message is sshd's own text without its "file line N:" prefix. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message, null);
        }
    }

    private SshdTokens() {
    }

    /**
     * The keyword and arguments of one line; empty when sshd ignores the line (blank, a comment,
     * or a keyword whose opening double quote is never closed: strdelim returns NULL and
     * process_server_config_line_depth returns 0 without a word).
     *
     * @throws Refused for a keyword alone (sshd: {@code no argument after keyword "X"}) or an
     *                 argument's quote left open (sshd says "invalid quotes"; we name the quote)
     */
    static Optional<Line> line(String raw) {
        // load_server_config strips leading " \t\r"; process_server_config_line_depth strips
        // trailing WHITESPACE and \f, but never the line's first character (its loop stops at 1)
        String text = raw.substring(span(raw, 0, " \t\r"));
        int end = text.length();
        while (end > 1 && (WHITESPACE + "\f").indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        text = text.substring(0, end);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] split = strdelim(text);
        if (split != null && split[0].isEmpty()) {
            // "if (*keyword == '\0') keyword = strdelim(&str)": a line starting "=Keyword" still counts
            split = split[1] == null ? null : strdelim(split[1]);
        }
        if (split == null || split[0].isEmpty() || split[0].startsWith("#")) {
            return Optional.empty();
        }
        String keyword = split[0];
        String rest = split[1];
        if (rest == null || rest.isEmpty()) {
            throw new Refused("no argument after keyword \"" + keyword + "\"");
        }
        return Optional.of(new Line(keyword, argvSplit(rest)));
    }

    /**
     * misc.c {@code strdelim_internal(s, split_equals=1)}: the first token and the rest (null when
     * the token ran to the end of the string), or null when a double quote is not closed. The
     * token ends at whitespace, at a double quote (which then quotes up to the next one; only
     * whitespace after it is skipped, not '=') or at one '=' (whitespace around it is skipped, a
     * second '=' is not).
     */
    static String[] strdelim(String s) {
        int at = indexOfAny(s, 0, WHITESPACE + "\"=");
        if (at < 0) {
            return new String[]{s, null};
        }
        if (s.charAt(at) == '"') {
            String unquoted = s.substring(0, at) + s.substring(at + 1); // the memmove
            int close = unquoted.indexOf('"', at);
            if (close < 0) {
                return null;
            }
            return new String[]{unquoted.substring(0, close), unquoted.substring(span(unquoted, close + 1, WHITESPACE))};
        }
        boolean equals = s.charAt(at) == '=';
        int next = span(s, at + 1, WHITESPACE);
        if (!equals && next < s.length() && s.charAt(next) == '=') {
            next = span(s, next + 1, WHITESPACE);
        }
        return new String[]{s.substring(0, at), s.substring(next)};
    }

    /**
     * misc.c {@code argv_split(s, ..., terminate_on_comment=1)}: words split on space and tab;
     * {@code "} and {@code '} quote anywhere in a word; a backslash escapes {@code \ " '} and, outside
     * quotes, a space, and stays literal before anything else; {@code #} ends the line only where a
     * word would start.
     *
     * @throws Refused "invalid quotes" when a quote is not closed
     */
    static List<String> argvSplit(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                c = s.charAt(i);
                if (c == '\\') {
                    char e = i + 1 < n ? s.charAt(i + 1) : 0;
                    if (e == '\'' || e == '"' || e == '\\' || (quote == 0 && e == ' ')) {
                        i++;
                        word.append(e);
                    } else {
                        word.append(c); // an unrecognised escape is kept as written
                    }
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new Refused(quote == '"' ? "unterminated double quote" : "unterminated single quote");
            }
            words.add(word.toString());
        }
        return words;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int span(String s, int from, String chars) {
        int i = from;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
