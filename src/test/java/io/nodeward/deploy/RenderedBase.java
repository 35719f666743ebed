package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nodeward.testing.ExternalTool;
import java.nio.file.Path;
import java.util.List;

/**
 * The kustomize base in {@code daemonset/} as the cluster would receive it: rendered by the real
 * {@code kubectl kustomize} and loaded into fabric8 model objects. Rendered once per test run.
 */
final class RenderedBase {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path BASE = PROJECT.resolve("daemonset");

    private static String yaml;
    private static List<HasMetadata> resources;

    private RenderedBase() {
    }

    static synchronized String yaml() {
        if (yaml == null) {
            yaml = ExternalTool.runOk(PROJECT, List.of("kubectl", "kustomize", BASE.toString()));
        }
        return yaml;
    }

    static synchronized List<HasMetadata> resources() {
        if (resources == null) {
            Object loaded = new KubernetesSerialization().unmarshal(yaml());
            resources = switch (loaded) {
                case KubernetesList list -> List.copyOf(list.getItems());
                case List<?> list -> list.stream().map(HasMetadata.class::cast).toList();
                case HasMetadata single -> List.of(single);
                default -> fail("kubectl kustomize output did not load as Kubernetes objects: " + loaded);
            };
        }
        return resources;
    }

    /** The one rendered object of this model type; fails if there is none or more than one. */
    static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = resources().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "rendered objects of type " + type.getSimpleName());
        return found.get(0);
    }

    /** The one rendered custom resource (no fabric8 model class) of this kind. */
    static GenericKubernetesResource custom(String kind) {
        List<GenericKubernetesResource> found = resources().stream()
                .filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast)
                .toList();
        assertEquals(1, found.size(), "rendered objects of kind " + kind);
        return found.get(0);
    }
}
