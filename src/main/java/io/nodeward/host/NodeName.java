package io.nodeward.host;

import io.nodeward.Deployment;
import io.nodeward.NodewardConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * The name a node is reported under: the configured name ({@code NODE_NAME} from the downward API
 * in the pod), else the host's {@code /etc/hostname}, else (outside a pod only) the kernel's host
 * name. The pod has its own UTS namespace, so the host name the kernel gives a reader in a pod is
 * the pod's, not the node's: in serve mode in a pod that fallback would make the agent patch the
 * wrong Node, so there a node without a name it can read fails to start instead.
 *
 * <p>The one resolver of the node's name, for both modes: in serve mode this bean resolves it once at
 * start, and everything that names the node (the publisher's Node, the scanner's reports) takes it
 * from here so they cannot disagree; the CLI makes one the same way. Whether the pod rules apply is
 * {@link Deployment#agentOnItsNode()}, decided once per process.
 */
@Singleton
public final class NodeName {

    private static final Logger LOG = Logger.getLogger(NodeName.class);
    /** A host name is at most 64 bytes; 4 KiB leaves room for comments and still bounds a hostile file. */
    static final int MAX_BYTES = 4096;

    private final String name;

    /** {@code nodeward.node.name} on {@code root}, with the pod rules where {@code deployment} is the agent in a pod. */
    @Inject
    public NodeName(NodewardConfig config, HostRoot root, Deployment deployment) {
        this(root, config.node().name(), deployment.agentOnItsNode());
    }

    /** Outside a pod (and the CLI): configured, else {@code /etc/hostname}, else the kernel's host name. */
    public NodeName(HostRoot root, Optional<String> configured) {
        this(root, configured, false);
    }

    /**
     * @param inPod whether the agent runs in a pod ({@link Deployment#agentOnItsNode()}): then the
     *              kernel's host name is the pod's and is never used
     * @throws IllegalStateException in a pod, when neither a name is configured nor the host's
     *                               {@code /etc/hostname} can be read
     */
    NodeName(HostRoot root, Optional<String> configured, boolean inPod) {
        this.name = inPod ? resolveInPod(root, configured) : resolve(root, configured);
    }

    /** The node's name, as resolved at start. */
    public String name() {
        return name;
    }

    /** The rules outside a pod, the CLI's too: configured, else the host's {@code /etc/hostname}, else the kernel's host name, else {@code unknown}. */
    public static String resolve(HostRoot root, Optional<String> configured) {
        return configured(configured)
                .or(() -> quietly(() -> etcHostname(root)))
                .or(() -> quietly(() -> kernelHostname(root)))
                .orElse("unknown");
    }

    private static String resolveInPod(HostRoot root, Optional<String> configured) {
        Optional<String> name = configured(configured);
        if (name.isPresent()) {
            return name.get();
        }
        String etcHostname = root.display(root.resolve("/etc/hostname"));
        try {
            String hostname = etcHostname(root);
            LOG.warnf("NODE_NAME is not set: using %s of the host (%s) as the node's name, which need not be"
                    + " the Node's name; set NODE_NAME from the downward API (fieldRef spec.nodeName)",
                    etcHostname, hostname);
            return hostname;
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell which node this is: NODE_NAME is not set (set it from"
                    + " the downward API: fieldRef spec.nodeName) and the host's " + etcHostname + " cannot be read ("
                    + reason(e) + "); the pod's own host name is the pod's, not the node's", e);
        }
    }

    private static Optional<String> configured(Optional<String> configured) {
        return configured.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The first name in the host's {@code /etc/hostname} (comments and blank lines skipped). */
    private static String etcHostname(HostRoot root) throws IOException {
        String text = new String(BoundedFiles.readHost(root, "/etc/hostname", MAX_BYTES), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).findFirst()
                .orElseThrow(() -> new FileSystemException(root.display(root.resolve("/etc/hostname")), null,
                        "no host name in it"));
    }

    /** {@code /proc/sys/kernel/hostname}: the host name of the READER's UTS namespace. */
    private static String kernelHostname(HostRoot root) throws IOException {
        String name = new String(BoundedFiles.readProc(root, "sys/kernel/hostname", MAX_BYTES),
                StandardCharsets.UTF_8).strip();
        if (name.isEmpty()) {
            throw new FileSystemException(root.display(root.proc("sys/kernel/hostname")), null, "empty");
        }
        return name;
    }

    private interface Read {
        String read() throws IOException;
    }

    private static Optional<String> quietly(Read read) {
        try {
            return Optional.of(read.read());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.toString();
    }
}
