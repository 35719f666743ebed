package io.nodeward.host.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CommandLineFlagsTest {

    private static final Set<String> BOOLEANS = Set.of("anonymous-auth", "rotate-certificates");

    private static CommandLineFlags parse(String spaceSeparated) {
        List<String> args = spaceSeparated.isEmpty() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
        return CommandLineFlags.parse(args, BOOLEANS);
    }

    @ParameterizedTest(name = "{0} -> {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "--read-only-port=10255                          | read-only-port     | 10255",
            "--read-only-port 10255                          | read-only-port     | 10255",
            "--config /etc/kubernetes/kubelet/kubelet-config.json | config        | /etc/kubernetes/kubelet/kubelet-config.json",
            "--anonymous-auth                                | anonymous-auth     | true",
            "--anonymous-auth=false                          | anonymous-auth     | false",
            "--anonymous-auth false                          | anonymous-auth     | true",
            "-v=2                                            | v                  | 2",
            "-v 4                                            | v                  | 4",
            "--v=2 --v=5                                     | v                  | 5",
            "--read-only-port=0 --read-only-port 10255       | read-only-port     | 10255",
            "--feature-gates=A=true,B=false                  | feature-gates      | A=true,B=false",
            "--pod-max-pids -1                               | pod-max-pids       | -1",
            "--node-labels=                                  | node-labels        | ''",
            "--config-dir=/etc/kubernetes/kubelet.conf.d     | config-dir         | /etc/kubernetes/kubelet.conf.d",
            "--unknown-bool --read-only-port=0               | unknown-bool       | true",
            "--unknown-bool --read-only-port=0               | read-only-port     | 0",
    })
    void readsEveryFlagForm(String args, String flag, String value) {
        assertEquals(Optional.of(value), parse(args.trim()).get(flag));
    }

    @Test
    void configDoesNotMatchConfigDir() {
        CommandLineFlags flags = parse("--config-dir=/etc/kubernetes/kubelet.conf.d");

        assertFalse(flags.has("config"));
    }

    @Test
    void stopsAtDoubleDash() {
        assertFalse(parse("-- --read-only-port=10255").has("read-only-port"));
    }

    @ParameterizedTest
    @CsvSource({"hostname-override,hostnameOverride", "kubeconfig,kubeconfig", "config-dir,configDir",
            "metrics-bind-address,metricsBindAddress", "v,v"})
    void camelCasesFlagNames(String flag, String camel) {
        assertEquals(camel, CommandLineFlags.camelCase(flag));
    }

    @Test
    void repeatedFeatureGatesAddUpInOrder() {
        CommandLineFlags flags = parse("--feature-gates=A=true,B=false --v=2 --feature-gates=B=true");

        assertEquals(Optional.of("A=true,B=false,B=true"), flags.get("feature-gates"));
    }

    @Test
    void repeatedOrdinaryFlagsKeepTheLastValue() {
        assertEquals(Optional.of("2"), parse("--read-only-port=1 --read-only-port=2").get("read-only-port"));
    }

    @Test
    void eachFlagKeepsTheSourceOfItsWinningOccurrenceAndAccumulatedOnesJoinTheirs() {
        CommandLineFlags flags = CommandLineFlags.parse(
                List.of("--read-only-port=0", "--feature-gates=A=true", "--read-only-port=10255", "--feature-gates=B=false"),
                List.of("k3s default", "config.yaml", "argv", "argv"), BOOLEANS, CommandLineFlags.ACCUMULATING);

        assertEquals("10255", flags.get("read-only-port").orElseThrow());
        assertEquals("argv", flags.source("read-only-port"));
        assertEquals("A=true,B=false", flags.get("feature-gates").orElseThrow());
        assertEquals("config.yaml, argv", flags.source("feature-gates"));
        // a plain parse, and a flag set afterwards, keep the usual source
        assertEquals("flag --read-only-port", parse("--read-only-port=0").source("read-only-port"));
        assertEquals("argv", flags.with("config-dir", "/x").source("read-only-port"));
        assertEquals("flag --config-dir", flags.with("config-dir", "/x").source("config-dir"));
    }
}
