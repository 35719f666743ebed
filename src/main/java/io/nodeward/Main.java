package io.nodeward;

import io.nodeward.cli.ScanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point. {@code scan} is a one-shot CLI that runs before, and instead of, booting
 * Quarkus: it must not open the agent's ports (an agent may already run on this machine) and it
 * should start as fast as a JVM can. {@code cluster} boots the cluster auditor: the same application
 * with {@code nodeward.mode=cluster}, so the node agent's scan loop and publisher stay off. Anything else
 * boots the agent (serve mode).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("scan")) {
            System.exit(ScanCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("cluster")) {
            // A system property, so that it outranks the environment and application.properties.
            System.setProperty("nodeward.mode", "cluster");
        }
        Quarkus.run(args);
    }
}
