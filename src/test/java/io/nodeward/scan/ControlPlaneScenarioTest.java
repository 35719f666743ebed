package io.nodeward.scan;

import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.nodeward.scan.Outcome.ERROR;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static io.nodeward.scan.Outcome.SKIP;
import static io.nodeward.scan.Outcome.WARN;
import static io.nodeward.scan.ScanScenarioTest.assertResult;
import static io.nodeward.scan.ScanScenarioTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Control-plane nodes scanned whole through the real {@link Scanner}: a kubeadm control plane as
 * kubeadm writes it ({@link NodeTree#kubeadmControlPlane}), the same node made insecure, one with a
 * component down, and one where a pod poses as the API server. Golden reports as in
 * {@link ScanScenarioTest}.
 */
class ControlPlaneScenarioTest {

    private static final String MANIFESTS = "/etc/kubernetes/manifests/";

    @TempDir
    Path dir;

    @Test
    void kubeadmControlPlaneAsKubeadmWritesIt() {
        ScanReport report = golden("kubeadm-control-plane", NodeTree.kubeadmControlPlane(dir));

        assertEquals("control-plane", report.role());
    }

    private static ScanReport golden(String scenario, NodeTree node) {
        ScanReport report = node.scan(scenario);
        GoldenReport.assertMatches(scenario, report);
        return report;
    }

    static List<String> idsWith(ScanReport report, Outcome status) {
        return report.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    }
}
