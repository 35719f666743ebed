package io.nodeward.host.net;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.Observed;
import io.nodeward.host.proc.IoErrors;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads {@code /proc/1/net/tcp} and {@code /proc/1/net/tcp6} (the host network namespace's TCP
 * sockets, see {@link NetTcpReader}) into {@code port.<n>.listening}, {@code port.<n>.wildcard} and
 * {@code port.<n>.exposed} (a listener on any address outside loopback, see {@link TcpSocket#exposed})
 * for each watched port. Live state beats configuration: a port configured off but listening is open.
 *
 * <p>Certainty is one-sided. A listening row proves the port open even if other rows were garbage,
 * but "not listening" holds only if every row was read: with any unparseable row (or a table cut
 * short) a fact that would be {@code false} becomes an ERROR naming the file and line, since that
 * row could have been the listener. A missing {@code tcp6} is normal (IPv6 disabled); a missing or
 * unreadable {@code tcp} makes every port fact an ERROR, and so does a {@code /proc/1} that is a
 * container's first process rather than the host's (its cgroup under {@code kubepods}: the agent runs
 * without {@code hostPID}), since its tables are the pod's own network namespace.
 */
public final class PortReader implements FactReader {

    /** The ports the benchmarks cross-check: sshd, etcd, apiserver, kube-proxy, kubelet, controllers. */
    public static final Set<Integer> WATCHED = Set.of(22, 2379, 2380, 6443, 10249, 10250, 10255, 10256, 10257, 10259);

    /** {@code port.<1..65535>.(listening|wildcard|exposed)}. */
    public static final KeySpace KEYS = KeySpace.of(KeyPattern.Family.of(KeyPattern.Segment.literal("port"),
            KeyPattern.Segment.port(), KeyPattern.Segment.oneOf(Set.of("listening", "wildcard", "exposed"))));

    private final SortedSet<Integer> ports;

    public PortReader() {
        this(WATCHED);
    }

    public PortReader(Set<Integer> ports) {
        this.ports = new TreeSet<>(ports);
    }

    @Override
    public String name() {
        return "ports";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        HostRoot root = host.root();
        Optional<String> containerView = host.processes().containerView();
        if (containerView.isPresent()) {
            // /proc/1/net/tcp would be the pod's own network namespace: every port would look closed
            return everyFactAnError(containerView.get());
        }
        List<Table> tables = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        Path tcp = root.proc("1/net/tcp");
        try {
            tables.add(new Table(root.display(tcp), NetTcpReader.read(root, "1/net/tcp")));
        } catch (IOException e) {
            return everyFactAnError(unreadable(root, tcp, e));
        }
        Path tcp6 = root.proc("1/net/tcp6");
        try {
            tables.add(new Table(root.display(tcp6), NetTcpReader.read(root, "1/net/tcp6")));
        } catch (NoSuchFileException ipv6Disabled) {
            // normal: the kernel has no IPv6, so there are no IPv6 listeners to miss
        } catch (IOException e) {
            doubts.add(unreadable(root, tcp6, e));
        }
        for (Table table : tables) {
            table.rows().unreadable().forEach(problem -> doubts.add(table.name() + " " + problem));
        }
        String readFrom = String.join(", ", tables.stream().map(Table::name).toList());

        List<Fact> facts = new ArrayList<>();
        for (int port : ports) {
            Set<Observed> listening = new LinkedHashSet<>();
            Set<Observed> wildcard = new LinkedHashSet<>();
            Set<Observed> exposed = new LinkedHashSet<>();
            for (Table table : tables) {
                for (TcpSocket socket : table.rows().listeners()) {
                    if (socket.port() == port) {
                        Observed seen = new Observed("true", table.name() + " " + socket.endpoint());
                        listening.add(seen);
                        if (socket.wildcard()) {
                            wildcard.add(seen);
                        }
                        if (socket.exposed()) {
                            exposed.add(seen);
                        }
                    }
                }
            }
            String listeningKey = listeningKey(port);
            facts.add(listening.isEmpty()
                    ? falseUnlessDoubted(listeningKey, List.of(new Observed("false", readFrom)), doubts, port)
                    : Fact.present(listeningKey, List.copyOf(listening)));
            facts.add(subset("port." + port + ".wildcard", wildcard, listening, readFrom, doubts, port));
            facts.add(subset("port." + port + ".exposed", exposed, listening, readFrom, doubts, port));
        }
        return facts;
    }

    /**
     * A property some listeners of a port have: {@code true} with those sockets as sources; else
     * {@code false} with the loopback listeners as sources (or the tables when none listens), doubted
     * like "not listening" since an unreadable row could have had it.
     */
    private static Fact subset(String key, Set<Observed> having, Set<Observed> listening, String readFrom,
                               List<String> doubts, int port) {
        if (!having.isEmpty()) {
            return Fact.present(key, List.copyOf(having));
        }
        List<Observed> why = listening.isEmpty()
                ? List.of(new Observed("false", readFrom))
                : listening.stream().map(o -> new Observed("false", o.source())).toList();
        return falseUnlessDoubted(key, why, doubts, port);
    }

    /** The port a {@code port.<n>.*} key names, if it is one; linear, for keys a benchmark names. */
    public static Optional<Integer> portOf(String key) {
        if (!key.startsWith("port.")) {
            return Optional.empty();
        }
        int end = key.indexOf('.', "port.".length());
        String digits = end < 0 ? "" : key.substring("port.".length(), end);
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits));
    }

    /** {@code port.<n>.listening}: whether anything listens on TCP port {@code port}. */
    public static String listeningKey(int port) {
        return "port." + port + ".listening";
    }

    private record Table(String name, TcpTable rows) {
    }

    private static Fact falseUnlessDoubted(String key, List<Observed> observed, List<String> doubts, int port) {
        if (doubts.isEmpty()) {
            return Fact.present(key, observed);
        }
        return Fact.error(key, "cannot rule out a listener on port " + port + ": " + doubts.get(0)
                + (doubts.size() > 1 ? " (and " + (doubts.size() - 1) + " more)" : ""));
    }

    private List<Fact> everyFactAnError(String reason) {
        List<Fact> facts = new ArrayList<>();
        for (int port : ports) {
            facts.add(Fact.error(listeningKey(port), reason));
            facts.add(Fact.error("port." + port + ".wildcard", reason));
            facts.add(Fact.error("port." + port + ".exposed", reason));
        }
        return facts;
    }

    private static String unreadable(HostRoot root, Path table, IOException e) {
        return IoErrors.unreadable(root.display(table), e);
    }
}
