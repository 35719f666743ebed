package io.nodeward.host.distribution;

import io.nodeward.benchmark.Distributions;
import io.nodeward.host.Fact;
import io.nodeward.host.FactKeys;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How markers decide, on facts handed in as the earlier readers would produce them and processes from a
 * node tree: all conditions of a marker must hold, the first distribution that holds wins, and what cannot
 * be tested never recognises a distribution (its node stays on the generic CIS benchmark) but is said.
 */
class DistributionReaderTest {

    private static final Distributions DISTRIBUTIONS = Distributions.parse("d.yaml", """
            distributions:
              - id: first
                name: First
                markers:
                  - variant: by config
                    when: kubelet.config eq /etc/first/kubelet.yaml
                    source: first/installer
              - id: second
                name: Second
                markers:
                  - program: '.*/second-kubelet'
                    path: /run/second/ready
                    source: second/agent
                  - when: kubelet.config matches /etc/.*
                    source: second/catch-all
            """, FactKeys.ALL);

    @TempDir
    Path dir;

    private Fact read(NodeTree node, Fact... known) {
        HostScan host = HostScan.of(HostRoot.of(node.root()));
        HostFacts.Builder facts = HostFacts.builder().addAll(List.of(known));
        List<Fact> read = new DistributionReader(DISTRIBUTIONS).read(host, facts.build());
        assertEquals(1, read.size());
        return read.get(0);
    }

    private NodeTree node() {
        return NodeTree.of(dir, "linux-base").process(1, "/sbin/init")
                .process(40, "/opt/second/bin/second-kubelet", "--config=/etc/first/kubelet.yaml");
    }

    private static Fact kubelet(int pid) {
        return Fact.present("process.kubelet", String.valueOf(pid), "/proc/" + pid + "/cmdline");
    }

    private static Fact config(String path) {
        return Fact.present("kubelet.config", path, "flag --config");
    }

    @Test
    void theFirstDistributionWhoseMarkerHoldsWinsWithItsEvidence() {
        Fact fact = read(node().write("/run/second/ready", ""), kubelet(40), config("/etc/first/kubelet.yaml"));

        assertEquals(Fact.present("node.distribution", "first",
                "by config: kubelet.config = /etc/first/kubelet.yaml (flag --config); first/installer"), fact);
    }

    @Test
    void everyConditionOfAMarkerMustHold() {
        // the program matches, but the file the agent writes once ready is not there: the catch-all decides
        Fact fact = read(node(), kubelet(40), config("/etc/other.yaml"));

        assertEquals("kubelet.config = /etc/other.yaml (flag --config); second/catch-all", fact.source());
    }

    @Test
    void aProgramAndAPathTogetherAreTheEvidence() {
        Fact fact = read(node().write("/run/second/ready", ""), kubelet(40), config("/var/lib/x.yaml"));

        assertEquals(Fact.present("node.distribution", "second", "the kubelet runs in /opt/second/bin/second-kubelet;"
                + " /run/second/ready exists; second/agent"), fact);
    }

    @Test
    void aPathMarkerIsFollowedInsideTheHostRootNotOutOfIt() {
        // an absolute link is the host's path: re-rooted, it leads to no file
        Fact fact = read(node().link("/run/second/ready", "/etc/hostname-that-is-not-there"), kubelet(40),
                config("/var/lib/x.yaml"));

        assertEquals("unknown", fact.value());
    }

    @Test
    void aFactThatCannotBeReadRecognisesNothingAndIsNamed() {
        Fact fact = read(node(), kubelet(40), Fact.error("kubelet.config", "config file unreadable"));

        assertEquals("unknown", fact.value());
        assertEquals("the kubelet's arguments and files match no distribution's markers (distributions.yaml);"
                + " could not test first: kubelet.config: config file unreadable; second: kubelet.config: config file"
                + " unreadable", fact.source());
    }

    @Test
    void aKubeletThatCannotBeToldIsUnknownWithTheReason() {
        Fact fact = read(node(), Fact.error("process.kubelet", "ambiguous: 2 kubelet processes outside pods"));

        assertEquals("unknown", fact.value());
        assertTrue(fact.source().startsWith("no distribution's markers hold: process.kubelet: ambiguous"), fact.source());
        assertTrue(fact.source().contains("could not test second: process.kubelet: ambiguous"), fact.source());
    }

    @Test
    void aPathMarkerIsRecordedForTheAgentToWatch() {
        HostScan host = HostScan.of(HostRoot.of(node().root()));
        new DistributionReader(DISTRIBUTIONS).read(host, HostFacts.builder().add(kubelet(40)).build());

        assertEquals(List.of("/run/second/ready"), List.copyOf(host.pathsRead()));
    }
}
