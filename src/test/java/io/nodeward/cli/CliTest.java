package io.nodeward.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command tree: what each command line does before any scan, and which one boots the agent. */
class CliTest {

    record Result(Cli.Outcome outcome, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Outcome outcome = Cli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noArgumentsRunsTheAgentAsTheImageDoes() {
        assertEquals(new Result(new Cli.Serve(), "", ""), cli());
    }

    @Test
    void serveRunsTheAgent() {
        assertEquals(new Result(new Cli.Serve(), "", ""), cli("serve"));
    }

    @Test
    void clusterRunsTheClusterAuditor() {
        assertEquals(new Result(new Cli.ServeCluster(), "", ""), cli("cluster"));
    }

    @Test
    void serveTakesNoArguments() {
        assertEquals(new Result(new Cli.Exit(2), "", "nodeward: Unmatched argument at index 1: 'now'"
                + " (see 'nodeward serve --help')\n"), cli("serve", "now"));
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        assertEquals(new Result(new Cli.Exit(0), "nodeward 0.1.0-SNAPSHOT\n", ""), cli("version"));
        assertEquals(cli("version"), cli("--version"));
        assertEquals(cli("version"), cli("-V"));
    }

    @Test
    void helpListsTheCommandsAndExits0() {
        Result help = cli("--help");

        assertEquals(new Cli.Exit(0), help.outcome());
        for (String command : new String[]{"scan", "list", "version", "serve"}) {
            assertTrue(help.out().lines().anyMatch(l -> l.strip().startsWith(command + " ")), command + " in " + help.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"scan", "list", "version", "serve"}) {
            Result help = cli(command, "--help");
            assertEquals(new Cli.Exit(0), help.outcome(), command);
            assertTrue(help.out().startsWith("Usage: nodeward " + command), help.out());
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(new Result(new Cli.Exit(2), "", "nodeward: Unmatched argument at index 0: 'frobnicate'"
                + " (see 'nodeward --help')\n"), cli("frobnicate"));
    }

    @Test
    void anUnknownOptionBeforeTheCommandIsAUsageError() {
        assertEquals(new Result(new Cli.Exit(2), "", "nodeward: Unknown option: '--bogus' (see 'nodeward --help')\n"),
                cli("--bogus"));
    }
}
