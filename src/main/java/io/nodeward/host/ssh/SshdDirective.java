package io.nodeward.host.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code sshd_config} line, split the way sshd splits it (sshd_config(5)): a keyword
 * (case-insensitive, kept here in lower case), then whitespace or one {@code =} (which may be
 * surrounded by whitespace), then arguments. Arguments may be double- or single-quoted to hold
 * spaces; a {@code #} starting a word ends the line.
 *
 * @param keyword   the keyword in lower case, e.g. {@code permitrootlogin}
 * @param arguments the arguments, quotes removed
 */
public record SshdDirective(String keyword, List<String> arguments) {

    public SshdDirective {
        arguments = List.copyOf(arguments);
    }

    /** The arguments joined by single spaces, as one value. */
    public String value() {
        return String.join(" ", arguments);
    }

    /**
     * Parses one line. Blank and comment lines give empty.
     *
     * @throws IllegalArgumentException for what sshd itself refuses to start with: a quote left
     *                                  open, or a keyword without arguments
     */
    public static Optional<SshdDirective> parse(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Optional.empty();
        }
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '=') {
            end++;
        }
        String keyword = text.substring(0, end);
        String rest = text.substring(end).strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1);
        }
        List<String> arguments = words(rest);
        if (keyword.isEmpty()) {
            throw new IllegalArgumentException("a line starting with '=' has no keyword");
        }
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException(keyword + " has no value");
        }
        return Optional.of(new SshdDirective(keyword.toLowerCase(Locale.ROOT), arguments));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                break; // a comment, as sshd reads it since OpenSSH 8.x
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < text.length()) {
                c = text.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                i++;
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unterminated " + (quote == '"' ? "double" : "single") + " quote");
            }
            words.add(word.toString());
        }
        return words;
    }
}
