package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The API server's effective anonymous authentication and authorization modes, which flags, files and
 * defaults decide together ({@code pkg/kubeapiserver/options/authentication.go} and
 * {@code authorization.go}):
 * <ul>
 *   <li>{@code --authorization-config} replaces {@code --authorization-mode}; giving both (or any
 *       {@code --authorization-webhook-*} flag with the file) is refused by {@code Validate}. With
 *       neither, {@code Complete} uses AlwaysAllow.</li>
 *   <li>An {@code anonymous} block in {@code --authentication-config} replaces {@code --anonymous-auth};
 *       both together are refused. Otherwise the flag, default true.</li>
 *   <li>{@code ApplyAuthorization}: anonymous allowed by the flag or its default, with AlwaysAllow among
 *       the modes {@code --authorization-mode} (or its default) gives, is reset to false ("AnonymousAuth
 *       is not allowed with the AlwaysAllow authorizer"). The modes of an authorization file do not
 *       count there, and neither does an anonymous block of an authentication file.</li>
 * </ul>
 * A file the API server would refuse makes both facts errors: it would not start.
 */
final class ApiServerAccess {

    static final String ANONYMOUS = "kube-apiserver.anonymousAuth";
    static final String MODES = "kube-apiserver.authorizationMode";
    private static final String ALWAYS_ALLOW = "AlwaysAllow";

    private ApiServerAccess() {
    }

    /** Puts the two facts into {@code facts} (keyed by fact key), replacing what the flags alone gave. */
    static void resolve(HostScan host, CommandLineFlags flags, Origin origin, Map<String, Fact> facts) {
        Optional<String> authzFile = flags.get("authorization-config").filter(v -> !v.isEmpty());
        Optional<String> modeFlag = flags.get("authorization-mode").filter(v -> !v.isEmpty());
        boolean webhookFlags = flags.values().keySet().stream().anyMatch(f -> f.startsWith("authorization-webhook-"));
        if (authzFile.isPresent() && (modeFlag.isPresent() || webhookFlags)) {
            refuse(facts, "kube-apiserver refuses --authorization-config together with --authorization-mode or"
                    + " --authorization-webhook-* flags (authorization.go Validate), so it does not start");
            return;
        }
        Fact modes;
        List<String> legacyModes; // what ApplyAuthorization looks at
        if (modeFlag.isPresent()) {
            legacyModes = list(modeFlag.get());
            modes = Fact.present(MODES, String.join(",", legacyModes), origin.flagSource("authorization-mode"));
        } else if (authzFile.isPresent()) {
            legacyModes = List.of();
            try {
                String path = origin.hostFile("authorization-config", authzFile.get());
                modes = Fact.present(MODES, String.join(",", AuthorizationConfigFile.types(host, path)),
                        "authorizers in --authorization-config " + path);
            } catch (RefusedConfig e) {
                refuse(facts, "--authorization-config: " + e.getMessage());
                return;
            }
        } else {
            legacyModes = List.of(ALWAYS_ALLOW);
            modes = Fact.present(MODES, ALWAYS_ALLOW, "default (neither --authorization-mode nor --authorization-config)");
        }

        Optional<AuthenticationConfigFile.Anonymous> fromFile = Optional.empty();
        String authnPath = null;
        Optional<String> authnFile = flags.get("authentication-config").filter(v -> !v.isEmpty());
        if (authnFile.isPresent()) {
            try {
                authnPath = origin.hostFile("authentication-config", authnFile.get());
                fromFile = AuthenticationConfigFile.anonymous(host, authnPath);
            } catch (RefusedConfig e) {
                refuse(facts, "--authentication-config: " + e.getMessage());
                return;
            }
        }
        Fact anonymous;
        if (fromFile.isPresent() && flags.has("anonymous-auth")) {
            refuse(facts, "kube-apiserver refuses --anonymous-auth together with an anonymous block in"
                    + " --authentication-config " + authnPath + ", so it does not start");
            return;
        } else if (fromFile.isPresent()) {
            AuthenticationConfigFile.Anonymous block = fromFile.get();
            String only = block.paths().isEmpty() ? "" : " (only for " + String.join(", ", block.paths()) + ")";
            anonymous = Fact.present(ANONYMOUS, String.valueOf(block.enabled()),
                    "anonymous.enabled in --authentication-config " + authnPath + only);
        } else {
            Fact given = facts.get(ANONYMOUS);
            anonymous = given != null && given.isPresent() ? given : Fact.present(ANONYMOUS, "true", "default");
            if (anonymous.value().equals("true") && legacyModes.contains(ALWAYS_ALLOW)) {
                anonymous = Fact.present(ANONYMOUS, "false", anonymous.source() + ", which kube-apiserver resets to"
                        + " false because the authorization modes include AlwaysAllow (ApplyAuthorization)");
            }
        }
        facts.put(MODES, modes);
        facts.put(ANONYMOUS, anonymous);
    }

    private static void refuse(Map<String, Fact> facts, String reason) {
        facts.put(MODES, Fact.error(MODES, reason));
        facts.put(ANONYMOUS, Fact.error(ANONYMOUS, reason));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
