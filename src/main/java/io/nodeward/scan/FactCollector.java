package io.nodeward.scan;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.file.FileFactsReader;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.kubeproxy.KubeProxyReader;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.ssh.SshdConfigReader;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the fact readers in dependency order (processes before the kubelet's configuration, the
 * kubelet's and sshd's before the files they name) into one snapshot. Readers do not throw for bad host
 * input; if one throws anyway (a bug), every fact under its prefixes becomes an error and the
 * other readers still run.
 */
final class FactCollector {

    private static final Logger LOG = Logger.getLogger(FactCollector.class.getName());
    private static final Pattern PORT_KEY = Pattern.compile("port\\.(\\d+)\\.");

    /** Ports watched even when no check names them, for the {@code nodeward_port_listening} metric. */
    static final Set<Integer> WATCHED_PORTS = PortReader.WATCHED;

    private record Slot(FactReader reader, List<String> prefixes) {
    }

    private final List<Slot> slots;

    private FactCollector(List<Slot> slots) {
        this.slots = slots;
    }

    /**
     * The readers needed for checks naming {@code factKeys}, plus the watched ports.
     * {@code kubeletExpected}: see {@link ScannerSettings#kubeletExpected()}.
     */
    static FactCollector forChecks(Set<String> factKeys, boolean kubeletExpected) {
        Set<Integer> ports = new TreeSet<>(WATCHED_PORTS);
        for (String key : factKeys) {
            Matcher m = PORT_KEY.matcher(key);
            if (m.lookingAt()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        return new FactCollector(List.of(
                new Slot(new ProcessReader(kubeletExpected), List.of("process.")),
                new Slot(new KubeletReader(), List.of("kubelet.")),
                new Slot(new KubeProxyReader(), List.of("kube-proxy.")),
                new Slot(new SshdConfigReader(), List.of("sshd.")),
                new Slot(new FileFactsReader(), List.of("file.")),
                new Slot(new PortReader(ports), List.of("port."))));
    }

    /** The watched ports whose state was read: listening or not. Unreadable ones are left out. */
    static SortedMap<Integer, Boolean> listeningPorts(HostFacts facts) {
        SortedMap<Integer, Boolean> ports = new TreeMap<>();
        for (int port : WATCHED_PORTS) {
            Fact fact = facts.get("port." + port + ".listening");
            if (fact.isPresent()) {
                ports.put(port, Boolean.parseBoolean(fact.value()));
            }
        }
        return ports;
    }

    HostFacts collect(HostRoot root) {
        HostFacts.Builder facts = HostFacts.builder();
        for (Slot slot : slots) {
            try {
                facts.addAll(slot.reader().read(root, facts.build()));
            } catch (RuntimeException e) {
                String reason = "reader " + slot.reader().name() + " failed: " + e;
                LOG.log(Level.WARNING, reason, e);
                slot.prefixes().forEach(prefix -> facts.failPrefix(prefix, reason));
            }
        }
        return facts.build();
    }
}
