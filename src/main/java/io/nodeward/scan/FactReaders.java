package io.nodeward.scan;

import io.nodeward.host.FactReader;
import io.nodeward.host.file.FileFactsReader;
import io.nodeward.host.kubelet.KubeletReader;
import io.nodeward.host.kubeproxy.KubeProxyReader;
import io.nodeward.host.net.PortReader;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.ssh.SshdConfigReader;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fact readers, in the one order they run: processes first (everything else reads through
 * them), then the kubelet's, kube-proxy's and sshd's configuration, then the files those name, then
 * the sockets. A list by hand, in one place, because the order is the dependency and reads best
 * written out; each reader says what it produces.
 */
final class FactReaders {

    private static final Map<String, String> PREFIXES = Map.of("processes", "process.", "kubelet", "kubelet.",
            "kube-proxy", "kube-proxy.", "sshd", "sshd.", "files", "file.", "ports", "port.");

    private FactReaders() {
    }

    /**
     * Every reader.
     *
     * @param kubeletExpected see {@link ScannerSettings#kubeletExpected()}
     * @param ports           the ports the port reader reports on
     */
    static List<FactReader> all(boolean kubeletExpected, Set<Integer> ports) {
        return List.of(new ProcessReader(kubeletExpected), new KubeletReader(), new KubeProxyReader(),
                new SshdConfigReader(), new FileFactsReader(), new PortReader(ports));
    }

    /** The keys {@code reader} produces. */
    static Predicate<String> keysOf(FactReader reader) {
        String prefix = PREFIXES.get(reader.name());
        return key -> prefix != null && key.startsWith(prefix);
    }
}
