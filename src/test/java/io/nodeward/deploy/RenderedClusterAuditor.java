package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.testing.ExternalTool;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code daemonset/cluster/}, the cluster auditor's kustomization, as the cluster would receive it:
 * rendered by the real {@code kubectl kustomize} and loaded into fabric8 model objects, once per run.
 */
final class RenderedClusterAuditor {

    static final Path DIRECTORY = RenderedBase.PROJECT.resolve("daemonset/cluster");

    private static List<HasMetadata> resources;

    private RenderedClusterAuditor() {
    }

    static synchronized List<HasMetadata> resources() {
        if (resources == null) {
            String yaml = ExternalTool.runOk(RenderedBase.PROJECT, List.of("kubectl", "kustomize", DIRECTORY.toString()));
            Object loaded = new KubernetesSerialization().unmarshal(yaml);
            resources = switch (loaded) {
                case KubernetesList list -> List.copyOf(list.getItems());
                case List<?> list -> list.stream().map(HasMetadata.class::cast).toList();
                case HasMetadata single -> List.of(single);
                default -> fail("kubectl kustomize output did not load as Kubernetes objects: " + loaded);
            };
        }
        return resources;
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " " + name);
        return found.get(0);
    }
}
