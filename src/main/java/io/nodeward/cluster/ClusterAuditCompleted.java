package io.nodeward.cluster;

import io.nodeward.cluster.audit.ClusterReport;

/**
 * Fired (synchronously, on the audit thread) after each audit of the leader: the metrics and the events
 * observe it, and so can a ClusterReport / ClusterPolicyReport publisher (the hook for the node agent's
 * PolicyReport work, which has not landed yet): everything it needs is in the report, and it is fired
 * only by the leader, so one replica writes.
 */
public record ClusterAuditCompleted(ClusterReport report) {
}
