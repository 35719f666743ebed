package io.nodeward.host.ssh;

import java.util.Set;

/**
 * Every keyword sshd accepts in {@code sshd_config}, lower case: the {@code keywords[]} table of
 * OpenSSH's {@code servconf.c} (since 10.x generated from {@code SSHD_CONFIG_ENTRIES} in
 * {@code servconf.h}), taken as the union of 8.0p1, 9.6p1, 10.0p1 and 10.5p1 so that older daemons'
 * keywords are known too. Deprecated, ignored and compile-time unsupported keywords are included:
 * sshd accepts them (with a log line), so a file may hold them. Not included: {@code match} and
 * {@code include}, which are structure rather than settings, and the old spellings that
 * {@link SshdDefaults#ALIASES} maps to their current keyword.
 */
final class SshdKeywords {

    static final Set<String> SETTINGS = Set.of(
            "acceptenv", "addressfamily", "afstokenpassing", "allowagentforwarding", "allowgroups",
            "allowstreamlocalforwarding", "allowtcpforwarding", "allowusers", "authenticationmethods",
            "authorizedkeyscommand", "authorizedkeyscommanduser", "authorizedkeysfile", "authorizedkeysfile2",
            "authorizedprincipalscommand", "authorizedprincipalscommanduser", "authorizedprincipalsfile", "banner",
            "casignaturealgorithms", "channeltimeout", "checkmail", "chrootdirectory", "ciphers",
            "clientalivecountmax", "clientaliveinterval", "compression", "denygroups", "denyusers",
            "disableforwarding", "exposeauthinfo", "fingerprinthash", "forcecommand", "gatewayports",
            "gssapiauthentication", "gssapicleanupcredentials", "gssapidelegatecredentials",
            "gssapistrictacceptorcheck", "hostbasedacceptedalgorithms", "hostbasedauthentication",
            "hostbasedusesnamefrompacketonly", "hostcertificate", "hostkey", "hostkeyagent", "hostkeyalgorithms",
            "ignorerhosts", "ignoreuserknownhosts", "ipqos", "kbdinteractiveauthentication", "kerberosauthentication",
            "kerberosgetafstoken", "kerberosorlocalpasswd", "kerberostgtpassing", "kerberosticketcleanup",
            "kexalgorithms", "keyregenerationinterval", "listenaddress", "logingracetime", "loglevel", "logverbose",
            "macs", "maxauthtries", "maxsessions", "maxstartups", "modulifile", "pamauthenticationviakbdint",
            "pamservicename", "passwordauthentication", "permitemptypasswords", "permitlisten", "permitopen",
            "permitrootlogin", "permittty", "permittunnel", "permituserenvironment", "permituserrc",
            "persourcemaxstartups", "persourcenetblocksize", "persourcepenalties", "persourcepenaltyexemptlist",
            "pidfile", "port", "printlastlog", "printmotd", "protocol", "pubkeyacceptedalgorithms",
            "pubkeyauthentication", "pubkeyauthoptions", "rdomain", "refuseconnection", "rekeylimit",
            "requiredrsasize", "reversemappingcheck", "revokedkeys", "rhostsauthentication",
            "rhostsrsaauthentication", "rsaauthentication", "securitykeyprovider", "serverkeybits", "setenv",
            "sshdauthpath", "sshdsessionpath", "streamlocalbindmask", "streamlocalbindunlink", "strictmodes",
            "subsystem", "syslogfacility", "tcpkeepalive", "trustedusercakeys", "unusedconnectiontimeout", "usedns",
            "uselogin", "usepam", "useprivilegeseparation", "verifyreversemapping", "versionaddendum",
            "x11displayoffset", "x11forwarding", "x11uselocalhost", "xauthlocation");

    private SshdKeywords() {
    }
}
