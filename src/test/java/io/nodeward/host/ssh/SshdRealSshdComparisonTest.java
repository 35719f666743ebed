package io.nodeward.host.ssh;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.Observed;
import io.nodeward.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case against the real OpenSSH: Debian's {@code /usr/sbin/sshd -T} prints the effective
 * global settings of a file it accepts and exits non-zero for a file it refuses. Each case's tree is
 * bind-mounted over {@code /etc/ssh} in a private mount namespace (with a private {@code /run} for
 * {@code /run/sshd}), so sshd's relative Includes resolve in the tree and the machine's own files stay
 * untouched. Needs root, unshare and openssh-server (scripts/install-test-deps.sh, which CI runs):
 * fails, never skips, without them, so a CI machine cannot pass it silently.
 */
class SshdRealSshdComparisonTest {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    /** The keywords nodeward's ssh-* checks read, compared one by one. */
    private static final List<String> COMPARED = List.of("permitrootlogin", "passwordauthentication",
            "kbdinteractiveauthentication", "permitemptypasswords", "maxauthtries", "x11forwarding",
            "pubkeyauthentication", "allowtcpforwarding", "maxsessions", "banner", "usepam", "port", "listenaddress");

    @TempDir
    static Path work;

    private static final Map<String, Map<String, String>> ACCEPTED = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> REFUSED = new LinkedHashMap<>();

    static {
        accepted("quoted keyword", "sshd_config", "\"PermitRootLogin\" no\nMax\"AuthTries\" 2\n");
        accepted("keyword quote left open: line ignored", "sshd_config", "\"PermitRootLogin yes\nPermitRootLogin no\n");
        accepted("equals forms", "sshd_config",
                "PermitRootLogin=no\nPasswordAuthentication = no\n=X11Forwarding yes\nMaxAuthTries\t=\t4\n");
        accepted("case-insensitive keywords and values", "sshd_config", "permitrootlogin NO\nPASSWORDAUTHENTICATION No\n");
        accepted("first value wins", "sshd_config", "MaxAuthTries 3\nMaxAuthTries 10\nPermitRootLogin no\nPermitRootLogin yes\n");
        accepted("comments", "sshd_config", "#PermitRootLogin yes\nMaxAuthTries 3 # three\n  # PasswordAuthentication yes\n"
                + "PasswordAuthentication no\n");
        accepted("quoted and escaped arguments", "sshd_config", "Banner \"/etc/issue net\"\nPermitRootLogin 'no'\n"
                + "X11Forwarding y\"es\"\n");
        accepted("escaped space", "sshd_config", "Banner /etc/issue\\ net\n");
        accepted("ports and addresses accumulate", "sshd_config",
                "Port 22\nPort 2222\nListenAddress 127.0.0.1\nListenAddress 127.0.0.2:2200\n");
        accepted("alias", "sshd_config", "ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\n");
        accepted("deprecated, ignored and unsupported keywords are logged only", "sshd_config",
                "UseLogin no\nProtocol 2 3\nKerberosGetAFSToken yes\nAFSTokenPassing yes\nUsePrivilegeSeparation sandbox\n"
                        + "PermitRootLogin no\n");
        accepted("match block values are not global", "sshd_config",
                "PasswordAuthentication no\nMatch User deploy\n  PasswordAuthentication yes\n  PermitRootLogin yes\n");
        accepted("match all returns to global", "sshd_config", "Match User deploy\n  X11Forwarding yes\nMatch all\n"
                + "X11Forwarding no\nPort 2200\n");
        accepted("relative include in lexical order, no dot files, a directory reads as empty", "sshd_config",
                "Include conf.d/*.conf\nPermitRootLogin yes\n",
                "conf.d/20-b.conf", "MaxSessions 4\nPermitRootLogin forced-commands-only\n",
                "conf.d/10-a.conf", "MaxSessions 2\n",
                "conf.d/.00-hidden.conf", "PermitRootLogin no\n",
                "conf.d/05-dir.conf/x", "PermitRootLogin no\n");
        accepted("include with a character class", "sshd_config", "Include conf.d/[[:digit:]]*.conf\n",
                "conf.d/a0.conf", "PermitRootLogin yes\n", "conf.d/9z.conf", "PermitRootLogin no\n");
        accepted("include with a negated bracket", "sshd_config", "Include conf.d/[!a]*\n",
                "conf.d/a.conf", "PermitRootLogin yes\n", "conf.d/b.conf", "PermitRootLogin no\n");
        accepted("include of a pattern that is not a valid glob is a literal path", "sshd_config", "Include conf.d/[x\n",
                "conf.d/[x", "PermitRootLogin no\n", "conf.d/x", "PermitRootLogin yes\n");
        accepted("include with an escaped wildcard is a literal path", "sshd_config", "Include conf.d/\\*.conf\n",
                "conf.d/*.conf", "MaxAuthTries 2\n", "conf.d/a.conf", "MaxAuthTries 5\n");
        accepted("include that matches nothing, several patterns on one line", "sshd_config",
                "Include /nonexistent/*.conf missing.conf conf.d/*\nPermitRootLogin no\n", "conf.d/1", "MaxAuthTries 1\n");
        accepted("absolute include", "sshd_config", "Include /etc/ssh/other/*.conf\n", "other/1.conf", "X11Forwarding yes\n");
        accepted("include inside a match block belongs to it", "sshd_config",
                "Match User backup\n  Include sub.conf\nMatch all\nPermitRootLogin no\n",
                "sub.conf", "PermitRootLogin yes\nMatch all\nPasswordAuthentication no\n");
        accepted("includes sixteen deep", chain(16));
        accepted("keyword after a match all in an included file is global", "sshd_config",
                "Include sub.conf\n", "sub.conf", "Match User x\n  MaxAuthTries 9\nMatch all\nMaxAuthTries 4\n");

        refused("a closing quote ends the keyword", "sshd_config", "\"Max\"AuthTries 2\n");
        refused("unknown keyword", "sshd_config", "PermitRootLogin no\nFoo bar\n");
        refused("keyword without an argument", "sshd_config", "PermitRootLogin\n");
        refused("keyword with only a comment", "sshd_config", "PermitRootLogin #no\n");
        refused("argument quote left open", "sshd_config", "Banner \"/etc/issue\n");
        refused("too many arguments", "sshd_config", "Banner /etc/issue /etc/issue.net\n");
        refused("two values for a flag", "sshd_config", "PasswordAuthentication no yes\n");
        refused("a comment glued to a value", "sshd_config", "PermitRootLogin no#x\n");
        refused("double equals", "sshd_config", "PermitRootLogin == no\n");
        refused("bad integer", "sshd_config", "MaxAuthTries 3x\n");
        refused("port zero", "sshd_config", "Port 0\n");
        refused("empty argument", "sshd_config", "PermitRootLogin \"\"\n");
        refused("global keyword in a match block", "sshd_config", "Match User bob\n  Port 2222\n");
        refused("global keyword in a file included from a match block, even after match all", "sshd_config",
                "Match User bob\n  Include sub.conf\n", "sub.conf", "Match all\nX11UseLocalhost no\nUseDNS no\n");
        refused("match without criteria", "sshd_config", "Match User\nX11Forwarding yes\n");
        refused("match all with more", "sshd_config", "Match all User x\n");
        refused("unknown match attribute", "sshd_config", "Match Colour blue\n");
        refused("include with an empty argument", "sshd_config", "Include \"\"\n");
        refused("unknown keyword in an included file", "sshd_config", "Include conf.d/*.conf\n", "conf.d/1.conf", "Bogus 1\n");
        refused("include loop", "sshd_config", "Include sshd_config\n");
        refused("includes seventeen deep", chain(17));
        refused("subsystem without a command", "sshd_config", "Subsystem sftp\n");
    }

