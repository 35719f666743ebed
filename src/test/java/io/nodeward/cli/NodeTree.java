package io.nodeward.cli;

import io.nodeward.host.proc.ProcFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A worker node for CLI tests: the {@code namespace-worker} fixture's files copied into a test
 * directory, plus the {@code /proc} the fixture cannot commit: a kubeadm kubelet (pid 1234) that
 * also opens the read-only port with {@code --read-only-port=10255}, and a socket table where
 * 10255 and sshd's 22 listen on the wildcard address. Also the node the packaged agent's ITs
 * ({@code io.nodeward.it}) scan; {@code bench/fixture-node.sh} builds the same tree for benchmarks.
 */
public final class NodeTree {

    public static final String FIXTURE = "src/test/resources/hostroot/namespace-worker";

    /** /proc/1/net/tcp: sshd on 0.0.0.0:22, healthz on 127.0.0.1:10248, the read-only port on 0.0.0.0:10255. */
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1 0000000000000000 100 0 0 10 0
               1: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1 0000000000000000 100 0 0 10 0
               2: 00000000:280F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31549 1 0000000000000000 100 0 0 10 0
            """;

    static final String TCP6_EMPTY = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
            """;

    private NodeTree() {
    }

    /** Builds the node under {@code dir} with {@code hostname} in its /etc/hostname; returns its root. */
    public static Path build(Path dir, String hostname) throws IOException {
        Path root = Files.createDirectories(dir);
        copy(Path.of(FIXTURE), root);
        Files.writeString(root.resolve("etc/hostname"), hostname + "\n");
        ProcFixtures.cmdline(root, 1, "/sbin/init");
        ProcFixtures.cmdline(root, 1234, "/usr/bin/kubelet", "--kubeconfig=/etc/kubernetes/kubelet.conf",
                "--config=/var/lib/kubelet/config.yaml", "--read-only-port=10255");
        Path net = Files.createDirectories(root.resolve("proc/1/net"));
        Files.writeString(net.resolve("tcp"), TCP);
        Files.writeString(net.resolve("tcp6"), TCP6_EMPTY);
        return root;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
