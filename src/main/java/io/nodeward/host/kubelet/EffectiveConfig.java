package io.nodeward.host.kubelet;

import io.nodeward.host.Fact;
import io.nodeward.host.Observed;
import io.nodeward.host.componentconfig.DecodedConfig;
import io.nodeward.host.proc.CommandLineFlags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out the kubelet's effective settings the way {@code cmd/kubelet/app/server.go} does:
 * defaults (one set with a config file, another on flags alone), then the {@code --config} file,
 * then each {@code --config-dir} drop-in in the kubelet's walk order ({@link DropInWalk}), merged like a JSON merge patch (mappings
 * recursively, lists and scalars replaced), then the command-line flags, which the kubelet applies
 * again last so they always win. Pure: the reader does the I/O.
 */
public final class EffectiveConfig {

    public static final String CONFIG_DEFAULT = "default (config file in use)";
    public static final String FLAGS_DEFAULT = "default (flags only)";

    /**
     * One parsed configuration document and where it came from.
     *
     * @param source    {@code config file /var/lib/kubelet/config.yaml} or {@code drop-in /etc/.../10-x.conf}
     * @param document  its top-level mapping
     * @param defaulted whether the kubelet applies its defaults to this document after decoding it
     *                  (the config file: yes; drop-ins are merged onto the decoded config: no)
     * @param decoded   the decoding's notes on values a reader of the file would get wrong (a
     *                  duplicate or merge key), added to the source of the facts they concern
     */
    public record Layer(String source, Map<String, Object> document, boolean defaulted, DecodedConfig decoded) {

        /** The {@code --config} file at host path {@code path}. */
        public static Layer configFile(String path, DecodedConfig decoded) {
            return new Layer("config file " + path, decoded.document(), true, decoded);
        }

        /** A {@code --config-dir} drop-in at host path {@code path}. */
        public static Layer dropIn(String path, DecodedConfig decoded) {
            return new Layer("drop-in " + path, decoded.document(), false, decoded);
        }

        /** Where the value at {@code path} comes from, with the decoding's note on it if there is one. */
        String sourceOf(String path) {
            String note = decoded.noteFor(path);
            return note == null ? source : source + " (" + note + ")";
        }
    }

    private static final Map<String, KubeletSetting> BY_PATH = KubeletSetting.byPath(KubeletSettings.ALL);
    private static final Map<String, KubeletSetting> BY_FLAG = flagIndex();

    private EffectiveConfig() {
    }

    /**
     * Every {@code kubelet.*} fact: each modelled setting, plus anything else a layer or flag sets.
     *
     * @param flags           the kubelet's flags
     * @param configFileInUse whether {@code --config} was given, which selects the default set
     * @param layers          the config file and drop-ins that could be read, in order
     * @param failure         why the config file or a drop-in could not be read, or null; when set,
     *                        every value a file could have set is an ERROR with this reason unless a
     *                        flag sets it (flags win, so those stay known)
     */
    public static List<Fact> resolve(CommandLineFlags flags, boolean configFileInUse, List<Layer> layers,
                                     String failure) {
        Map<String, Observed> fromFiles = new LinkedHashMap<>();
        for (Layer layer : layers) {
            flatten(layer.document(), "", layer, fromFiles);
        }
        Map<String, Observed> fromFlags = flagValues(flags);

        Set<String> paths = new LinkedHashSet<>(BY_PATH.keySet());
        paths.addAll(fromFiles.keySet());
        paths.addAll(fromFlags.keySet());
        String defaultSource = configFileInUse ? CONFIG_DEFAULT : FLAGS_DEFAULT;
        List<Fact> facts = new ArrayList<>();
        for (String path : paths) {
            String key = "kubelet." + path;
            if (!KubeletReader.KEYS.contains(key)) {
                // an unknown field (the kubelet ignores those), an eviction signal with a '/' in it,
                // a path longer than any key: no benchmark can name it
                continue;
            }
            KubeletSetting setting = BY_PATH.get(path);
            boolean fileBacked = setting == null || setting.inConfigFile();
            if (fromFlags.containsKey(path)) {
                facts.add(Fact.present(key, List.of(fromFlags.get(path))));
            } else if (failure != null && fileBacked) {
                facts.add(Fact.error(key, failure));
            } else if (fromFiles.containsKey(path)) {
                facts.add(Fact.present(key, List.of(fromFiles.get(path))));
            } else if (setting != null && setting.defaultFor(configFileInUse) != null) {
                facts.add(Fact.present(key, setting.defaultFor(configFileInUse), defaultSource));
            } else {
                facts.add(Fact.absent(key, "not set"));
            }
        }
        return facts;
    }

