package io.nodeward.publish.metrics;

import io.nodeward.scan.ScanReport;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code nodeward_port_listening{port}} values: the watched ports the scan read from the host's
 * socket table, 1 listening and 0 not. A port whose state could not be read gets no series rather
 * than a guess.
 */
final class ListeningPorts {

    private ListeningPorts() {
    }

    static Map<String, Integer> of(ScanReport report) {
        Map<String, Integer> ports = new TreeMap<>();
        report.listeningPorts().forEach((port, listening) -> ports.put(String.valueOf(port), listening ? 1 : 0));
        return ports;
    }
}
