package io.nodeward.host.ssh;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes sshd refuse a line that {@link SshdTokens} could split: the checks of servconf.c's
 * {@code parse_token} and {@code process_server_config_line_depth} (openssh-portable 9.2 to 10.x),
 * with sshd's own message text. sshd refuses to start with such a file, so none of its values can
 * be in effect. Only what sshd rejects on every build is refused here; what varies by version or
 * build is let through (see each set).
 */
final class SshdRules {

    /**
     * Keywords whose table entry is SSHCFG_GLOBAL in 9.2 and at HEAD: inside a Match block sshd
     * stops with "Directive 'X' is not allowed within a Match block". (Subsystem became
     * SSHCFG_ALL in 9.5 and is left out; the old aliases are checked by their own spelling.)
     */
    static final Set<String> GLOBAL_ONLY = Set.of("addressfamily", "afstokenpassing", "checkmail", "ciphers",
            "compression", "dsaauthentication", "fingerprinthash", "gssapicleanupcredentials",
            "gssapidelegatecredentials", "gssapistrictacceptorcheck", "hostcertificate", "hostdsakey", "hostkey",
            "hostkeyagent", "hostkeyalgorithms", "ignoreuserknownhosts", "keepalive", "kerberosgetafstoken",
            "kerberosorlocalpasswd", "kerberostgtpassing", "kerberosticketcleanup", "kexalgorithms",
            "keyregenerationinterval", "listenaddress", "logingracetime", "macs", "maxstartups", "modulifile",
            "pamauthenticationviakbdint", "permituserenvironment", "persourcemaxstartups", "persourcenetblocksize",
            "persourcepenalties", "persourcepenaltyexemptlist", "pidfile", "port", "printlastlog", "printmotd",
            "protocol", "reversemappingcheck", "rhostsauthentication", "securitykeyprovider", "serverkeybits",
            "sshdauthpath", "sshdsessionpath", "strictmodes", "syslogfacility", "tcpkeepalive", "usedns", "uselogin",
            "usepam", "useprivilegeseparation", "verifyreversemapping", "versionaddendum", "xauthlocation");

    /**
     * sDeprecated and sIgnore keywords, and the AFS ones no common build compiles in (sUnsupported):
     * sshd logs "Deprecated option X" / "Unsupported option X", consumes every argument and goes on.
     */
    static final Set<String> LOGGED_ONLY = Set.of("afstokenpassing", "authorizedkeysfile2", "checkmail",
            "kerberosgetafstoken", "kerberostgtpassing", "keyregenerationinterval", "pamauthenticationviakbdint",
            "protocol", "reversemappingcheck", "rhostsauthentication", "rhostsrsaauthentication",
            "rsaauthentication", "serverkeybits", "uselogin", "useprivilegeseparation", "verifyreversemapping");

    /**
     * Keywords whose handler reads more than one argument (a while-argv_next loop, argv_consume, or
     * the raw rest of the line); every other keyword reads one and refuses more with "keyword X
     * extra arguments at end of line". The value is the most arguments taken, 0 for no limit.
     */
    static final Map<String, Integer> MANY_ARGUMENTS = Map.ofEntries(Map.entry("listenaddress", 3),
            Map.entry("ipqos", 2), Map.entry("rekeylimit", 2), Map.entry("subsystem", 0),
            Map.entry("persourcepenalties", 0), Map.entry("logverbose", 0), Map.entry("allowusers", 0),
            Map.entry("denyusers", 0), Map.entry("allowgroups", 0), Map.entry("denygroups", 0),
            Map.entry("authorizedkeysfile", 0), Map.entry("acceptenv", 0), Map.entry("setenv", 0),
            Map.entry("permitopen", 0), Map.entry("permitlisten", 0), Map.entry("forcecommand", 0),
            Map.entry("versionaddendum", 0), Map.entry("authorizedkeyscommand", 0),
            Map.entry("authorizedprincipalscommand", 0), Map.entry("authenticationmethods", 0),
            Map.entry("channeltimeout", 0), Map.entry("pubkeyauthoptions", 0), Map.entry("include", 0),
            Map.entry("match", 0));

    private static final List<String> FLAG = List.of("yes", "no");

    /**
     * The multistate tables of servconf.c (parse_flag is the yes/no one); a value outside them is
     * "unsupported option". Only keywords whose table is the same in 9.2 and at HEAD.
     */
    static final Map<String, List<String>> MULTISTATE = Map.ofEntries(
            Map.entry("permitrootlogin", List.of("without-password", "prohibit-password", "forced-commands-only", "yes", "no")),
            Map.entry("passwordauthentication", FLAG), Map.entry("kbdinteractiveauthentication", FLAG),
            Map.entry("permitemptypasswords", FLAG), Map.entry("pubkeyauthentication", FLAG),
            Map.entry("hostbasedauthentication", FLAG), Map.entry("x11forwarding", FLAG),
            Map.entry("x11uselocalhost", FLAG), Map.entry("strictmodes", FLAG), Map.entry("printmotd", FLAG),
            Map.entry("tcpkeepalive", FLAG), Map.entry("permittty", FLAG), Map.entry("permituserrc", FLAG),
            Map.entry("disableforwarding", FLAG), Map.entry("exposeauthinfo", FLAG),
            Map.entry("allowagentforwarding", FLAG), Map.entry("ignoreuserknownhosts", FLAG),
            Map.entry("usedns", FLAG), Map.entry("ignorerhosts", List.of("yes", "no", "shosts-only")),
            Map.entry("allowtcpforwarding", List.of("yes", "all", "no", "local", "remote")),
            Map.entry("allowstreamlocalforwarding", List.of("yes", "all", "no", "local", "remote")),
            Map.entry("gatewayports", List.of("clientspecified", "yes", "no")),
            Map.entry("compression", List.of("yes", "delayed", "no")),
            Map.entry("addressfamily", List.of("inet", "inet6", "any")),
            Map.entry("permittunnel", List.of("yes", "point-to-point", "ethernet", "no")));

