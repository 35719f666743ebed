package io.nodeward.host;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The name a node is reported under: the configured name ({@code NODE_NAME} from the downward API
 * in the pod), else the host's {@code /etc/hostname}, else the kernel's host name. The pod has
 * its own UTS namespace, so its own host name is the pod's, not the node's: hence the host file first.
 */
public final class NodeName {

    private NodeName() {
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
