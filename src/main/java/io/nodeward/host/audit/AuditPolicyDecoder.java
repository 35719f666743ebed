package io.nodeward.host.audit;

import io.nodeward.host.componentconfig.ComponentConfigDecoder;
import io.nodeward.host.componentconfig.ConfigRefused;
import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.DecodedConfig;
import io.nodeward.host.componentconfig.FieldType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.UNCHECKED;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.listOf;
import static io.nodeward.host.componentconfig.FieldType.namedString;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * Decodes an audit policy file as kube-apiserver does ({@code k8s.io/apiserver/pkg/audit/policy/reader.go},
 * {@code LoadPolicyFromBytes}, kubernetes-1.36), through the one component decoder
 * ({@link ComponentConfigDecoder}, go-yaml's reading of YAML): strict decoding first and, when only
 * unknown or duplicate fields fail it, lenient decoding that drops them (the API server logs "Audit
 * policy contains errors, falling back to lenient decoding"); any other decoding error is fatal. Then
 * {@code apiVersion} must be {@code audit.k8s.io/v1} (the only version registered since v1beta1 was
 * removed), the policy is validated ({@code pkg/apis/audit/validation/validation.go}) and a policy
 * without rules is refused. A file this refuses is one the API server would not start with; the
 * messages follow the API server's where it has one.
 *
 * <p>Field names are case-sensitive, as in the API server's JSON decoding: {@code Level:} is an
 * unknown field, dropped, and the rule then has no level. Values must have the API's types; a YAML
 * {@code yes} is a boolean, as in the API server's YAML 1.1 conversion, and is refused where a
 * string belongs.
 */
public final class AuditPolicyDecoder {

    public static final String API_VERSION = "audit.k8s.io/v1";

    /** The levels in the order the API server's "supported values" message lists them. */
    private static final String SUPPORTED_LEVELS = "\"None\", \"Metadata\", \"Request\", \"RequestResponse\"";
    private static final List<String> STAGES = List.of("RequestReceived", "ResponseStarted", "ResponseComplete", "Panic");

    private static final FieldType.Struct GROUP_RESOURCES = struct("v1.GroupResources", field("group", STRING),
            field("resources", STRING_LIST), field("resourceNames", STRING_LIST));

    /** {@code staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go} Policy and PolicyRule. */
    static final FieldType.Struct POLICY = struct("v1.Policy",
            field("apiVersion", STRING), field("kind", STRING), field("metadata", UNCHECKED),
            field("rules", listOf(struct("v1.PolicyRule",
                    field("level", namedString("v1.Level")), field("users", STRING_LIST),
                    field("userGroups", STRING_LIST), field("verbs", STRING_LIST),
                    field("resources", listOf(GROUP_RESOURCES)), field("namespaces", STRING_LIST),
                    field("nonResourceURLs", STRING_LIST), field("omitStages", listOf(namedString("v1.Stage"))),
                    field("omitManagedFields", BOOL)))),
            field("omitStages", listOf(namedString("v1.Stage"))),
            field("omitManagedFields", BOOL));

    /** Strict, then lenient when only duplicate or unknown fields failed; audit.k8s.io/v1 only. */
    static final ConfigRules RULES = ConfigRules.strictThenLenient("kube-apiserver", API_VERSION, "Policy", POLICY, null);

    private static final String REFUSES = "kube-apiserver refuses it: ";

    /** {@code validation.NameIsDNSSubdomain}: a lower-case RFC 1123 subdomain of at most 253 characters. */
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String DNS_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /**
     * A policy as loaded.
     *
     * @param ignored the fields lenient decoding dropped (a typo such as {@code resource:} makes a
     *                rule match every resource), as {@code rules[2].resource}
     */
    public record Decoded(AuditPolicy policy, List<String> ignored) {
    }

    /** Why kube-apiserver would refuse the file; the message is its reason. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private AuditPolicyDecoder() {
    }

    /**
     * The policy in {@code bytes} (the file at {@code path}) as kube-apiserver loads it, or why it refuses
     * it; every message starts with {@code kube-apiserver refuses it: }.
     */
    public static Decoded decode(byte[] bytes, String path) throws Refused {
        DecodedConfig decoded;
        try {
            decoded = ComponentConfigDecoder.decode(bytes, path, RULES);
        } catch (ConfigRefused e) {
            // LoadPolicyFromBytes wraps a decoding error as "failed decoding: %w"
            throw new Refused(e.getMessage().replace(REFUSES + "failed to decode: ", REFUSES + "failed decoding: "));
        }
        Map<String, Object> top = decoded.document();
        List<String> errors = new ArrayList<>();
        omitStages(top.get("omitStages"), "omitStages", errors);
        bool(top.get("omitManagedFields"), "omitManagedFields");
        List<AuditPolicy.Rule> rules = new ArrayList<>();
        List<?> ruleNodes = list(top.get("rules"), "rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            rules.add(rule(ruleNodes.get(i), i, errors));
        }
        if (!errors.isEmpty()) {
            // field.ErrorList.ToAggregate(): one error alone, several in brackets
            throw new Refused(REFUSES + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]"));
        }
        if (rules.isEmpty()) {
            throw new Refused(REFUSES + "loaded illegal policy with 0 rules");
        }
        return new Decoded(new AuditPolicy(rules), decoded.ignoredFields());
    }

    private static AuditPolicy.Rule rule(Object node, int index, List<String> errors) throws Refused {
        String path = "rules[" + index + "]";
        Map<?, ?> rule = node == null ? Map.of() : map(node, path);
        String levelText = string(rule.get("level"), path + ".level");
        AuditPolicy.Level level = null;
        if (levelText.isEmpty()) {
            errors.add(path + ".level: Required value");
        } else {
            try {
                level = AuditPolicy.Level.valueOf(levelText);
            } catch (IllegalArgumentException e) {
                errors.add(path + ".level: Unsupported value: \"" + levelText + "\": supported values: " + SUPPORTED_LEVELS);
            }
        }
        List<String> urls = strings(rule.get("nonResourceURLs"), path + ".nonResourceURLs");
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (url.equals("*")) {
                continue;
            }
            if (!url.startsWith("/")) {
                errors.add(path + ".nonResourceURLs[" + i + "]: Invalid value: \"" + url
                        + "\": non-resource URL rules must begin with a '/' character");
            }
            if (!url.isEmpty() && url.substring(0, url.length() - 1).indexOf('*') >= 0) {
                errors.add(path + ".nonResourceURLs[" + i + "]: Invalid value: \"" + url
                        + "\": non-resource URL wildcards '*' must be the final character of the rule");
            }
        }
        List<AuditPolicy.GroupResources> resources = new ArrayList<>();
        List<?> resourceNodes = list(rule.get("resources"), path + ".resources");
        for (int i = 0; i < resourceNodes.size(); i++) {
            resources.add(groupResources(resourceNodes.get(i), path + ".resources", i, errors));
        }
        List<String> namespaces = strings(rule.get("namespaces"), path + ".namespaces");
        omitStages(rule.get("omitStages"), path + ".omitStages", errors);
        bool(rule.get("omitManagedFields"), path + ".omitManagedFields");
        if (!urls.isEmpty() && (!resources.isEmpty() || !namespaces.isEmpty())) {
            errors.add(path + ".nonResourceURLs: Invalid value: " + goStrings(urls)
                    + ": rules cannot apply to both regular resources and non-resource URLs");
        }
        return new AuditPolicy.Rule(index + 1, level, strings(rule.get("users"), path + ".users"),
                strings(rule.get("userGroups"), path + ".userGroups"), strings(rule.get("verbs"), path + ".verbs"),
                resources, namespaces, urls);
    }

    private static AuditPolicy.GroupResources groupResources(Object node, String path, int index,
                                                             List<String> errors) throws Refused {
        Map<?, ?> gr = node == null ? Map.of() : map(node, path + "[" + index + "]");
        String group = string(gr.get("group"), path + "[" + index + "].group");
        List<String> resources = strings(gr.get("resources"), path + "[" + index + "].resources");
        List<String> names = strings(gr.get("resourceNames"), path + "[" + index + "].resourceNames");
        // validation.go names these paths without the index ("rules[0].resources.group"); so do we
        if (!group.isEmpty() && !group.equals("*") && (group.length() > 253 || !DNS_SUBDOMAIN.matcher(group).matches())) {
            errors.add(path + ".group: Invalid value: \"" + group + "\": " + DNS_SUBDOMAIN_MESSAGE);
        }
        if (!names.isEmpty() && resources.isEmpty()) {
            errors.add(path + ".resourceNames: Invalid value: " + goStrings(names)
                    + ": using resourceNames requires at least one resource");
        }
        return new AuditPolicy.GroupResources(group, resources, names);
    }

    private static void omitStages(Object node, String path, List<String> errors) throws Refused {
        List<String> stages = strings(node, path);
        for (int i = 0; i < stages.size(); i++) {
            if (!STAGES.contains(stages.get(i))) {
                errors.add(path + "[" + i + "]: Invalid value: \"" + stages.get(i) + "\": allowed stages are "
                        + String.join(",", STAGES));
            }
        }
    }

    private static Map<?, ?> map(Object node, String path) throws Refused {
        if (node instanceof Map<?, ?> map) {
            return map;
        }
        throw typeError(path, "an object");
    }

    private static List<?> list(Object node, String path) throws Refused {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> list) {
            return list;
        }
        throw typeError(path, "a list");
    }

    private static List<String> strings(Object node, String path) throws Refused {
        List<String> out = new ArrayList<>();
        List<?> items = list(node, path);
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static String string(Object node, String path) throws Refused {
        if (node == null) {
            return ""; // JSON null leaves a Go string empty
        }
        if (node instanceof String s) {
            return s;
        }
        throw typeError(path, "a string");
    }

    private static void bool(Object node, String path) throws Refused {
        if (node != null && !(node instanceof Boolean)) {
            throw typeError(path, "a boolean");
        }
    }

    /** Unreachable after the decoder's type check; kept so a gap in the schema is an error, not a guess. */
    private static Refused typeError(String path, String expected) {
        return new Refused(REFUSES + "failed to decode: " + path + " must be " + expected);
    }

    /** A Go {@code []string} as {@code field.Invalid} prints it. */
    private static String goStrings(List<String> values) {
        return "[]string{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }
}
