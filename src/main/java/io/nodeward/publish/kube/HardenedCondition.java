package io.nodeward.publish.kube;

/**
 * The {@code NodeHardened} condition as nodeward means it: status {@code True}, {@code False} or
 * {@code Unknown}, a CamelCase reason and a message for people. Times are kept by {@link NodeSync}.
 */
record HardenedCondition(String status, String reason, String message) {

    static final String TYPE = "NodeHardened";

    /** Written once after the start GET when the Node has no such condition: we have not looked yet. */
    static final HardenedCondition NOT_SCANNED_YET = new HardenedCondition("Unknown", "NotScannedYet",
            "nodeward has started and not yet finished its first scan");
}
