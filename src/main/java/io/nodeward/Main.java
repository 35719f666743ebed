package io.nodeward;

import io.nodeward.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point. {@code scan}, {@code list}, {@code version} and {@code --help} run before, and
 * instead of, booting Quarkus ({@link Cli}): they must not open the agent's ports (an agent may
 * already run on this machine) and should start as fast as a JVM can. {@code serve}, or no
 * arguments, boots the agent; {@code cluster} boots the cluster auditor, the same application with
 * {@code nodeward.mode=cluster}, so the node agent's scan loop and publisher stay off.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        Cli.Outcome outcome = Cli.run(args, System.getenv(), System.out, System.err);
        if (outcome instanceof Cli.Exit exit) {
            System.exit(exit.code());
        }
        if (outcome instanceof Cli.ServeCluster) {
            // A system property, so that it outranks the environment and application.properties.
            System.setProperty("nodeward.mode", "cluster");
        }
        Quarkus.run();
    }
}
