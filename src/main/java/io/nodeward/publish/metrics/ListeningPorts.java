package io.nodeward.publish.metrics;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which watched ports listen, as far as the report tells: the checks {@code port-<n>} (DESIGN.md)
 * fail or warn when their port is open in the way they object to, and pass otherwise. This is a
 * proxy: {@code port-22} warns only for a wildcard bind, so sshd on loopback reads as 0. Checks
 * that were skipped or could not read the socket table say nothing, so their port has no series.
 */
final class ListeningPorts {

    private static final Pattern PORT_CHECK = Pattern.compile("port-(\\d{1,5})");

    private ListeningPorts() {
    }

    /** Port number → 1 (listening) or 0, for every port check with a PASS, FAIL or WARN result. */
    static Map<String, Integer> of(Iterable<CheckResult> results) {
        Map<String, Integer> ports = new TreeMap<>();
        for (CheckResult result : results) {
            Matcher matcher = PORT_CHECK.matcher(result.id());
            if (!matcher.matches()) {
                continue;
            }
            Outcome status = result.status();
            if (status == Outcome.FAIL || status == Outcome.WARN) {
                ports.put(matcher.group(1), 1);
            } else if (status == Outcome.PASS) {
                ports.putIfAbsent(matcher.group(1), 0);
            }
        }
        return ports;
    }
}
