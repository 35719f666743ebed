package io.nodeward.host.ssh;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.Fact;
import io.nodeward.host.FactParseException;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.Observed;
import io.nodeward.host.HostLinks;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.proc.Component;
import io.nodeward.host.proc.ProcCwd;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code /etc/ssh/sshd_config} and the files it includes into sshd's effective GLOBAL
 * settings, {@code sshd.<keyword>} (sshd_config(5)), modelling sshd's own rules:
 * <ul>
 * <li>when sshd runs ({@code process.sshd}), its arguments count ({@link SshdCommandLine}):
 * {@code -f} names the file instead (a relative one from sshd's working directory, {@code /proc/<pid>/cwd}),
 * and each {@code -o Keyword=value} comes before the file (so it
 * wins), source {@code sshd -o on /proc/<pid>/cmdline}. A running sshd whose file we cannot see
 * makes every fact an ERROR;</li>
 * <li>keywords are case-insensitive and the first value wins (except keywords such as Port and
 * ListenAddress where every line counts, see {@link SshdDefaults#ACCUMULATING});</li>
 * <li>lines are split as sshd splits them ({@link SshdTokens}) and refused where sshd refuses them
 * ({@link SshdRules}: unknown keyword, missing or extra arguments, bad values, global keywords in a
 * Match block, bad Match conditions), with sshd's message;</li>
 * <li>{@code Include} takes glob(3) patterns ({@link GlobPattern}), relative ones under {@code /etc/ssh};
 * matches are read in byte order, right where the Include stands, at most {@value #MAX_DEPTH} levels
 * deep and {@value #MAX_FILES} files in all;</li>
 * <li>{@code Match} starts a conditional block that lasts until the next Match or the end of its
 * file; its settings are not global, but they are what sshd uses for the connections the block
 * matches. Each block's first value of a keyword is therefore an extra observation after the global
 * one, with source {@code <host path>:<line> (Match User deploy)}, and a check must hold for all of
 * them. {@code Match all} returns to the global settings. An Include inside a block belongs to the
 * block entirely. (Unlike {@code sshd -T}, which without {@code -C} prints only the globals.)</li>
 * <li>keywords left unset take the OpenSSH default, with source {@code OpenSSH default}.</li>
 * </ul>
 * Each value's source is {@code <host path>:<line>}. Yes/no style values are shown in lower case.
 * If any file that sshd would read cannot be read or would be refused by sshd, every sshd fact is
 * an ERROR: which value wins depends on every line.
 */
public final class SshdConfigReader implements FactReader {

    static final String MAIN = "/etc/ssh/sshd_config";

    /**
     * The file sshd reads, as a host path: its {@code -f}, else {@link #MAIN}. Present whenever the
     * path is known, even when the file cannot be read, so that the {@code sshd-config} file role
     * checks the file sshd really uses; ABSENT only when no sshd runs and {@link #MAIN} does not exist.
     */
    public static final String CONFIG_FILE = "sshd.configfile";

    /** sshd's own limit on nested Includes (SERVCONF_MAX_DEPTH in servconf.c). */
    static final int MAX_DEPTH = 16;

    /**
     * Files read in all, an Include of the same file counting each time. sshd bounds only the depth,
     * so Includes that fan out (16 levels of 100 files each) would keep it, and us, busy for ever.
     */
    static final int MAX_FILES = 256;

    /** Bytes read in all across the Includes. */
    static final long MAX_TOTAL_BYTES = 16L << 20;

    /**
     * {@link #CONFIG_FILE} and {@code sshd.<keyword>} for every keyword sshd accepts
     * ({@link SshdKeywords}); an old spelling ({@link SshdDefaults#ALIASES}) is suggested as the
     * keyword it is read as.
     */
    public static final KeySpace KEYS = KeySpace.of(new KeyPattern.Fixed(CONFIG_FILE),
                    KeyPattern.Family.of(KeyPattern.Segment.literal("sshd"), KeyPattern.Segment.oneOf(SshdKeywords.SETTINGS)))
            .withAliases(SshdDefaults.ALIASES.entrySet().stream()
                    .collect(Collectors.toMap(e -> "sshd." + e.getKey(), e -> "sshd." + e.getValue())));

    @Override
    public String name() {
        return "sshd";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public Optional<String> component(String key) {
        return Optional.of("sshd");
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        HostRoot root = host.root();
        Settings settings = new Settings();
        Fact process = known.get(ProcessReader.key("sshd"));
        SshdCommandLine commandLine = SshdCommandLine.NONE;
        ProcessSnapshot.Entry running = null;
        switch (Component.of(host.processes(), process, "sshd")) {
            case Component.Running sshd -> {
                commandLine = SshdCommandLine.parse(sshd.entry().argv());
                running = sshd.entry();
            }
            case Component.Embedded embedded -> {
                // never: only the kubelet and kube-proxy are embedded (ProcessTable.EMBEDDED_COMPONENTS)
            }
            case Component.Unknown unknown -> {
                if (process.isPresent()) {
                    // a running sshd whose arguments are unknown may name another file or override any setting
                    return everyFactAndConfigFile(settings, "cannot read sshd's arguments: " + unknown.reason(),
                            Fact::error);
                }
                // whether sshd runs is unknown: its files still say what a default sshd would use
            }
            case Component.Stopped stopped -> {
            }
        }
        String config;
        try {
            config = configFile(running, commandLine);
        } catch (ProcCwd.Unresolved e) {
            return everyFactAndConfigFile(settings, e.getMessage() + " (sshd -f on " + process.source() + ")", Fact::error);
        }
        String namedBy = commandLine.configFile().isPresent() ? "sshd -f on " + process.source()
                : process.isPresent() ? "OpenSSH default (no -f on " + process.source() + ")" : "OpenSSH default";
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.present(CONFIG_FILE, config, namedBy));
        try {
            String overridden = "sshd -o on " + process.source();
            for (String option : commandLine.overrides()) {
                applyOverride(option, overridden, settings);
            }
            host.read(config);
            Path main = HostLinks.follow(root, config);
            if (!Files.exists(main)) {
                if (!process.isPresent()) {
                    List<Fact> absent = new ArrayList<>(List.of(Fact.absent(CONFIG_FILE,
                            "sshd is not running and " + config + " does not exist")));
                    absent.addAll(everyFact(settings, key -> Fact.absent(key, "sshd is not installed (no " + config + ")")));
                    return absent;
                }
                // sshd does not start without its file: it is there, but not for us
                String reason = config + " is named by " + namedBy + " but is not visible under the host root (not mounted?)";
                facts.addAll(everyFact(settings, key -> Fact.error(key, reason)));
                return facts;
            }
            readFile(host, config, main, 0, null, settings);
        } catch (FactParseException | Unreadable | IOException e) {
            String reason = e instanceof FileSystemException fse && fse.getFile() != null
                    ? IoErrors.unreadable(root.display(Path.of(fse.getFile())), fse) : e.getMessage();
            facts.addAll(everyFact(settings, key -> Fact.error(key, reason)));
            return facts;
        }
        for (String keyword : settings.keywords()) {
            List<Observed> observed = new ArrayList<>(settings.global.getOrDefault(keyword, List.of()));
            if (observed.isEmpty() && SshdDefaults.VALUES.containsKey(keyword)) {
                observed.add(new Observed(SshdDefaults.VALUES.get(keyword), "OpenSSH default"));
            }
            for (Block block : settings.blocks) {
                observed.addAll(block.settings().getOrDefault(keyword, List.of()));
            }
            facts.add(Fact.present("sshd." + keyword, observed));
        }
        return facts;
    }

    /** The host path of the file sshd reads: its {@code -f}, a relative one from its working directory, else {@link #MAIN}. */
    private static String configFile(ProcessSnapshot.Entry sshd, SshdCommandLine commandLine) throws ProcCwd.Unresolved {
        if (commandLine.configFile().isEmpty()) {
            return MAIN;
        }
        return ProcCwd.absolute(sshd, "-f", commandLine.configFile().get());
    }

    /** What the files set: the global settings, and each Match block's own. */
    private static final class Settings {
        final Map<String, List<Observed>> global = new LinkedHashMap<>();
        final List<Block> blocks = new ArrayList<>();
        /** Files read so far, each Include of a file counting again (sshd re-reads it too). */
        int files;
        long bytes;

        /** Every keyword with a value: set globally, defaulted, or set in a block only. */
        Set<String> keywords() {
            Set<String> keywords = new LinkedHashSet<>(global.keySet());
            keywords.addAll(SshdDefaults.VALUES.keySet());
            blocks.forEach(block -> keywords.addAll(block.settings().keySet()));
            return keywords;
        }
    }

    /**
     * One Match block's settings; within it, too, the first value of a keyword wins.
     *
     * @param label the Match line as written, e.g. {@code Match User deploy}
     */
    private record Block(String label, Map<String, List<Observed>> settings) {
    }

    /**
     * Applies one file's lines to {@code settings}. Lines inside a Match block are recorded for that
     * block, with the block named in their source; they are added after the global value as further
     * observations, so a check on the keyword must hold for every connection sshd may see.
     *
     * @param inherited the Match block the file is included from, or null: inside a block nothing in
     *                  the file, not even {@code Match all}, is global
     */
    private void readFile(HostScan host, String hostPath, Path local, int depth, Block inherited,
                          Settings settings) throws IOException, FactParseException, Unreadable {
        HostRoot root = host.root();
        String shown = root.display(root.resolve(hostPath));
        if (++settings.files > MAX_FILES) {
            throw new Unreadable(shown + ": more than " + MAX_FILES + " files read through Include; not reading on"
                    + " (sshd itself has no such limit but would take as long)");
        }
        byte[] content;
        try {
            // load_server_config fopen()s what glob matched: a directory opens and reads as empty (EISDIR)
            content = Files.isDirectory(local) ? new byte[0] : BoundedFiles.read(local, BoundedFiles.MAX_BYTES);
        } catch (IOException e) {
            throw new Unreadable(IoErrors.unreadable(shown, e));
        }
        settings.bytes += content.length;
        if (settings.bytes > MAX_TOTAL_BYTES) {
            throw new Unreadable(shown + ": the files read through Include exceed " + MAX_TOTAL_BYTES + " bytes in all;"
                    + " not reading on");
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        Block block = inherited;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            SshdTokens.Line line;
            String keyword;
            try {
                line = SshdTokens.line(lines[i]).orElse(null);
                if (line == null) {
                    continue;
                }
                String lower = line.keyword().toLowerCase(Locale.ROOT);
                keyword = SshdDefaults.ALIASES.getOrDefault(lower, lower);
                SshdRules.check(line, keyword, block != null);
            } catch (SshdTokens.Refused refused) {
                throw new FactParseException(shown, number, refused.getMessage() + " (sshd refuses this file)");
            }
            SshdDirective directive = SshdDirective.of(line);
            switch (keyword) {
                case "match" -> {
                    if (inherited == null) {
                        block = isMatchAll(directive) ? null : new Block("Match " + directive.value(), new LinkedHashMap<>());
                        if (block != null) {
                            settings.blocks.add(block);
                        }
                    }
                }
                case "include" -> {
                    for (String pattern : directive.arguments()) {
                        // servconf.c case sInclude: relative to SSHDIR; '/' and '~' as written (no GLOB_TILDE,
                        // so '~' is a literal directory name under sshd's working directory, "/" under systemd)
                        String absolute = pattern.startsWith("/") ? pattern
                                : pattern.startsWith("~") ? "/" + pattern : "/etc/ssh/" + pattern;
                        List<String> matched = glob(root, absolute, host::read);
                        if (!matched.isEmpty() && depth + 1 > MAX_DEPTH) {
                            // parse_server_config_depth: "Too many recursive configuration includes"
                            throw new FactParseException(shown, number, "Include nested more than " + MAX_DEPTH + " deep");
                        }
                        for (String included : matched) {
                            host.read(included);
                            readFile(host, included, HostLinks.follow(root, included), depth + 1, block, settings);
                        }
                    }
                }
                default -> {
                    if (block == null) {
                        record(directive, shown + ":" + number, settings.global);
                    } else {
                        record(directive, shown + ":" + number + " (" + block.label() + ")", block.settings());
                    }
                }
            }
        }
    }

    /**
     * One {@code -o} option, recorded before any file so that it wins. sshd parses it as a config
     * line; a running sshd accepted it, so one we cannot parse means we misread the command line.
     */
    private static void applyOverride(String option, String source, Settings settings) throws Unreadable {
        SshdDirective directive;
        try {
            directive = SshdDirective.parse(option).orElse(null);
            if (directive != null && SshdKeywords.SETTINGS.contains(canonical(directive.keyword()))) {
                // sshd checks an -o line as a file line (process_server_config_line, filename "command-line")
                SshdRules.check(SshdTokens.line(option).orElseThrow(), canonical(directive.keyword()), false);
            }
        } catch (IllegalArgumentException refused) {
            throw new Unreadable(source + ": cannot read -o '" + option + "': " + refused.getMessage());
        }
        if (directive != null && !directive.keyword().equals("include") && !directive.keyword().equals("match")) {
            record(directive, source, settings.global);
        }
    }

    /** A file sshd would read could not be read; the message is the whole reason. */
    private static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static boolean isMatchAll(SshdDirective match) {
        return match.arguments().size() == 1 && match.arguments().get(0).equalsIgnoreCase("all");
    }

    private static String canonical(String lowerCaseKeyword) {
        return SshdDefaults.ALIASES.getOrDefault(lowerCaseKeyword, lowerCaseKeyword);
    }

    private static void record(SshdDirective directive, String source, Map<String, List<Observed>> settings) {
        String keyword = canonical(directive.keyword());
        if (!SshdKeywords.SETTINGS.contains(keyword)) {
            return; // an -o keyword we do not know: sshd accepted it, so it is one of a newer version
        }
        Observed seen = new Observed(normalise(keyword, directive.value()), source);
        if (SshdDefaults.ACCUMULATING.contains(keyword)) {
            settings.computeIfAbsent(keyword, k -> new ArrayList<>()).add(seen);
        } else {
            settings.putIfAbsent(keyword, List.of(seen));
        }
    }

    private static String normalise(String keyword, String value) {
        if (SshdDefaults.UPPER_CASE.contains(keyword)) {
            return value.toUpperCase(Locale.ROOT);
        }
        if (SshdDefaults.LOWER_CASE.contains(keyword) || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no")) {
            return value.toLowerCase(Locale.ROOT);
        }
        return value;
    }

    /**
     * The host paths a glob(3) pattern matches ({@link GlobPattern}), sorted as glob(3) sorts them
     * (strcoll in the C locale sshd runs in: byte order); none is fine (sshd skips an Include that
     * matches nothing, and glob without GLOB_NOCHECK does not return the pattern). Directories that
     * cannot be listed match nothing, as glob(3) without GLOB_ERR ignores them.
     */
    static List<String> glob(HostRoot root, String pattern, Consumer<String> listed) throws IOException {
        List<String> matches = List.of("");
        String[] parts = pattern.split("/");
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                continue;
            }
            GlobPattern part = new GlobPattern(parts[p]);
            List<String> next = new ArrayList<>();
            boolean last = p == parts.length - 1;
            for (String dir : matches) {
                if (!part.isMagic()) {
                    String candidate = dir + "/" + part.literal();
                    if (!last || exists(root, candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                listed.accept(dir.isEmpty() ? "/" : dir);
                Path localDir = HostLinks.follow(root, dir.isEmpty() ? "/" : dir);
                if (!Files.isDirectory(localDir)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(localDir)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (part.matches(name)) {
                            next.add(dir + "/" + name);
                        }
                    }
                } catch (FileSystemException unlistable) {
                    // glob(3) without GLOB_ERR skips a directory it cannot open
                }
            }
            matches = next;
        }
        return matches.stream().filter(m -> !m.isEmpty()).sorted(SshdConfigReader::byCodePoint).toList();
    }

    /** Byte order of the UTF-8 names, which is code point order. */
    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static boolean exists(HostRoot root, String hostPath) throws IOException {
        return Files.exists(HostLinks.follow(root, hostPath), LinkOption.NOFOLLOW_LINKS)
                || HostLinks.isLink(root, hostPath);
    }

    private static List<Fact> everyFact(Settings seen, java.util.function.Function<String, Fact> fact) {
        return seen.keywords().stream().map(k -> fact.apply("sshd." + k)).toList();
    }

    /** Every fact, {@link #CONFIG_FILE} first, made by {@code fact} from its key and {@code reason}. */
    private static List<Fact> everyFactAndConfigFile(Settings seen, String reason,
                                                     java.util.function.BiFunction<String, String, Fact> fact) {
        List<Fact> facts = new ArrayList<>(List.of(fact.apply(CONFIG_FILE, reason)));
        facts.addAll(everyFact(seen, key -> fact.apply(key, reason)));
        return facts;
    }
}
