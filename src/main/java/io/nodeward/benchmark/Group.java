package io.nodeward.benchmark;

import java.util.List;

/**
 * A section of a benchmark, one file, e.g. {@code 4.2 Kubelet}.
 *
 * @param requires facts that must be present for the group to apply, e.g. {@code process.kubelet};
 *                 they are also folded into each of its checks' {@link Check#requires()}
 */
public record Group(String id, String title, List<String> requires, List<Check> checks) {

    public Group {
        requires = List.copyOf(requires);
        checks = List.copyOf(checks);
    }
}
