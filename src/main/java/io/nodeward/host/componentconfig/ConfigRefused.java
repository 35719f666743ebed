package io.nodeward.host.componentconfig;

/**
 * The component would refuse this file: it does not start with it, so nothing it says is in effect.
 * The message is the component's own reason where nodeward knows it (quoted from the Kubernetes or
 * go-yaml source named where it is raised), else nodeward's, saying so.
 */
public final class ConfigRefused extends Exception {

    private final int line;

    public ConfigRefused(String message) {
        this(message, 0);
    }

    /** @param line the 1-based line the problem is on, 0 when there is none */
    public ConfigRefused(String message, int line) {
        super(message, null, false, false);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
