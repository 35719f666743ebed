package io.nodeward.cluster;

/** Fired when this replica starts ({@code leading}) or stops leading the cluster audit. */
public record LeadershipChanged(boolean leading) {
}
