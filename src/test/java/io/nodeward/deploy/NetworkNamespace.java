package io.nodeward.deploy;

import io.nodeward.testing.ExternalTool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace the test creates ({@code ip netns add}) with only its loopback up: the pod's
 * network as far as the agent can tell, and no way out of the machine. Requests to the agent run
 * inside it ({@code ip netns exec ... curl}), to 127.0.0.1.
 */
final class NetworkNamespace implements AutoCloseable {

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    static NetworkNamespace create(String name) {
        ExternalTool.runOk(Path.of("/"), List.of("ip", "netns", "add", name));
        NetworkNamespace ns = new NetworkNamespace(name);
        ExternalTool.runOk(Path.of("/"), List.of("ip", "-n", name, "link", "set", "lo", "up"));
        return ns;
    }

    /** The bind-mounted namespace file that {@code ctr run --with-ns network:...} joins. */
    Path path() {
        return Path.of("/var/run/netns", name);
    }

    /** GET http://127.0.0.1:{port}{path} from inside the namespace. */
    ExternalTool.Result get(int port, String path) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "curl", "-sS", "--fail",
                "--max-time", "5", "http://127.0.0.1:" + port + path));
        return ExternalTool.run(Path.of("/"), command);
    }

    @Override
    public void close() {
        ExternalTool.run(Path.of("/"), List.of("ip", "netns", "delete", name));
    }
}