    /** Files l1..l{depth}, each including the next; the last sets PermitRootLogin no. */
    private static String[] chain(int depth) {
        List<String> files = new ArrayList<>(List.of("sshd_config", "Include l1\n"));
        for (int i = 1; i <= depth; i++) {
            files.add("l" + i);
            files.add(i < depth ? "Include l" + (i + 1) + "\n" : "PermitRootLogin no\n");
        }
        return files.toArray(String[]::new);
    }

    private static void accepted(String name, String... files) {
        ACCEPTED.put(name, tree(files));
    }

    private static void refused(String name, String... files) {
        REFUSED.put(name, tree(files));
    }

    private static Map<String, String> tree(String... pathsAndContents) {
        Map<String, String> tree = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            String path = pathsAndContents[i];
            tree.put(path, pathsAndContents[i + 1]);
        }
        return tree;
    }

    private static final Map<String, Path> CASES = new LinkedHashMap<>();

    @BeforeAll
    static void runTheRealSshdOnEveryCase() throws IOException {
        if (!Files.isExecutable(SSHD)) {
            fail(SSHD + " is missing: run scripts/install-test-deps.sh (Debian package openssh-server)");
        }
        assertEquals("0", ExternalTool.runOk(work, List.of("id", "-u")).strip(), "the sshd comparison needs root (unshare)");
        Path hostKey = work.resolve("host_key");
        ExternalTool.runOk(work, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        int n = 0;
        for (var all : List.of(ACCEPTED, REFUSED)) {
            for (var c : all.entrySet()) {
                Path dir = work.resolve("case" + n++);
                for (var file : c.getValue().entrySet()) {
                    Path path = dir.resolve("etc/ssh").resolve(file.getKey());
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
                CASES.put(c.getKey(), dir);
            }
        }
        // one namespace for all cases: a private /run for /run/sshd, each tree bound over /etc/ssh in turn
        String script = """
                set -eu
                mount -t tmpfs nodeward-test /run
                mkdir -p /run/sshd /etc/ssh
                for d in "$@"; do
                  mount --bind "$d/etc/ssh" /etc/ssh
                  rc=0
                  timeout 20 /usr/sbin/sshd -T -f /etc/ssh/sshd_config -h "$KEY" > "$d/T.out" 2> "$d/T.err" || rc=$?
                  echo "$rc" > "$d/T.rc"
                  umount /etc/ssh
                done
                """;
        List<String> command = new ArrayList<>(List.of("env", "KEY=" + hostKey, "unshare", "--mount", "--propagation",
                "private", "bash", "-c", script, "sshd-cases"));
        CASES.values().forEach(dir -> command.add(dir.toString()));
        ExternalTool.runOk(work, command);
    }

    @TestFactory
    Stream<DynamicTest> whatSshdAcceptsNodewardReadsAsSshdTPrintsIt() {
        return ACCEPTED.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path dir = CASES.get(name);
            assertEquals("0", Files.readString(dir.resolve("T.rc")).strip(),
                    "sshd refused the case: " + Files.readString(dir.resolve("T.err")));
            Map<String, List<String>> sshd = new LinkedHashMap<>();
            for (String line : Files.readAllLines(dir.resolve("T.out"))) {
                String[] kv = line.split(" ", 2);
                sshd.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
            }
            Map<String, Fact> ours = read(dir);
            for (String keyword : COMPARED) {
                Fact fact = ours.get("sshd." + keyword);
                assertEquals(Fact.State.PRESENT, fact.state(), name + ": " + fact);
                List<String> global = fact.observed().stream().filter(o -> !o.source().contains("(Match "))
                        .map(Observed::value).toList();
                switch (keyword) {
                    case "port" -> assertEquals(new TreeSet<>(sshd.get("port")), new TreeSet<>(global), name + ": port");
                    case "listenaddress" -> assertEquals(new TreeSet<>(sshd.get("listenaddress")),
                            listenAddresses(global, global(ours, "port")), name + ": listenaddress");
                    default -> assertEquals(canonical(sshd.get(keyword).get(0)), canonical(global.get(0)), name + ": " + keyword);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatSshdRefusesMakesEverySshdFactAnError() {
        return REFUSED.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path dir = CASES.get(name);
            assertNotEquals("0", Files.readString(dir.resolve("T.rc")).strip(), name + ": sshd accepted it:\n"
                    + Files.readString(dir.resolve("T.out")));
            Map<String, Fact> ours = read(dir);
            for (String keyword : COMPARED) {
                assertEquals(Fact.State.ERROR, ours.get("sshd." + keyword).state(), name + ": " + ours.get("sshd." + keyword)
                        + "\nsshd said: " + Files.readString(dir.resolve("T.err")));
            }
        }));
    }

    private static List<String> global(Map<String, Fact> facts, String keyword) {
        return facts.get("sshd." + keyword).observed().stream().filter(o -> !o.source().contains("(Match "))
                .map(Observed::value).toList();
    }

    /** dump_config prints each ListenAddress once per Port unless it has its own, IPv6 in brackets. */
    private static Set<String> listenAddresses(List<String> addresses, List<String> ports) {
        Set<String> printed = new TreeSet<>();
        for (String value : addresses) {
            for (String address : value.split(" ")) {
                boolean v6 = address.indexOf(':') != address.lastIndexOf(':');
                if (!v6 && address.contains(":")) {
                    printed.add(address);
                } else {
                    ports.forEach(port -> printed.add((v6 ? "[" + address + "]" : address) + ":" + port));
                }
            }
        }
        return printed;
    }

    /** sshd -T prints the first table spelling of a value: without-password for prohibit-password. */
    private static String canonical(String value) {
        return value.equals("prohibit-password") ? "without-password" : value;
    }

    private static Map<String, Fact> read(Path root) {
        return new SshdConfigReader().read(HostScan.of(HostRoot.of(root)), HostFacts.builder().build()).stream()
                .collect(Collectors.toMap(Fact::key, Function.identity()));
    }
}
