package io.nodeward.host.systemd;

import java.util.List;

/**
 * Where the system manager looks for unit files and their drop-ins, highest priority first:
 * {@code lookup_paths_init} in systemd's {@code src/libsystemd/sd-path/path-lookup.c}, the
 * {@code RUNTIME_SCOPE_SYSTEM} case ({@code systemd-analyze unit-paths} prints the same list).
 * {@code $SYSTEMD_UNIT_PATH} can replace it, but that is PID 1's own environment, not a file on the
 * host; nothing here reads it.
 */
public final class SystemdSearchPath {

    /** The system search path, highest priority first, each entry with the variable path-lookup.c calls it. */
    public static final List<String> SYSTEM = List.of(
            "/etc/systemd/system.control",   // persistent_control (systemctl set-property)
            "/run/systemd/system.control",   // runtime_control (systemctl set-property --runtime)
            "/run/systemd/transient",        // transient (systemd-run)
            "/run/systemd/generator.early",  // generator_early
            "/etc/systemd/system",           // persistent_config, SYSTEM_CONFIG_UNIT_DIR
            "/etc/systemd/system.attached",  // persistent_attached (portable services)
            "/run/systemd/system",           // runtime_config
            "/run/systemd/system.attached",  // runtime_attached
            "/run/systemd/generator",        // generator
            "/usr/local/lib/systemd/system",
            "/usr/lib/systemd/system",       // SYSTEM_DATA_UNIT_DIR
            // split-usr systems only (HAVE_SPLIT_USR before v255, LOOKUP_PATHS_SPLIT_USR since): where /lib
            // is not a link to /usr/lib it holds Debian's older packages' units; where it is, the same files
            "/lib/systemd/system",
            "/run/systemd/generator.late");  // generator_late

    private SystemdSearchPath() {
    }
}
