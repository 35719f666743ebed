package io.nodeward.host.ssh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What OpenSSH 9.x's sshd uses for keywords its configuration does not set, per sshd_config(5). */
final class SshdDefaults {

    /** Keyword (lower case) to the value sshd_config(5) documents as its default. */
    static final Map<String, String> VALUES = values();

    /**
     * Keywords whose every occurrence counts (sshd appends rather than keeping the first): each
     * line becomes its own observation.
     */
    static final Set<String> ACCUMULATING = Set.of("port", "listenaddress", "hostkey", "hostcertificate",
            "acceptenv", "allowusers", "denyusers", "allowgroups", "denygroups", "subsystem");

    /**
     * Old spellings sshd still accepts for the same setting ({@code SSHCONF_ALIAS} in servconf.h,
     * formerly two keywords[] entries sharing an opcode); the first of either wins.
     */
    static final Map<String, String> ALIASES = Map.of(
            "challengeresponseauthentication", "kbdinteractiveauthentication",
            "skeyauthentication", "kbdinteractiveauthentication",
            "dsaauthentication", "pubkeyauthentication",
            "hostdsakey", "hostkey",
            "hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms",
            "pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms",
            "keepalive", "tcpkeepalive");

    /** Keywords whose values sshd reads case-insensitively; we show them in lower case. */
    static final Set<String> LOWER_CASE = Set.of("permitrootlogin", "passwordauthentication",
            "permitemptypasswords", "pubkeyauthentication", "kbdinteractiveauthentication",
            "hostbasedauthentication", "ignorerhosts", "ignoreuserknownhosts", "x11forwarding", "x11uselocalhost",
            "allowtcpforwarding", "allowagentforwarding", "allowstreamlocalforwarding", "gatewayports",
            "permittunnel", "usepam", "addressfamily", "strictmodes", "gssapiauthentication",
            "kerberosauthentication", "usedns", "printmotd", "printlastlog", "tcpkeepalive", "disableforwarding",
            "permittty", "permituserrc", "compression", "exposeauthinfo");

    /** Keywords whose values sshd reads case-insensitively and prints in upper case ({@code sshd -T}). */
    static final Set<String> UPPER_CASE = Set.of("loglevel", "syslogfacility");

    private SshdDefaults() {
    }

    private static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("permitrootlogin", "prohibit-password");
        v.put("passwordauthentication", "yes");
        v.put("permitemptypasswords", "no");
        v.put("pubkeyauthentication", "yes");
        v.put("kbdinteractiveauthentication", "yes");
        v.put("hostbasedauthentication", "no");
        v.put("ignorerhosts", "yes");
        v.put("ignoreuserknownhosts", "no");
        v.put("x11forwarding", "no");
        v.put("x11uselocalhost", "yes");
        v.put("allowtcpforwarding", "yes");
        v.put("allowagentforwarding", "yes");
        v.put("allowstreamlocalforwarding", "yes");
        v.put("gatewayports", "no");
        v.put("permittunnel", "no");
        v.put("permituserenvironment", "no");
        v.put("permittty", "yes");
        v.put("disableforwarding", "no");
        v.put("maxauthtries", "6");
        v.put("maxsessions", "10");
        v.put("maxstartups", "10:30:100");
        v.put("logingracetime", "120");
        v.put("clientaliveinterval", "0");
        v.put("clientalivecountmax", "3");
        v.put("usepam", "no");
        v.put("strictmodes", "yes");
        v.put("gssapiauthentication", "no");
        v.put("kerberosauthentication", "no");
        v.put("usedns", "no");
        v.put("printmotd", "yes");
        v.put("tcpkeepalive", "yes");
        v.put("banner", "none");
        v.put("authorizedkeysfile", ".ssh/authorized_keys .ssh/authorized_keys2");
        v.put("loglevel", "INFO");
        v.put("syslogfacility", "AUTH");
        v.put("port", "22");
        v.put("addressfamily", "any");
        v.put("listenaddress", "0.0.0.0 ::");
        return Collections.unmodifiableMap(v);
    }
}
