package io.nodeward.host.controlplane;

/**
 * A file a control-plane component would refuse, or cannot be reading: it does not start with it, so
 * the facts that depend on it are errors with this reason, never a default.
 */
final class RefusedConfig extends Exception {

    RefusedConfig(String message) {
        super(message, null, false, false);
    }
}
