package io.nodeward.host;

import io.nodeward.NodewardConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The name a node is reported under: the configured name ({@code NODE_NAME} from the downward API
 * in the pod), else the host's {@code /etc/hostname}, else the kernel's host name. The pod has
 * its own UTS namespace, so its own host name is the pod's, not the node's: hence the host file first.
 *
 * <p>The one resolver of the node's name: the CLI calls {@link #resolve}; in serve mode this bean
 * resolves it once at start, and everything that names the node (the publisher's Node, the
 * scanner's reports) should take it from here so they cannot disagree.
 */
@Singleton
public final class NodeName {

    private final String name;

    @Inject
    NodeName(NodewardConfig config, HostRoot root) {
        this(root, config.node().name());
    }

    public NodeName(HostRoot root, Optional<String> configured) {
        this.name = resolve(root, configured);
    }

    /** The node's name, as resolved at start. */
    public String name() {
        return name;
    }

    public static String resolve(HostRoot root, Optional<String> configured) {
        return configured.filter(s -> !s.isBlank())
                .or(() -> firstLine(root, "/etc/hostname"))
                .or(() -> firstLineProc(root))
                .orElse("unknown");
    }

    private static Optional<String> firstLine(HostRoot root, String hostPath) {
        try {
            return Files.readAllLines(root.resolve(hostPath)).stream().map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstLineProc(HostRoot root) {
        try {
            return Optional.of(Files.readString(root.proc("sys/kernel/hostname")).strip()).filter(s -> !s.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
