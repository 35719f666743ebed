package io.nodeward.host.proc;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /proc/<pid>/cmdline} of every process into {@code process.<name>} facts: the pid of
 * each running component, with source {@code /proc/<pid>/cmdline}; absent when it is not running.
 */
public final class ProcessReader implements FactReader {

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public List<Fact> read(HostRoot root, HostFacts known) {
        ProcessTable table;
        try {
            table = ProcessTable.scan(root);
        } catch (IOException e) {
            String reason = "cannot list " + root.display(root.proc("")) + ": " + IoErrors.describe(e);
            return ProcessTable.COMPONENTS.stream().map(name -> Fact.error(key(name), reason)).toList();
        }
        List<Fact> facts = new ArrayList<>();
        for (String name : ProcessTable.COMPONENTS) {
            facts.add(table.find(name)
                    .map(p -> Fact.present(key(name), String.valueOf(p.pid()), p.cmdlineSource()))
                    .orElseGet(() -> Fact.absent(key(name), name + " is not running")));
        }
        return facts;
    }

    public static String key(String component) {
        return "process." + component;
    }
}
