package io.nodeward.scan;

import io.nodeward.host.Fact;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;
import io.nodeward.host.Observed;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The local paths whose change should trigger a rescan: every file a check read (the values of
 * {@code file.*.path} facts), the kubelet's drop-in directory and sshd's configuration directory.
 * Nothing under {@code /proc}: process and socket changes are caught by the periodic scan.
 */
final class WatchedPaths {

    private static final String[] ALWAYS = {"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d"};

    private WatchedPaths() {
    }

    static Set<Path> of(HostRoot root, HostFacts facts) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Fact fact : facts.all()) {
            if (fact.key().startsWith("file.") && fact.key().endsWith(".path") && fact.isPresent()) {
                for (Observed observed : fact.observed()) {
                    paths.add(root.resolve(observed.value()));
                }
            }
        }
        Fact configDir = facts.get("kubelet.configDir");
        if (configDir.isPresent()) {
            paths.add(root.resolve(configDir.value()));
        }
        for (String always : ALWAYS) {
            paths.add(root.resolve(always));
        }
        return Set.copyOf(paths);
    }
}
