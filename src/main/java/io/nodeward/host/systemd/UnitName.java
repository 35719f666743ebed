package io.nodeward.host.systemd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * systemd's rules for unit names, from {@code src/basic/unit-name.c}: {@code unit_name_is_valid},
 * {@code unit_name_to_prefix}, {@code unit_prefix_is_valid}, and the unit types of
 * {@code src/basic/unit-def.c}. Pure.
 */
final class UnitName {

    /** {@code UNIT_NAME_MAX}: a name is shorter than this. */
    static final int MAX_LENGTH = 256;

    /** {@code unit_type_table}: the suffix after the last dot. */
    static final Set<String> TYPES = Set.of("service", "mount", "swap", "socket", "target", "device", "automount",
            "timer", "path", "slice", "scope");

    /** systemd sorts drop-ins by file name with {@code strcmp}: bytes, unsigned. */
    static final Comparator<String> STRCMP = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private UnitName() {
    }

    /**
     * {@code unit_name_is_valid(name, UNIT_NAME_ANY)}: a known type after the last dot, something before
     * it, only {@code [A-Za-z0-9:_.\-@\\]} there, and no leading {@code @}.
     */
    static boolean isValid(String name) {
        if (name.isEmpty() || name.length() >= MAX_LENGTH) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !TYPES.contains(name.substring(dot + 1))) {
            return false;
        }
        for (int i = 0; i < dot; i++) {
            if (!validChar(name.charAt(i)) && name.charAt(i) != '@') {
                return false;
            }
        }
        return name.charAt(0) != '@';
    }

    /** The type of a valid name: {@code service} for {@code kubelet.service}. */
    static String type(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Whether {@code name} is a bare type, the name of a top-level drop-in directory ({@code service.d}). */
    static boolean isType(String name) {
        return TYPES.contains(name);
    }

    /**
     * The next shorter prefix name whose drop-ins apply too, as {@code unit_file_find_dirs} in
     * {@code src/shared/dropin.c} builds it: {@code foo-bar-baz.service} gives {@code foo-bar-.service},
     * which gives {@code foo-.service}, which gives none.
     */
    static Optional<String> dashPrefix(String name) {
        int at = name.indexOf('@');
        String prefix = name.substring(0, at >= 0 ? at : name.lastIndexOf('.'));
        boolean chopped = false;
        while (true) {
            int dash = prefix.lastIndexOf('-');
            if (dash <= 0) {
                return Optional.empty(); // no dash, or a leading one
            }
            if (dash + 1 < prefix.length() || chopped) {
                prefix = prefix.substring(0, dash + 1);
                break;
            }
            prefix = prefix.substring(0, dash); // a trailing dash: chop it and look again, once
            chopped = true;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (!validChar(prefix.charAt(i))) {
                return Optional.empty(); // unit_prefix_is_valid
            }
        }
        // unit_name_build_from_type: an instance (or a template's empty one) is kept after the prefix
        String instance = at >= 0 ? "@" + name.substring(at + 1, name.lastIndexOf('.')) : "";
        return Optional.of(prefix + instance + "." + type(name));
    }

    private static boolean validChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
    }
}
