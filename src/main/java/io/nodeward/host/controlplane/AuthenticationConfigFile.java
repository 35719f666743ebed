package io.nodeward.host.controlplane;

import io.nodeward.host.HostScan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.nodeward.host.controlplane.StrictConfig.ListOf;
import static io.nodeward.host.controlplane.StrictConfig.Scalar.BOOLEAN;
import static io.nodeward.host.controlplane.StrictConfig.Scalar.STRING;
import static io.nodeward.host.controlplane.StrictConfig.fields;

/**
 * kube-apiserver's {@code --authentication-config} file, an {@code AuthenticationConfiguration}
 * ({@code staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go}; v1beta1 and v1alpha1 have the
 * same fields), decoded strictly. nodeward needs its {@code anonymous} block, which replaces
 * {@code --anonymous-auth}; the JWT authenticators are checked for shape only.
 */
final class AuthenticationConfigFile {

    private static final StrictConfig.Fields CLAIM_OR_EXPRESSION = fields("claim", STRING, "prefix", STRING,
            "expression", STRING);

    static final StrictConfig.Fields SHAPE = fields(
            "apiVersion", STRING, "kind", STRING,
            "jwt", new ListOf(fields(
                    "issuer", fields("url", STRING, "discoveryURL", STRING, "certificateAuthority", STRING,
                            "audiences", new ListOf(STRING), "audienceMatchPolicy", STRING,
                            "egressSelectorType", STRING),
                    "claimValidationRules", new ListOf(fields("claim", STRING, "requiredValue", STRING,
                            "expression", STRING, "message", STRING)),
                    "claimMappings", fields("username", CLAIM_OR_EXPRESSION, "groups", CLAIM_OR_EXPRESSION,
                            "uid", fields("claim", STRING, "expression", STRING),
                            "extra", new ListOf(fields("key", STRING, "valueExpression", STRING))),
                    "userValidationRules", new ListOf(fields("expression", STRING, "message", STRING)))),
            "anonymous", fields("enabled", BOOLEAN, "conditions", new ListOf(fields("path", STRING))));

    /**
     * The file's anonymous authenticator, if it configures one.
     *
     * @param enabled whether anonymous requests are authenticated
     * @param paths   the only paths they are allowed on, when {@code conditions} limit them
     */
    record Anonymous(boolean enabled, List<String> paths) {
    }

    private AuthenticationConfigFile() {
    }

    static Optional<Anonymous> anonymous(HostScan host, String hostPath) throws StrictConfig.Refused {
        Map<String, Object> document = StrictConfig.load(host, hostPath, "AuthenticationConfiguration", SHAPE);
        return anonymous(hostPath, document);
    }

    /** The anonymous block of a decoded document, validated as ValidateAuthenticationConfiguration does; pure. */
    static Optional<Anonymous> anonymous(String name, Map<String, Object> document) throws StrictConfig.Refused {
        if (!(document.get("anonymous") instanceof Map<?, ?> anonymous)) {
            return Optional.empty();
        }
        boolean enabled = Boolean.TRUE.equals(anonymous.get("enabled"));
        List<String> paths = anonymous.get("conditions") instanceof List<?> conditions
                ? conditions.stream().map(c -> c instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : "").toList()
                : List.of();
        if (!enabled && !paths.isEmpty()) {
            // validation.go ValidateAuthenticationConfiguration
            throw new StrictConfig.Refused(name + ": anonymous.conditions: Invalid value: enabled should be set to"
                    + " true when conditions are defined");
        }
        return Optional.of(new Anonymous(enabled, paths));
    }
}
