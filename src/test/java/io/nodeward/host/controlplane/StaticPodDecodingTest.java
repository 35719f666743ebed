package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Static pod manifests and the control-plane components' own files read as their owners read them,
 * through the one component decoder: the kubelet's lenient decoding of a manifest
 * ({@code pkg/kubelet/config/common.go} tryDecodeSinglePod: sigs.k8s.io/yaml over go-yaml v2, then the
 * legacy scheme's non-strict universal decoder), kube-scheduler's strict {@code --config}. Each
 * component is down here, so it is audited from its manifest alone.
 */
class StaticPodDecodingTest {

    private static final String APISERVER = "/etc/kubernetes/manifests/kube-apiserver.yaml";

    @TempDir
    Path dir;

    @Test
    void aMergeKeyAfterAFieldReplacesItAsGoYamlMergesIt() {
        // go-yaml v2 (decode.go, decoder.merge) merges where the "<<" key stands: the command merged
        // after the written one wins; a YAML 1.1 reader that lets written keys win sees Node,RBAC
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .edit(APISERVER, "metadata:\n", "metadata:\n  x-defaults: &open\n    command: [kube-apiserver,"
                        + " --authorization-mode=AlwaysAllow]\n")
                .edit(APISERVER, "    name: kube-apiserver\n", "    name: kube-apiserver\n    <<: *open\n");

        Fact modes = ControlPlaneReaderTest.read(tree).get(ApiServerAccess.MODES);

        assertEquals(Fact.State.PRESENT, modes.state(), modes.toString());
        assertEquals("AlwaysAllow", modes.value());
    }

    @Test
    void aManifestWithAValueOfTheWrongTypeIsNotRunByTheKubelet() {
        // core/v1 Container.command is []string: go-yaml resolves "yes" to a boolean, and the kubelet's
        // decoder refuses the whole manifest (json: cannot unmarshal bool into Go struct field ...)
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .edit(APISERVER, "    - --allow-privileged=true\n", "    - --allow-privileged=true\n    - yes\n");

        Fact component = ControlPlaneReaderTest.read(tree).get("control-plane.kube-apiserver");

        assertEquals(Fact.error("control-plane.kube-apiserver", "static pod manifest " + APISERVER
                + ": the kubelet refuses it: failed to decode: json: cannot unmarshal bool into Go struct field"
                + " Container.spec.containers.command of type string"), component);
    }

    @Test
    void onlyTheFirstDocumentOfAManifestIsRead() {
        // sigs.k8s.io/yaml converts the first document only; a second one is never seen by the kubelet
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-apiserver")
                .append(APISERVER, "---\napiVersion: v1\nkind: Pod\nspec: {containers: [{name: x, command: [kube-apiserver,"
                        + " --authorization-mode=AlwaysAllow]}]}\n");

        Fact modes = ControlPlaneReaderTest.read(tree).get(ApiServerAccess.MODES);

        assertEquals(Fact.State.PRESENT, modes.state(), modes.toString());
        assertEquals("Node,RBAC", modes.value());
    }

    @Test
    void aSchedulerConfigWithAnUnknownFieldIsRefusedByTheStrictDecoder() {
        NodeTree tree = NodeTree.kubeadmControlPlane(dir, "kube-scheduler")
                .edit("/etc/kubernetes/manifests/kube-scheduler.yaml", "--leader-elect=true",
                        "--leader-elect=true\n    - --config=/etc/kubernetes/scheduler.conf")
                .write("/etc/kubernetes/scheduler.conf", """
                        apiVersion: kubescheduler.config.k8s.io/v1
                        kind: KubeSchedulerConfiguration
                        enableProfilling: false
                        """);

        Fact profiling = ControlPlaneReaderTest.read(tree).get("kube-scheduler.profiling");

        assertEquals(Fact.error("kube-scheduler.profiling", "kube-scheduler --config /etc/kubernetes/scheduler.conf:"
                + " kube-scheduler refuses it: strict decoding error: unknown field \"enableProfilling\""), profiling);
    }
}
