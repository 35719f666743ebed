package io.nodeward.host.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What sshd's own arguments change about its configuration (sshd(8)): {@code -f config_file} replaces
 * {@code /etc/ssh/sshd_config}, and {@code -o Keyword=value} sets a keyword before the file is read,
 * so it wins over the file (and the first {@code -o} for a keyword wins over later ones).
 *
 * <p>Two forms of argv are understood. The plain one, NUL-separated ({@code /usr/sbin/sshd -D -o
 * PasswordAuthentication=no}). And the retitled one: OpenSSH 9.8+ (Debian 13, Ubuntu 24.10) rewrites
 * the listener's argument area to {@code sshd: /usr/sbin/sshd -D -o X=y [listener] 0 of 10-100
 * startups}; the real flags are then the words between the program and {@code [listener]}. Quoting is
 * lost in that title (argv is joined with spaces), so {@code -o "PermitRootLogin no"} shows as
 * {@code -o PermitRootLogin no}: there the words after an {@code -o} up to the next flag word belong to
 * its value, which is unambiguous because sshd takes no operands. A retitled per-connection child
 * ({@code sshd: root@pts/0}) shows no flags at all.
 *
 * @param configFile the {@code -f} path as given, if any
 * @param overrides  the {@code -o} options, in command-line order
 */
public record SshdCommandLine(Optional<String> configFile, List<String> overrides) {

    /** sshd's options that take an argument (the option string in sshd.c's getopt call). */
    private static final Set<Character> WITH_ARGUMENT = Set.of('C', 'E', 'b', 'c', 'f', 'g', 'h', 'k', 'o', 'p', 'u');

    private static final String TITLE = "sshd: ";
    private static final String LISTENER = "[listener]";

    public SshdCommandLine {
        overrides = List.copyOf(overrides);
    }

    public static final SshdCommandLine NONE = new SshdCommandLine(Optional.empty(), List.of());

    /** Parses argv as {@code /proc/<pid>/cmdline} holds it; pure. */
    public static SshdCommandLine parse(List<String> argv) {
        List<String> words = words(argv);
        boolean titled = words != argv;
        Optional<String> configFile = Optional.empty();
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                break;
            }
            if (!word.startsWith("-") || word.length() == 1) {
                continue; // sshd takes no operands; getopt would have stopped or refused
            }
            for (int c = 1; c < word.length(); c++) {
                char option = word.charAt(c);
                if (!WITH_ARGUMENT.contains(option)) {
                    continue; // -D, -e, -4 and the other switches
                }
                String value = c + 1 < word.length() ? word.substring(c + 1) : i + 1 < words.size() ? words.get(++i) : null;
                if (value != null && option == 'f') {
                    configFile = Optional.of(value); // sshd keeps the last -f
                } else if (value != null && option == 'o') {
                    StringBuilder joined = new StringBuilder(value);
                    while (titled && i + 1 < words.size() && !isFlag(words.get(i + 1))) {
                        joined.append(' ').append(words.get(++i)); // split from the value by the title's spaces
                    }
                    overrides.add(joined.toString());
                }
                break;
            }
        }
        return new SshdCommandLine(configFile, overrides);
    }

    private static boolean isFlag(String word) {
        return word.startsWith("-") && word.length() > 1;
    }

    /** The arguments as words, taken from the title when sshd rewrote it ({@code argv} itself if not). */
    static List<String> words(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).startsWith(TITLE)) {
            return argv;
        }
        String title = argv.get(0).substring(TITLE.length());
        int listener = title.indexOf(LISTENER);
        if (listener < 0) {
            return List.of(); // a per-connection child: its title holds no flags
        }
        return List.of(title.substring(0, listener).strip().split("\\s+"));
    }
}