    /** parse_int keywords: {@code atoi_err}, i.e. strtonum(0, INT_MAX). */
    static final Set<String> INTEGER = Set.of("maxauthtries", "maxsessions", "clientalivecountmax", "x11displayoffset",
            "requiredrsasize");

    /** Match criteria (match_cfg_line): 9.2's, and the ones added since (invalid-user, version, sessiontype, command). */
    private static final Set<String> MATCH_CRITERIA = Set.of("user", "group", "host", "address", "localaddress",
            "localport", "rdomain", "invalid-user", "version", "sessiontype", "command");

    private SshdRules() {
    }

    /**
     * Refuses a line as sshd would.
     *
     * @param keyword the keyword in lower case with old spellings mapped ({@link SshdDefaults#ALIASES})
     * @param inMatch whether the line stands in a Match block that is not {@code Match all}
     * @throws SshdTokens.Refused with sshd's message
     */
    static void check(SshdTokens.Line line, String keyword, boolean inMatch) {
        String written = line.keyword();
        String spelled = written.toLowerCase(Locale.ROOT);
        if (!keyword.equals("match") && !keyword.equals("include") && !SshdKeywords.SETTINGS.contains(keyword)) {
            throw new SshdTokens.Refused("Bad configuration option: " + written); // parse_token
        }
        if (inMatch && GLOBAL_ONLY.contains(spelled)) {
            throw new SshdTokens.Refused("Directive '" + written + "' is not allowed within a Match block");
        }
        if (LOGGED_ONLY.contains(spelled)) {
            return; // case sDeprecated/sIgnore/sUnsupported: argv_consume
        }
        List<String> args = line.arguments();
        if (keyword.equals("match")) {
            checkMatch(args);
            return;
        }
        if (keyword.equals("include")) {
            if (args.isEmpty()) {
                throw new SshdTokens.Refused(written + " missing filename argument");
            }
            if (args.stream().anyMatch(String::isEmpty)) {
                throw new SshdTokens.Refused("keyword " + written + " empty argument");
            }
            return;
        }
        if (args.isEmpty() || args.get(0).isEmpty()) {
            // argv_next gave NULL (a '#' right after the keyword) or "" ('""'): each handler's own
            // "missing ..." fatal; the generic one is parse_multistate's
            throw new SshdTokens.Refused(keyword.equals("subsystem") ? "Missing subsystem name." : "missing argument.");
        }
        if (keyword.equals("subsystem") && args.size() < 2) {
            throw new SshdTokens.Refused("Missing subsystem command.");
        }
        int most = MANY_ARGUMENTS.getOrDefault(keyword, 1);
        if (most > 0 && args.size() > most) {
            throw new SshdTokens.Refused("keyword " + written + " extra arguments at end of line");
        }
        String value = args.get(0);
        List<String> allowed = MULTISTATE.get(keyword);
        if (allowed != null && !allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new SshdTokens.Refused("unsupported option \"" + value + "\".");
        }
        if (INTEGER.contains(keyword) && !isInt(value)) {
            throw new SshdTokens.Refused(written + " integer value invalid.");
        }
        if (keyword.equals("port") && value.chars().allMatch(Character::isDigit) && !isPort(value)) {
            // a2port: a number must be 1..65535; a name is looked up in /etc/services, which we leave to sshd
            throw new SshdTokens.Refused("Badly formatted port number.");
        }
    }

    /** match_cfg_line: "all" alone, or criteria each with a value; anything else is "Bad Match condition". */
    private static void checkMatch(List<String> args) {
        if (args.isEmpty()) {
            throw new SshdTokens.Refused("Bad Match condition");
        }
        if (args.get(0).equalsIgnoreCase("all")) {
            if (args.size() > 1) {
                throw new SshdTokens.Refused("'all' cannot be combined with other Match attributes");
            }
            return;
        }
        for (int i = 0; i < args.size(); i += 2) {
            String attribute = args.get(i).toLowerCase(Locale.ROOT);
            if (attribute.equals("all")) {
                throw new SshdTokens.Refused("'all' cannot be combined with other Match attributes");
            }
            if (!MATCH_CRITERIA.contains(attribute)) {
                throw new SshdTokens.Refused("Unsupported Match attribute " + args.get(i));
            }
            if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                throw new SshdTokens.Refused("Missing Match criteria for " + args.get(i));
            }
        }
    }

    private static boolean isInt(String value) {
        return value.matches("\\+?[0-9]{1,10}") && Long.parseLong(value) <= Integer.MAX_VALUE;
    }

    private static boolean isPort(String value) {
        String digits = value.replaceFirst("^0+(?=.)", ""); // strtonum reads base 10, leading zeros and all
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }
}
