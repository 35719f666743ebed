package io.nodeward.host.controlplane;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.IoErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a kube-apiserver configuration file the way its strict codec does
 * ({@code serializer.NewCodecFactory(scheme, serializer.EnableStrict)}, see
 * {@code staging/src/k8s.io/apiserver/pkg/apis/apiserver/load/load.go} and
 * {@code pkg/kubeapiserver/options/authentication.go} loadAuthenticationConfigFromData): {@code kind}
 * and {@code apiVersion} must name a registered type, an unknown or duplicate field is an error, and a
 * value of the wrong type is an error (sigs.k8s.io/yaml converts YAML 1.1 scalars, so {@code yes} is a
 * boolean, but never a number into a string). A file the API server would refuse is refused here, with
 * the reason, so the facts that depend on it are errors and never a guess.
 */
final class StrictConfig {

    /** The expected shape of a document: objects with known fields, lists, scalars. */
    sealed interface Shape {
    }

    record Fields(Map<String, Shape> fields) implements Shape {
    }

    record ListOf(Shape item) implements Shape {
    }

    enum Scalar implements Shape { STRING, BOOLEAN }

    /** The API versions {@code apiserver.config.k8s.io} registers for these kinds (v1alpha1, v1beta1, v1). */
    static final Set<String> API_VERSIONS = Set.of("apiserver.config.k8s.io/v1alpha1",
            "apiserver.config.k8s.io/v1beta1", "apiserver.config.k8s.io/v1");

    private StrictConfig() {
    }

    /** A file the API server would refuse; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The document at {@code hostPath}, checked against {@code shape} (which must hold {@code kind} and
     * {@code apiVersion}) with {@code kind} {@code expectedKind}.
     */
    static Map<String, Object> load(HostScan host, String hostPath, String expectedKind, Fields shape)
            throws Refused {
        host.read(hostPath);
        byte[] bytes;
        try {
            bytes = BoundedFiles.readHost(host.root(), hostPath, BoundedFiles.MAX_BYTES);
        } catch (IOException e) {
            throw new Refused(hostPath + ": " + IoErrors.describe(e));
        }
        return parse(hostPath, new String(bytes, StandardCharsets.UTF_8), expectedKind, shape);
    }

    /** As {@link #load}, from text; pure. */
    static Map<String, Object> parse(String name, String text, String expectedKind, Fields shape) throws Refused {
        if (text.isBlank()) {
            throw new Refused(name + ": empty config data");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // a duplicate field is a strict decoding error
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (DuplicateKeyException e) {
            throw new Refused(name + ":" + (e.getProblemMark().getLine() + 1) + ": strict decoding error: " + e.getProblem());
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new Refused(name + (line > 0 ? ":" + line : "") + ": malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            String problem = "malformed YAML: " + firstLine(e.getMessage());
            throw new Refused(name + ": " + problem);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new Refused(name + ": Object 'Kind' is missing");
        }
        if (!(map.get("kind") instanceof String kind) || kind.isEmpty()) {
            throw new Refused(name + ": Object 'Kind' is missing");
        }
        if (!(map.get("apiVersion") instanceof String version) || version.isEmpty()) {
            throw new Refused(name + ": Object 'apiVersion' is missing");
        }
        if (!API_VERSIONS.contains(version) || !kind.equals(expectedKind)) {
            throw new Refused(name + ": no kind \"" + kind + "\" is registered for version \"" + version
                    + "\" (expected " + expectedKind + " in apiserver.config.k8s.io v1, v1beta1 or v1alpha1)");
        }
        check(map, shape, "", name);
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static void check(Object value, Shape shape, String path, String name) throws Refused {
        if (value == null) {
            return; // null leaves the field at its zero value, as JSON decoding does
        }
        switch (shape) {
            case Fields fields -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(name, path, "an object", value);
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String field = String.valueOf(entry.getKey());
                    String child = path.isEmpty() ? field : path + "." + field;
                    Shape expected = fields.fields().get(field);
                    if (expected == null) {
                        throw new Refused(name + ": strict decoding error: unknown field \"" + child + "\"");
                    }
                    check(entry.getValue(), expected, child, name);
                }
            }
            case ListOf list -> {
                if (!(value instanceof List<?> items)) {
                    throw mismatch(name, path, "a list", value);
                }
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), list.item(), path + "[" + i + "]", name);
                }
            }
            case Scalar scalar -> {
                boolean ok = scalar == Scalar.STRING ? value instanceof String : value instanceof Boolean;
                if (!ok) {
                    throw mismatch(name, path, scalar == Scalar.STRING ? "a string" : "a boolean", value);
                }
            }
        }
    }

    private static Refused mismatch(String name, String path, String wanted, Object value) {
        return new Refused(name + ": field \"" + path + "\" must be " + wanted + ", not '" + value + "'");
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    static Fields fields(Object... nameShapePairs) {
        Map<String, Shape> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameShapePairs.length; i += 2) {
            fields.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
        }
        return new Fields(Map.copyOf(fields));
    }
}
