package io.nodeward.host.audit;

/** Audit policies the tests of several packages use. */
public final class AuditPolicyReaderTestPolicies {

    /** Secrets, ConfigMaps and TokenReviews at Metadata, pods at RequestResponse, the rest at Metadata. */
    public static final String MINIMAL = AuditPolicyReaderTest.MINIMAL;

    private AuditPolicyReaderTestPolicies() {
    }
}
