package io.nodeward.host.componentconfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes a component configuration file the way the component does, or says why it refuses it.
 * The kubelet's path (k8s 1.31-1.33), kube-proxy's being the same codec stack:
 * <ol>
 *   <li>{@code pkg/kubelet/kubeletconfig/configfiles/configfiles.go} {@code fsLoader.Load}: a 0-byte
 *       file is {@code kubelet config file "<path>" was empty}.</li>
 *   <li>apimachinery's recognizer: JSON when the first non-space byte is '{' ({@link JsonDocument}),
 *       else YAML through sigs.k8s.io/yaml and go-yaml v2 ({@link YamlComposer}, {@link GoYamlDecoder}),
 *       first document only.</li>
 *   <li>{@code runtime/serializer/json/meta.go} {@code SimpleMetaFactory.Interpret}: apiVersion and kind,
 *       matched case-insensitively; then {@code Object 'Kind' is missing in '...'},
 *       {@code Object 'apiVersion' is missing in '...'}, or the scheme's
 *       {@code no kind "X" is registered for version "Y"}.</li>
 *   <li>kubernetes-sigs/json into the versioned struct ({@link TypeCheck}): a type error is fatal in
 *       both passes; duplicates (and unknown fields) fail only the strict pass, after which
 *       {@code pkg/kubelet/kubeletconfig/util/codec/codec.go} {@code DecodeKubeletConfiguration}
 *       (kube-proxy: {@code cmd/kube-proxy/app/options.go} {@code loadConfig}) decodes leniently and
 *       starts.</li>
 * </ol>
 * Every refusal is a {@link ConfigRefused} whose message starts with "&lt;component&gt; refuses it: "
 * and quotes the component; a syntax error keeps SnakeYAML's wording ("malformed YAML: ..."), and a
 * file over {@link DecodeBudget} is "not decoded: ...".
 */
public final class ComponentConfigDecoder {

    private ComponentConfigDecoder() {
    }

    public static DecodedConfig decode(byte[] bytes, String path, ConfigRules rules) throws ConfigRefused {
        String refuses = rules.component() + " refuses it: ";
        if (bytes.length == 0 && rules.emptyRefusedAs() != null) {
            throw new ConfigRefused(refuses + rules.emptyRefusedAs().formatted(path));
        }
        String text = new String(bytes, StandardCharsets.UTF_8); // JSON: invalid bytes become U+FFFD, as in Go
        boolean json = startsWithBrace(text);
        GoYamlDecoder.Result result;
        if (json) {
            try {
                result = JsonDocument.parse(text);
            } catch (ConfigRefused e) {
                throw rethrow(e, refuses + "failed to decode: couldn't get version/kind; json parse error: ");
            }
        } else {
            String utf8 = Utf8Check.firstProblem(bytes);
            if (utf8 != null) {
                throw new ConfigRefused(refuses + "failed to decode: yaml: " + utf8);
            }
            YamlNode root = YamlComposer.firstDocument(text, DecodeBudget.NODES);
            try {
                result = GoYamlDecoder.decode(root);
            } catch (ConfigRefused e) {
                throw rethrow(e, refuses + "failed to decode: ");
            }
        }
        Map<String, Object> document = typeMeta(result.document(), text, json, refuses, rules);
        String typeError = TypeCheck.firstError(document, rules.schema(), !json);
        if (typeError != null) {
            throw new ConfigRefused(refuses + (rules.dropIn()
                    ? "failed to unmarshal merged JSON into kubelet configuration: " : "failed to decode: ") + typeError);
        }
        List<String> duplicates = result.strictErrors();
        if (rules.dropIn()) {
            // decoded into an Unstructured with the strict codec and no lenient retry (codec.go
            // DecodeKubeletConfigurationIntoJSON): a duplicate key is fatal in a drop-in; a map has no
            // unknown fields, and the merged JSON is decoded leniently
            if (!duplicates.isEmpty()) {
                throw new ConfigRefused(refuses + "strict decoding error: " + duplicateErrors(duplicates, json));
            }
            return new DecodedConfig(UnknownFields.drop(document, rules.schema()), result.notes(), List.of(), List.of());
        }
        List<String> unknown = UnknownFields.paths(document, rules.schema(), !json);
        List<String> strictErrors = new ArrayList<>();
        if (!duplicates.isEmpty()) {
            strictErrors.add(duplicateErrors(duplicates, json));
        }
        strictErrors.addAll(UnknownFields.messages(unknown));
        switch (rules.strictness()) {
            case STRICT -> {
                if (!strictErrors.isEmpty()) {
                    // runtime.NewStrictDecodingError: the strict codec is the only one
                    throw new ConfigRefused(refuses + "strict decoding error: " + String.join(", ", strictErrors));
                }
            }
            case LENIENT -> strictErrors.clear(); // never decoded strictly: nothing to warn about
            case STRICT_THEN_LENIENT -> {
            }
        }
        return new DecodedConfig(UnknownFields.drop(document, rules.schema()), result.notes(), List.copyOf(strictErrors),
                rules.strictness() == ConfigRules.Strictness.LENIENT ? List.of() : unknown);
    }

    /**
     * go-yaml's strict error for the duplicates ({@code yaml: unmarshal errors:} and one line each, here
     * on one line), or sigs.k8s.io/json's {@code duplicate field "a"} for a JSON file.
     */
    private static String duplicateErrors(List<String> duplicates, boolean json) {
        return json ? String.join(", ", duplicates) : "yaml: unmarshal errors: " + String.join("; ", duplicates);
    }

    private static ConfigRefused rethrow(ConfigRefused e, String prefix) {
        boolean nodewards = e.getMessage().startsWith("not decoded:") || e.getMessage().startsWith("malformed YAML:");
        return new ConfigRefused(nodewards ? e.getMessage() : prefix + e.getMessage(), e.line());
    }

    /** {@code Interpret} and the kind/version checks; returns the document as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> typeMeta(Object document, String text, boolean json, String refuses,
                                                ConfigRules rules) throws ConfigRefused {
        String decode = refuses + "failed to decode: ";
        if (document != null && !(document instanceof Map)) {
            String what = document instanceof List ? "array" : document instanceof String ? "string"
                    : document instanceof Boolean ? "bool" : "number";
            throw new ConfigRefused(decode + "couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + what + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\";"
                    + " Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        Map<String, Object> map = document == null ? Map.of() : (Map<String, Object>) document;
        String apiVersion = null;
        String kind = null;
        // encoding/json matches struct fields case-insensitively and the last matching key wins;
        // YAML reaches it through json.Marshal of a Go map, whose keys are sorted
        for (Map.Entry<String, Object> entry : (json ? map : new TreeMap<>(map)).entrySet()) {
            boolean isKind = entry.getKey().equalsIgnoreCase("kind");
            boolean isVersion = entry.getKey().equalsIgnoreCase("apiVersion");
            if (!isKind && !isVersion) {
                continue;
            }
            Object v = entry.getValue();
            if (v != null && !(v instanceof String)) {
                throw new ConfigRefused(decode + "couldn't get version/kind; json parse error: json: cannot unmarshal "
                        + (v instanceof Boolean ? "bool" : v instanceof JsonNumber ? "number" : v instanceof List ? "array" : "object")
                        + " into Go struct field ." + (isKind ? "kind" : "apiVersion") + " of type string");
            }
            if (isKind) {
                kind = (String) v;
            } else {
                apiVersion = (String) v;
            }
        }
        if (kind == null || kind.isEmpty()) {
            throw new ConfigRefused(decode + "Object 'Kind' is missing in '" + abbreviate(text) + "'");
        }
        if (rules.dropIn()) {
            if (!rules.kind().equals(kind) || !rules.preferredApiVersion().equals(apiVersion)) {
                // json.go accepts any kind into an Unstructured (TODO 109023: apiVersion not required);
                // kubernetes#127421 (1.32) checks the version of drop-ins; which kubelet runs is not known here
                throw new ConfigRefused(rules.component() + " 1.32 and later refuse a drop-in that is not "
                        + rules.preferredApiVersion() + " " + rules.kind() + " (kubernetes#127421), and this one is "
                        + (apiVersion == null || apiVersion.isEmpty() ? "" : apiVersion + " ") + kind
                        + (apiVersion == null || apiVersion.isEmpty() ? " without apiVersion" : "")
                        + "; earlier ones merge it: not used, as its effect depends on the kubelet's version");
            }
            return map;
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new ConfigRefused(decode + "Object 'apiVersion' is missing in '" + abbreviate(text) + "'");
        }
        if (!rules.kind().equals(kind) || !rules.apiVersions().contains(apiVersion)) {
            throw new ConfigRefused(decode + "no kind " + GoYamlDecoder.goQuote(kind) + " is registered for version "
                    + GoYamlDecoder.goQuote(apiVersion));
        }
        return map;
    }

    /** The start of the file for a message that quotes it whole: one line, at most 60 characters. */
    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
    }

    /** {@code bytes.TrimLeftFunc(data, unicode.IsSpace)} then a '{'. */
    private static boolean startsWithBrace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isGoSpace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    /** Go's {@code unicode.IsSpace}. */
    private static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
            default -> c > 0xFF && Character.isWhitespace(c) || c == '\u2007' || c == '\u202F';
        };
    }

    /** The strict errors joined as the kubelet logs them, for a note on the config file. */
    public static String lenientLog(List<String> strictErrors) {
        List<String> parts = new ArrayList<>(strictErrors);
        return "strict decoding error: " + String.join(", ", parts);
    }
}
