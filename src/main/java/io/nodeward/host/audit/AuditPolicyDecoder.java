package io.nodeward.host.audit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes an audit policy file as kube-apiserver does ({@code k8s.io/apiserver/pkg/audit/policy/reader.go},
 * {@code LoadPolicyFromBytes}, kubernetes-1.36): strict decoding first and, when only unknown or
 * duplicate fields fail it, lenient decoding that drops them (the API server logs "Audit policy
 * contains errors, falling back to lenient decoding"); any other decoding error is fatal. Then
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

    private static final Set<String> POLICY_FIELDS = Set.of("apiVersion", "kind", "metadata", "rules", "omitStages",
            "omitManagedFields");
    private static final Set<String> RULE_FIELDS = Set.of("level", "users", "userGroups", "verbs", "resources",
            "namespaces", "nonResourceURLs", "omitStages", "omitManagedFields");
    private static final Set<String> GROUP_RESOURCE_FIELDS = Set.of("group", "resources", "resourceNames");

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

    public static Decoded decode(String text) throws Refused {
        Object document;
        try {
            // SafeConstructor: plain maps, lists and scalars, never a class named in the file
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new Refused("failed decoding: error converting YAML to JSON: " + firstLine(e.getMessage()));
        }
        if (document == null) {
            throw new Refused("failed decoding: Object 'Kind' is missing in 'null'");
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new Refused("failed decoding: the file is not a YAML mapping of an object");
        }
        String kind = top.get("kind") instanceof String s ? s : "";
        String apiVersion = top.get("apiVersion") instanceof String s ? s : "";
        if (kind.isEmpty()) {
            throw new Refused("failed decoding: Object 'Kind' is missing");
        }
        if (apiVersion.isEmpty()) {
            throw new Refused("failed decoding: Object 'apiVersion' is missing");
        }
        if (!apiVersion.equals(API_VERSION) || !kind.equals("Policy")) {
            throw new Refused("failed decoding: no kind \"" + kind + "\" is registered for version \"" + apiVersion
                    + "\" (kube-apiserver reads kind Policy of " + API_VERSION + " only)");
        }
        List<String> ignored = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        unknownFields(top, POLICY_FIELDS, "", ignored);
        if (top.get("metadata") != null && !(top.get("metadata") instanceof Map)) {
            throw typeError("metadata", "an object");
        }
        omitStages(top.get("omitStages"), "omitStages", errors);
        bool(top.get("omitManagedFields"), "omitManagedFields");
        List<AuditPolicy.Rule> rules = new ArrayList<>();
        List<?> ruleNodes = list(top.get("rules"), "rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            rules.add(rule(ruleNodes.get(i), i, ignored, errors));
        }
        if (!errors.isEmpty()) {
            // field.ErrorList.ToAggregate(): one error alone, several in brackets
            throw new Refused(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        if (rules.isEmpty()) {
            throw new Refused("loaded illegal policy with 0 rules");
        }
        return new Decoded(new AuditPolicy(rules), ignored);
    }

    private static AuditPolicy.Rule rule(Object node, int index, List<String> ignored, List<String> errors)
            throws Refused {
        String path = "rules[" + index + "]";
        Map<?, ?> rule = node == null ? Map.of() : map(node, path);
        unknownFields(rule, RULE_FIELDS, path + ".", ignored);
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
            resources.add(groupResources(resourceNodes.get(i), path + ".resources", i, ignored, errors));
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

    private static AuditPolicy.GroupResources groupResources(Object node, String path, int index, List<String> ignored,
                                                             List<String> errors) throws Refused {
        Map<?, ?> gr = node == null ? Map.of() : map(node, path + "[" + index + "]");
        unknownFields(gr, GROUP_RESOURCE_FIELDS, path + "[" + index + "].", ignored);
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

    private static void unknownFields(Map<?, ?> map, Set<String> known, String prefix, List<String> ignored) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                ignored.add(prefix + key);
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

    private static Refused typeError(String path, String expected) {
        return new Refused("failed decoding: " + path + " must be " + expected);
    }

    /** A Go {@code []string} as {@code field.Invalid} prints it. */
    private static String goStrings(List<String> values) {
        return "[]string{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
