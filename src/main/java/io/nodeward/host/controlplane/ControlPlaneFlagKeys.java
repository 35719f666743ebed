package io.nodeward.host.controlplane;

import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;

/**
 * Keys of the control-plane flag reader that this code and the CIS 1.1, 1.2 and 3.2 benchmarks read
 * but do not produce: agreed with the work on control-plane process discovery (kube-apiserver and
 * etcd flags), which produces and declares them. Declared here as well so that the benchmarks that
 * name them load before that reader exists; until then they are simply absent ("not observed on this
 * node"). Once that reader declares them, this class can go: a key declared twice is harmless.
 */
public final class ControlPlaneFlagKeys {

    public static final String AUDIT_POLICY_FILE = "kube-apiserver.auditPolicyFile";
    public static final String ETCD_DATA_DIR = "etcd.dataDir";

    public static final KeySpace KEYS = KeySpace.of(
            new KeyPattern.Fixed(AUDIT_POLICY_FILE),
            new KeyPattern.Fixed("kube-apiserver.auditLogPath"),
            new KeyPattern.Fixed("kube-apiserver.auditLogMaxage"),
            new KeyPattern.Fixed("kube-apiserver.auditLogMaxbackup"),
            new KeyPattern.Fixed("kube-apiserver.auditLogMaxsize"),
            new KeyPattern.Fixed(ETCD_DATA_DIR));

    private ControlPlaneFlagKeys() {
    }
}
