package io.nodeward.host.embedded;

import io.nodeward.host.proc.CommandLineFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line an embedding distribution hands its kubelet or kube-proxy, each argument with
 * where it came from ({@code k3s default (pkg/daemons/agent)}, {@code MicroK8s /var/snap/...:7}).
 * Parsed by {@link CommandLineFlags} like any command line, so the flags keep those sources.
 */
public final class SourcedArgs {

    private final List<String> args = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    /** Adds {@code --name=value} from {@code source}. */
    SourcedArgs flag(String name, String value, String source) {
        return arg("--" + name + "=" + value, source);
    }

    /** Adds one argument as the program sees it, from {@code source}. */
    SourcedArgs arg(String arg, String source) {
        args.add(arg);
        sources.add(source);
        return this;
    }

    public List<String> args() {
        return List.copyOf(args);
    }

    /** The flags, parsed as {@link CommandLineFlags} does, each with its source. */
    public CommandLineFlags parse(Set<String> booleanFlags, Set<String> accumulating) {
        return CommandLineFlags.parse(args, sources, booleanFlags, accumulating);
    }
}
