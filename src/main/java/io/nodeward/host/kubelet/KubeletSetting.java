package io.nodeward.host.kubelet;

import io.nodeward.host.proc.CommandLineFlags;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One kubelet setting we model: where it lives in the {@code KubeletConfiguration}, which flag sets
 * it, and what the kubelet runs with when nothing does. The kubelet has two default sets: the
 * v1beta1 defaults when a {@code --config} file is in use, and "legacy" defaults for a kubelet run
 * on flags alone ({@code applyLegacyDefaults()} in {@code cmd/kubelet/app/options/options.go}),
 * which turn on anonymous auth, AlwaysAllow and the read-only port 10255.
 *
 * @param field         the {@code KubeletConfiguration} field path, e.g. {@code authentication.anonymous.enabled};
 *                      null for a setting that exists only as a flag ({@code --hostname-override})
 * @param flag          the flag name without dashes, e.g. {@code anonymous-auth}
 * @param kind          how values are normalised
 * @param configDefault the default with a config file in use; null when unset means "not set"
 * @param flagsDefault  the default on flags alone; null when unset means "not set"
 * @param zeroIsUnset   whether the kubelet's defaulting treats a zero value in the config file as
 *                      unset (a non-pointer Go field: {@code if obj.X == 0 { obj.X = default }}).
 *                      kubeadm writes {@code streamingConnectionIdleTimeout: 0s}, and the kubelet runs
 *                      with 4h0m0s. Flags are applied after defaulting, so there a zero stays zero.
 */
public record KubeletSetting(String field, String flag, Kind kind, String configDefault, String flagsDefault,
                             boolean zeroIsUnset) {

    /** How a value is written in facts, whichever form the source wrote it in. */
    public enum Kind {
        /** {@code true}/{@code false}, from a YAML boolean or any form Go's strconv.ParseBool takes. */
        BOOLEAN,
        /** decimal digits, from a YAML number or the flag text */
        INTEGER,
        /** Go duration syntax as written, e.g. {@code 4h0m0s} */
        DURATION,
        /** comma-joined without spaces, from a YAML list or a comma-separated flag */
        LIST,
        STRING;

        /** Normalises a value read from a YAML or JSON document. */
        public String fromDocument(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).map(String::trim).collect(Collectors.joining(","));
            }
            String text = String.valueOf(value);
            return this == BOOLEAN ? bool(text) : text;
        }

        /** Normalises a flag's value as written on the command line. */
        public String fromFlag(String value) {
            return switch (this) {
                case BOOLEAN -> bool(value);
                case LIST -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.joining(","));
                default -> value.trim();
            };
        }

        private static String bool(String text) {
            // strconv.ParseBool's spellings; anything else is kept as written for the report to show
            return switch (text) {
                case "1", "t", "T", "TRUE", "true", "True" -> "true";
                case "0", "f", "F", "FALSE", "false", "False" -> "false";
                default -> text;
            };
        }
    }

    /** A setting of the configuration file that a flag can also set. */
    public static KubeletSetting config(String field, String flag, Kind kind, String configDefault,
                                        String flagsDefault) {
        return new KubeletSetting(field, flag, kind, configDefault, flagsDefault, false);
    }

    /** A setting of the configuration file with the same default in both modes. */
    public static KubeletSetting config(String field, String flag, Kind kind, String bothDefault) {
        return new KubeletSetting(field, flag, kind, bothDefault, bothDefault, false);
    }

    /** Like {@link #config(String, String, Kind, String)}, for a field whose zero value is defaulted. */
    public static KubeletSetting zeroDefaulted(String field, String flag, Kind kind, String configDefault,
                                               String flagsDefault) {
        return new KubeletSetting(field, flag, kind, configDefault, flagsDefault, true);
    }

    /** Whether {@code normalised} is this kind's zero value: {@code 0}, {@code 0s}, {@code 0h0m0s}, empty. */
    public boolean isZero(String normalised) {
        return switch (kind) {
            case DURATION -> ZERO_DURATION.matcher(normalised).matches();
            case INTEGER -> normalised.equals("0");
            case STRING, LIST -> normalised.isEmpty();
            case BOOLEAN -> normalised.equals("false");
        };
    }

    private static final java.util.regex.Pattern ZERO_DURATION =
            java.util.regex.Pattern.compile("[-+]?(0|(0+(\\.0*)?(ns|us|µs|μs|ms|s|m|h))+)");

    /** A setting that exists only as a flag; its fact key is the flag in camel case. */
    public static KubeletSetting flagOnly(String flag, Kind kind, String defaultValue) {
        return new KubeletSetting(null, flag, kind, defaultValue, defaultValue, false);
    }

    /** The fact key, e.g. {@code kubelet.authentication.anonymous.enabled} or {@code kubelet.hostnameOverride}. */
    public String key() {
        return "kubelet." + path();
    }

    /** The field path, or the camel-case flag name for a flag-only setting. */
    public String path() {
        return field != null ? field : CommandLineFlags.camelCase(flag);
    }

    public boolean inConfigFile() {
        return field != null;
    }

    /** Whether this is one feature gate, set through {@code --feature-gates} and {@code featureGates}. */
    public boolean isFeatureGate() {
        return field != null && field.startsWith(FEATURE_GATES + ".");
    }

    static final String FEATURE_GATES = "featureGates";

    public String defaultFor(boolean configFileInUse) {
        return configFileInUse ? configDefault : flagsDefault;
    }

    static Map<String, KubeletSetting> byPath(List<KubeletSetting> settings) {
        return settings.stream().collect(Collectors.toMap(KubeletSetting::path, s -> s, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
