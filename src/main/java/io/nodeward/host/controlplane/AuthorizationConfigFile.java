package io.nodeward.host.controlplane;

import io.nodeward.host.HostScan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * kube-apiserver's {@code --authorization-config} file, an {@code AuthorizationConfiguration}
 * ({@link ApiServerConfigSchemas#AUTHORIZATION_FILE}), decoded strictly
 * ({@code pkg/apis/apiserver/load/load.go} LoadFromData) and validated as
 * {@code validation.go} ValidateAuthorizationConfiguration does. It replaces
 * {@code --authorization-mode}: its authorizers' types, in order, are the modes.
 */
final class AuthorizationConfigFile {

    /**
     * The types the API server accepts in the file, and the one that may repeat
     * ({@code pkg/kubeapiserver/options/authorization.go}: AlwaysAllow, AlwaysDeny, Node, RBAC, Webhook).
     */
    static final Set<String> KNOWN_TYPES = Set.of("AlwaysAllow", "AlwaysDeny", "Node", "RBAC", "Webhook");
    static final String REPEATABLE = "Webhook";

    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private AuthorizationConfigFile() {
    }

    /** The authorizers' types, in order. */
    static List<String> types(HostScan host, String hostPath) throws RefusedConfig {
        return types(hostPath, ControlPlaneConfigFiles.load(host, hostPath, ApiServerConfigSchemas.AUTHORIZATION_FILE));
    }

    /** The types of a decoded document, validated; pure. */
    static List<String> types(String name, Map<String, Object> document) throws RefusedConfig {
        List<?> authorizers = document.get("authorizers") instanceof List<?> l ? l : List.of();
        if (authorizers.isEmpty()) {
            throw new RefusedConfig(name + ": authorizers: Required value: at least one authorization mode"
                    + " must be defined");
        }
        List<String> types = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < authorizers.size(); i++) {
            Map<?, ?> authorizer = authorizers.get(i) instanceof Map<?, ?> m ? m : Map.of();
            String where = name + ": authorizers[" + i + "]";
            String type = authorizer.get("type") instanceof String t ? t : "";
            if (!KNOWN_TYPES.contains(type)) {
                throw new RefusedConfig(where + ".type: Unsupported value: \"" + type + "\": supported values: "
                        + "\"AlwaysAllow\", \"AlwaysDeny\", \"Node\", \"RBAC\", \"Webhook\"");
            }
            if (types.contains(type) && !type.equals(REPEATABLE)) {
                throw new RefusedConfig(where + ".type: Duplicate value: \"" + type + "\"");
            }
            String authorizerName = authorizer.get("name") instanceof String n ? n : "";
            if (authorizerName.isEmpty() || !names.add(authorizerName)
                    || authorizerName.length() > 253 || !DNS1123_SUBDOMAIN.matcher(authorizerName).matches()) {
                throw new RefusedConfig(where + ".name: each authorizer needs a unique name that is a DNS"
                        + " subdomain, not \"" + authorizerName + "\"");
            }
            boolean hasWebhook = authorizer.get("webhook") != null;
            if (type.equals("Webhook") != hasWebhook) {
                throw new RefusedConfig(where + ".webhook: " + (hasWebhook
                        ? "may only be specified when type=Webhook" : "Required value: required when type=Webhook"));
            }
            types.add(type);
        }
        return types;
    }
}
