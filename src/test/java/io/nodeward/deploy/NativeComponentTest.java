package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** daemonset/native: an overlay that uses the component gets the native image and its smaller sizes, and nothing else changes. */
class NativeComponentTest {

    @Test
    void anOverlayWithTheNativeComponentRunsTheNativeTagWithItsSizes() throws Exception {
        Path overlay = Files.createTempDirectory(Files.createDirectories(RenderedBase.PROJECT.resolve("target")), "overlay-");
        try {
            Path base = overlay.relativize(RenderedBase.BASE);
            Files.writeString(overlay.resolve("kustomization.yaml"),
                    "resources: [" + base + "]\ncomponents: [" + base.resolve("native") + "]\n");
            String yaml = ExternalTool.runOk(overlay, List.of("kubectl", "kustomize", overlay.toString()));
            Object loaded = new KubernetesSerialization().unmarshal(yaml);
            List<?> items = loaded instanceof KubernetesList list ? list.getItems() : (List<?>) loaded;
            DaemonSet daemonSet = items.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast)
                    .findFirst().orElseThrow();
            var agent = daemonSet.getSpec().getTemplate().getSpec().getContainers().get(0);
            var baseAgent = RenderedBase.one(DaemonSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);

            assertEquals(baseAgent.getImage() + "-native", agent.getImage());
            assertEquals(new Quantity("48Mi"), agent.getResources().getRequests().get("memory"));
            assertEquals(new Quantity("10m"), agent.getResources().getRequests().get("cpu"));
            assertEquals(new Quantity("128Mi"), agent.getResources().getLimits().get("memory"));
            assertEquals(baseAgent.getSecurityContext(), agent.getSecurityContext());
            assertEquals(baseAgent.getVolumeMounts(), agent.getVolumeMounts());
        } finally {
            Containerd.deleteTree(overlay);
        }
    }
}
