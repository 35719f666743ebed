package io.nodeward.host;

import java.util.List;

/**
 * Reads one area of host state (processes, kubelet configuration, files, sockets, sshd) into facts.
 * A reader never throws for bad host input: what it cannot read becomes {@link Fact#error} facts,
 * so one broken file costs only the checks that need it. Readers may use facts that earlier readers
 * produced (for example the kubelet's argv), passed in as {@code known}.
 */
public interface FactReader {

    /** A short stable name, used in logs and the {@code nodeward_reader_*} metrics. */
    String name();

    /**
     * Every key this reader can produce, declared so that a benchmark naming any other key fails to
     * load. A reader must never produce a key outside it (a test holds each reader to that).
     */
    KeySpace keys();

    List<Fact> read(HostRoot root, HostFacts known);
}
