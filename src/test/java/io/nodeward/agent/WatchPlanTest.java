package io.nodeward.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchPlanTest {

    @TempDir
    Path root;

    @Test
    void aFileIsWatchedThroughItsDirectoryForItsNameOnly() throws Exception {
        Path kubelet = Files.createDirectories(root.resolve("var/lib/kubelet"));
        Path config = Files.writeString(kubelet.resolve("config.yaml"), "");

        WatchPlan plan = WatchPlan.of(Set.of(config));

        assertEquals(Map.of(kubelet, new WatchPlan.Interest(false, Set.of("config.yaml"))), plan.interests());
        assertTrue(plan.matters(kubelet, Path.of("config.yaml")));
        assertFalse(plan.matters(kubelet, Path.of("kubeconfig")));
    }

    @Test
    void aDirectoryIsWatchedItselfForAnyEntryAndThroughItsParent() throws Exception {
        Path kubernetes = Files.createDirectories(root.resolve("etc/kubernetes"));
        Path dropIns = Files.createDirectories(kubernetes.resolve("kubelet.conf.d"));

        WatchPlan plan = WatchPlan.of(Set.of(dropIns));

        assertEquals(Map.of(
                dropIns, new WatchPlan.Interest(true, Set.of()),
                kubernetes, new WatchPlan.Interest(false, Set.of("kubelet.conf.d"))), plan.interests());
        assertTrue(plan.matters(dropIns, Path.of("99-new.conf")));
    }

    @Test
    void aPathUnderAMissingDirectoryIsWatchedFromTheNearestExistingAncestor() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc"));

        WatchPlan plan = WatchPlan.of(Set.of(etc.resolve("kubernetes/kubelet.conf.d/10-ro.conf")));

        assertEquals(Map.of(etc, new WatchPlan.Interest(false, Set.of("kubernetes"))), plan.interests());
    }

    @Test
    void anOverflowAlwaysMatters() throws Exception {
        Path ssh = Files.createDirectories(root.resolve("etc/ssh"));

        WatchPlan plan = WatchPlan.of(Set.of(ssh.resolve("sshd_config")));

        assertTrue(plan.matters(ssh, null));
        assertFalse(plan.matters(root, null));
    }
}
