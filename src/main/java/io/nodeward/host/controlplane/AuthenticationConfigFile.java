package io.nodeward.host.controlplane;

import io.nodeward.host.HostScan;

import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * kube-apiserver's {@code --authentication-config} file, an {@code AuthenticationConfiguration}
 * ({@link ApiServerConfigSchemas#AUTHENTICATION_FILE}), decoded strictly. nodeward needs its {@code anonymous} block, which replaces
 * {@code --anonymous-auth}; the JWT authenticators are checked for shape only.
 */
final class AuthenticationConfigFile {

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

    static Optional<Anonymous> anonymous(HostScan host, String hostPath) throws RefusedConfig {
        Map<String, Object> document = ControlPlaneConfigFiles.load(host, hostPath, ApiServerConfigSchemas.AUTHENTICATION_FILE);
        return anonymous(hostPath, document);
    }

    /** The anonymous block of a decoded document, validated as ValidateAuthenticationConfiguration does; pure. */
    static Optional<Anonymous> anonymous(String name, Map<String, Object> document) throws RefusedConfig {
        if (!(document.get("anonymous") instanceof Map<?, ?> anonymous)) {
            return Optional.empty();
        }
        boolean enabled = Boolean.TRUE.equals(anonymous.get("enabled"));
        List<String> paths = anonymous.get("conditions") instanceof List<?> conditions
                ? conditions.stream().map(c -> c instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : "").toList()
                : List.of();
        if (!enabled && !paths.isEmpty()) {
            // validation.go ValidateAuthenticationConfiguration
            throw new RefusedConfig(name + ": anonymous.conditions: Invalid value: enabled should be set to"
                    + " true when conditions are defined");
        }
        return Optional.of(new Anonymous(enabled, paths));
    }
}
