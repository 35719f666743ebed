package io.nodeward.host.ssh;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code sshd_config} line, split the way sshd splits it ({@link SshdTokens}): a keyword
 * (case-insensitive, kept here in lower case, possibly double-quoted), then whitespace or one
 * {@code =}, then arguments, which may be double- or single-quoted and end at a {@code #} that
 * starts a word.
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
     * Parses one line. Blank and comment lines give empty, and so does a keyword whose opening
     * quote is never closed (sshd ignores that line).
     *
     * @throws IllegalArgumentException for what sshd itself refuses to start with: a quote left
     *                                  open in the arguments, or a keyword without arguments
     */
    public static Optional<SshdDirective> parse(String line) {
        Optional<SshdTokens.Line> split;
        try {
            split = SshdTokens.line(line);
        } catch (SshdTokens.Refused refused) {
            if (refused.getMessage().startsWith("no argument")) {
                String keyword = SshdTokens.strdelim(line.strip())[0];
                throw new IllegalArgumentException(keyword + " has no value");
            }
            throw refused;
        }
        return split.map(SshdDirective::of);
    }

    static SshdDirective of(SshdTokens.Line line) {
        return new SshdDirective(line.keyword().toLowerCase(Locale.ROOT), line.arguments());
    }
}