    /** Every modelled {@code kubelet.*} key, all absent for {@code reason} (no kubelet running). */
    public static List<Fact> allAbsent(String reason) {
        return KubeletSettings.ALL.stream().map(s -> Fact.absent(s.key(), reason)).toList();
    }

    /** Every modelled {@code kubelet.*} key as an error, e.g. when its command line cannot be read. */
    public static List<Fact> allError(String reason) {
        return KubeletSettings.ALL.stream().map(s -> Fact.error(s.key(), reason)).toList();
    }

    /**
     * Leaves of a document by dotted path. Later layers overwrite earlier leaves one by one, which is
     * what a merge patch does to mappings; a list is one leaf, so it is replaced whole. A null
     * changes nothing: the kubelet decodes the merged JSON over its current values.
     */
    private static void flatten(Map<String, Object> map, String prefix, Layer layer, Map<String, Observed> into) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String path = prefix + entry.getKey();
            Object value = entry.getValue();
            if (prefix.isEmpty() && (path.equals("apiVersion") || path.equals("kind"))) {
                continue;
            }
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) nested;
                flatten(child, path + ".", layer, into);
            } else if (value instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map || e instanceof List)) {
                // a list of objects (reservedMemory, ...) has no one-line value; nothing checks it
                into.remove(path);
            } else if (value != null) {
                KubeletSetting setting = BY_PATH.get(path);
                if (setting != null && !setting.inConfigFile()) {
                    continue; // not a KubeletConfiguration field: only the flag sets it
                }
                KubeletSetting.Kind kind = setting != null ? setting.kind() : KubeletSetting.Kind.STRING;
                String normalised = kind.fromDocument(value);
                if (layer.defaulted() && setting != null && setting.zeroIsUnset() && setting.isZero(normalised)) {
                    // the kubelet's defaulting replaces this zero with the default; say so, since a
                    // reader of the file sees the zero and would otherwise doubt the report
                    into.put(path, new Observed(setting.defaultFor(true),
                            layer.sourceOf(path) + " sets " + normalised + ", which the kubelet replaces with its default"));
                } else {
                    into.put(path, new Observed(normalised, layer.sourceOf(path)));
                }
            }
        }
    }

    private static Map<String, Observed> flagValues(CommandLineFlags flags) {
        Map<String, Observed> out = new LinkedHashMap<>();
        flags.values().forEach((flag, value) -> {
            String source = flags.source(flag);
            if (flag.equals("feature-gates")) {
                // --feature-gates=A=true,B=false merges into featureGates, gate by gate
                for (String pair : value.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        String gate = pair.substring(0, eq).trim();
                        out.put(KubeletSetting.FEATURE_GATES + "." + gate,
                                new Observed(KubeletSetting.Kind.BOOLEAN.fromFlag(pair.substring(eq + 1).trim()), source));
                    }
                }
                return;
            }
            KubeletSetting setting = BY_FLAG.get(flag);
            if (setting != null) {
                out.put(setting.path(), new Observed(setting.kind().fromFlag(value), source));
            } else {
                out.put(CommandLineFlags.camelCase(flag), new Observed(value, source));
            }
        });
        return out;
    }

    private static Map<String, KubeletSetting> flagIndex() {
        Map<String, KubeletSetting> index = new LinkedHashMap<>();
        KubeletSettings.ALL.stream().filter(s -> !s.isFeatureGate()).forEach(s -> index.putIfAbsent(s.flag(), s));
        return index;
    }
}
