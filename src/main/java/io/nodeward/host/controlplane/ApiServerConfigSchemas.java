package io.nodeward.host.controlplane;

import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.FieldType;

import java.util.List;

import static io.nodeward.host.componentconfig.FieldType.BOOL;
import static io.nodeward.host.componentconfig.FieldType.DURATION;
import static io.nodeward.host.componentconfig.FieldType.STRING;
import static io.nodeward.host.componentconfig.FieldType.STRING_LIST;
import static io.nodeward.host.componentconfig.FieldType.field;
import static io.nodeward.host.componentconfig.FieldType.listOf;
import static io.nodeward.host.componentconfig.FieldType.namedString;
import static io.nodeward.host.componentconfig.FieldType.struct;

/**
 * The configuration files kube-apiserver's flags name, as data for the one component decoder:
 * {@code --authentication-config} and {@code --authorization-config}, transcribed from
 * {@code staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go} (v1beta1 and v1alpha1 have the
 * same fields). The API server decodes them with {@code serializer.EnableStrict} and no lenient retry
 * ({@code pkg/apis/apiserver/load/load.go}, {@code pkg/kubeapiserver/options/authentication.go}), so a
 * duplicate or unknown field refuses the file and the API server does not start with it.
 */
final class ApiServerConfigSchemas {

    /** {@code apiserver.config.k8s.io}: the versions that register both kinds (v1 since 1.30/1.34). */
    static final List<String> API_VERSIONS = List.of("apiserver.config.k8s.io/v1",
            "apiserver.config.k8s.io/v1beta1", "apiserver.config.k8s.io/v1alpha1");

    private static final FieldType.Struct PREFIXED_CLAIM_OR_EXPRESSION = struct("v1.PrefixedClaimOrExpression",
            field("claim", STRING), field("prefix", STRING), field("expression", STRING));

    private static final FieldType.Struct JWT_AUTHENTICATOR = struct("v1.JWTAuthenticator",
            field("issuer", struct("v1.Issuer", field("url", STRING), field("discoveryURL", STRING),
                    field("certificateAuthority", STRING), field("audiences", STRING_LIST),
                    field("audienceMatchPolicy", namedString("v1.AudienceMatchPolicyType")),
                    field("egressSelectorType", namedString("v1.EgressSelectorType")))),
            field("claimValidationRules", listOf(struct("v1.ClaimValidationRule", field("claim", STRING),
                    field("requiredValue", STRING), field("expression", STRING), field("message", STRING)))),
            field("claimMappings", struct("v1.ClaimMappings",
                    field("username", PREFIXED_CLAIM_OR_EXPRESSION), field("groups", PREFIXED_CLAIM_OR_EXPRESSION),
                    field("uid", struct("v1.ClaimOrExpression", field("claim", STRING), field("expression", STRING))),
                    field("extra", listOf(struct("v1.ExtraMapping", field("key", STRING),
                            field("valueExpression", STRING)))))),
            field("userValidationRules", listOf(struct("v1.UserValidationRule", field("expression", STRING),
                    field("message", STRING)))));

    static final FieldType.Struct AUTHENTICATION = struct("v1.AuthenticationConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("jwt", listOf(JWT_AUTHENTICATOR)),
            field("anonymous", struct("v1.AnonymousAuthConfig", field("enabled", BOOL),
                    field("conditions", listOf(struct("v1.AnonymousAuthCondition", field("path", STRING)))))));

    static final FieldType.Struct AUTHORIZATION = struct("v1.AuthorizationConfiguration",
            field("apiVersion", STRING), field("kind", STRING),
            field("authorizers", listOf(struct("v1.AuthorizerConfiguration",
                    field("type", STRING), field("name", STRING),
                    field("webhook", struct("v1.WebhookConfiguration",
                            field("authorizedTTL", DURATION), field("cacheAuthorizedRequests", BOOL),
                            field("unauthorizedTTL", DURATION), field("cacheUnauthorizedRequests", BOOL),
                            field("timeout", DURATION), field("subjectAccessReviewVersion", STRING),
                            field("matchConditionSubjectAccessReviewVersion", STRING),
                            field("failurePolicy", STRING),
                            field("connectionInfo", struct("v1.WebhookConnectionInfo", field("type", STRING),
                                    field("kubeConfigFile", STRING))),
                            field("matchConditions", listOf(struct("v1.WebhookMatchCondition",
                                    field("expression", STRING))))))))));

    /**
     * {@code loadAuthenticationConfigFromData}: an empty file is {@code empty config data}; then strict
     * decoding.
     */
    static final ConfigRules AUTHENTICATION_FILE = new ConfigRules("kube-apiserver", API_VERSIONS,
            "AuthenticationConfiguration", AUTHENTICATION, "empty config data", ConfigRules.Strictness.STRICT, false);

    /**
     * {@code load.LoadFromData}: an empty file is the defaults, which have no authorizers, so validation
     * refuses it with its message; anything else is decoded strictly.
     */
    static final ConfigRules AUTHORIZATION_FILE = new ConfigRules("kube-apiserver", API_VERSIONS,
            "AuthorizationConfiguration", AUTHORIZATION,
            "authorizers: Required value: at least one authorization mode must be defined",
            ConfigRules.Strictness.STRICT, false);

    private ApiServerConfigSchemas() {
    }
}
