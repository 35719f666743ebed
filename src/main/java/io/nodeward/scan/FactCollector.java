package io.nodeward.scan;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One read of the host: takes the process snapshot, runs the fact readers ({@link FactReaders}, in
 * their order) each contained, then makes sure the processes they read through did not change
 * meanwhile. Readers do not throw for bad host input; if one throws anything at all
 * ({@code StackOverflowError} and {@code OutOfMemoryError} included, as node_exporter contains a
 * failing collector), every key it declares becomes an ERROR with the reason and the other readers
 * still run, on the same thread, which goes on scanning.
 */
final class FactCollector {

    private static final Logger LOG = Logger.getLogger(FactCollector.class.getName());

    /**
     * What one read of the host found.
     *
     * @param facts     every fact, one snapshot
     * @param readers   how each reader did
     * @param pathsRead the host paths the readers read or looked for
     */
    record Collected(HostFacts facts, List<ReaderRun> readers, List<String> pathsRead) {
    }

    private final List<FactReader> readers;
    private final Runnable afterSnapshot;

    FactCollector(List<FactReader> readers, Runnable afterSnapshot) {
        this.readers = List.copyOf(readers);
        this.afterSnapshot = afterSnapshot;
    }

    /** The watched ports whose state was read: listening or not. Unreadable ones are left out. */
    static SortedMap<Integer, Boolean> listeningPorts(HostFacts facts) {
        SortedMap<Integer, Boolean> ports = new TreeMap<>();
        for (int port : PortReader.WATCHED) {
            Fact fact = facts.get(PortReader.listeningKey(port));
            if (fact.isPresent()) {
                ports.put(port, Boolean.parseBoolean(fact.value()));
            }
        }
        return ports;
    }

    Collected collect(HostRoot root) {
        HostScan host = HostScan.of(root);
        afterSnapshot.run(); // a test seam: the host may change between the snapshot and the reads
        HostFacts.Builder facts = HostFacts.builder();
        Map<String, FactReader> producedBy = new HashMap<>();
        List<ReaderRun> runs = new ArrayList<>();
        for (FactReader reader : readers) {
            long start = System.nanoTime();
            try {
                for (Fact fact : reader.read(host, facts.view())) {
                    facts.add(fact);
                    producedBy.put(fact.key(), reader);
                }
                runs.add(new ReaderRun(reader.name(), true, seconds(start), null));
            } catch (Throwable e) { // contained: see the class comment; the thread must go on scanning
                String reason = "reader " + reader.name() + " failed: " + e;
                LOG.log(Level.WARNING, reason, e);
                facts.fail(reader.keys()::contains, reason);
                runs.add(new ReaderRun(reader.name(), false, seconds(start), e.toString()));
            }
        }
        HostFacts read = facts.build();
        return new Collected(unchangedOrError(read, producedBy, host.processes()), runs, List.copyOf(host.pathsRead()));
    }

    /**
     * The facts, except that every fact resting on a component whose process exited or was replaced
     * since the snapshot is an ERROR: it may mix the old process's arguments with the new one's files,
     * and "not running" would let a check whose passing value is "unset" pass.
     */
    private static HostFacts unchangedOrError(HostFacts facts, Map<String, FactReader> producedBy,
                                              ProcessSnapshot snapshot) {
        Map<String, String> changed = new HashMap<>();
        for (Fact fact : facts.all()) {
            // a present process.<component> fact holds the pid the facts of that component were read through
            if (fact.key().startsWith("process.") && fact.isPresent() && isPid(fact.value())) {
                String component = fact.key().substring("process.".length());
                snapshot.changedSince(Integer.parseInt(fact.value()))
                        .ifPresent(what -> changed.put(component, ProcessReader.changedDuringScan(component, what)));
            }
        }
        if (changed.isEmpty()) {
            return facts;
        }
        return facts.map(fact -> {
            Optional<String> component = producedBy.get(fact.key()).component(fact.key());
            String reason = component.map(changed::get).orElse(null);
            return reason == null ? fact : Fact.error(fact.key(), reason);
        });
    }

    /** A pid as /proc names it; anything else (a reader's bug) must not end the scan here, outside containment. */
    private static boolean isPid(String value) {
        return value != null && !value.isEmpty() && value.length() <= 10 && value.chars().allMatch(Character::isDigit)
                && Long.parseLong(value) <= Integer.MAX_VALUE;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
