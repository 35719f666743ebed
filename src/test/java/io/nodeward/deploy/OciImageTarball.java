package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.testing.ExternalTool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image in an OCI image-layout tarball (what Jib's buildTar writes): its name and its
 * configuration, read the way a runtime reads them: index.json, then the manifest, then the config
 * blob (OCI image-spec image-layout.md, manifest.md, config.md).
 *
 * @param reference  the name the index gives the image ({@code org.opencontainers.image.ref.name})
 * @param entrypoint the config's Entrypoint
 * @param cmd        the config's Cmd (empty: the entrypoint alone runs serve mode)
 * @param env        the config's Env, in order
 * @param workingDir the config's WorkingDir
 * @param user       the config's User
 * @param labels     the config's Labels
 */
record OciImageTarball(String reference, List<String> entrypoint, List<String> cmd, Map<String, String> env,
                       String workingDir, String user, Map<String, String> labels) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OciImageTarball read(Path tarball) {
        JsonNode index = entry(tarball, "index.json");
        assertEquals(1, index.path("manifests").size(), "manifests in " + tarball);
        JsonNode manifestDescriptor = index.path("manifests").get(0);
        String reference = manifestDescriptor.path("annotations").path("org.opencontainers.image.ref.name").asText();
        JsonNode manifest = entry(tarball, blob(manifestDescriptor.path("digest").asText()));
        JsonNode config = entry(tarball, blob(manifest.path("config").path("digest").asText())).path("config");
        Map<String, String> env = new LinkedHashMap<>();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv[1]);
        });
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new OciImageTarball(reference, strings(config.path("Entrypoint")), strings(config.path("Cmd")), env,
                config.path("WorkingDir").asText(), config.path("User").asText(), labels);
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static JsonNode entry(Path tarball, String name) {
        String text = ExternalTool.runOk(tarball.getParent(), List.of("tar", "-xOf", tarball.toString(), name));
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " in " + tarball, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
