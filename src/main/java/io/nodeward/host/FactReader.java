package io.nodeward.host;

import java.util.List;
import java.util.Optional;

/**
 * Reads one area of host state (processes, kubelet configuration, files, sockets, sshd) into facts.
 * A reader never throws for bad host input: what it cannot read becomes {@link Fact#error} facts,
 * so one broken file costs only the checks that need it; should it throw anyway, the scanner turns
 * every key it declares into an ERROR and goes on. Readers may use facts that earlier readers
 * produced (for example the kubelet's pid), passed in as {@code known}, and take processes only
 * from the scan's one {@link HostScan#processes() snapshot}. Every host path a reader reads or looks
 * for is recorded with {@link HostScan#read}.
 */
public interface FactReader {

    /** A short stable name, used in logs and the {@code nodeward_reader_*} metrics. */
    String name();

    /**
     * Every key this reader can produce, declared so that a benchmark naming any other key fails to
     * load. A reader must never produce a key outside it (a test holds each reader to that).
     */
    KeySpace keys();

    List<Fact> read(HostScan host, HostFacts known);

    /**
     * The component (e.g. {@code kubelet}) whose process the fact {@code key} was read from or
     * through, if any. If that process exited or was replaced before the scan ended, the fact may
     * mix the old process with the new one's files, so the scanner makes it an ERROR.
     */
    default Optional<String> component(String key) {
        return Optional.empty();
    }
}
