package io.nodeward.host.ssh;

/**
 * One path component of a glob(3) pattern as glibc matches it for sshd's {@code Include}
 * ({@code glob(arg, 0, NULL, &gbuf)} in servconf.c: no GLOB_NOESCAPE, no GLOB_PERIOD), i.e.
 * fnmatch(3) with FNM_PERIOD: {@code *}, {@code ?}, bracket expressions with ranges, {@code !} or
 * {@code ^} negation and {@code [:class:]}, a backslash quoting the next character, and a leading
 * {@code .} matched only by a literal dot. A {@code [} without its {@code ]} is a literal
 * character, and a component with no wildcard is a literal name (glibc's __glob_pattern_type):
 * what is not a valid glob names a file as written.
 */
final class GlobPattern {

    private final String pattern;

    GlobPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Whether the component has a wildcard; if not, glob(3) looks the (unescaped) name up directly. */
    boolean isMagic() {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || (c == '[' && bracketEnd(i) > 0)) {
                return true;
            }
        }
        return false;
    }

    /** The name a component without wildcards stands for: its backslashes removed. */
    String literal() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            name.append(c);
        }
        return name.toString();
    }

    /**
     * Whether {@code name} matches. Linear in practice: a later {@code *} drops the earlier one's
     * backtracking point, which is enough because {@code *} is the only variable-width wildcard.
     */
    boolean matches(String name) {
        if (name.startsWith(".") && !(pattern.startsWith(".") || pattern.startsWith("\\."))) {
            return false; // FNM_PERIOD: a leading dot is matched only by a literal one
        }
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        while (n < name.length()) {
            int next = p < pattern.length() ? step(p, name.charAt(n)) : -1;
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = ++p;
                starN = n;
            } else if (next >= 0) {
                p = next;
                n++;
            } else if (starP >= 0) {
                p = starP;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Matches one character at pattern position {@code p}: the position after it, or -1. */
    private int step(int p, char c) {
        char pc = pattern.charAt(p);
        switch (pc) {
            case '*':
                return -1;
            case '?':
                return p + 1;
            case '\\':
                if (p + 1 < pattern.length()) {
                    return pattern.charAt(p + 1) == c ? p + 2 : -1;
                }
                return c == '\\' ? p + 1 : -1;
            case '[': {
                int end = bracketEnd(p);
                if (end < 0) {
                    return c == '[' ? p + 1 : -1;
                }
                return inBracket(p + 1, end, c) ? end + 1 : -1;
            }
            default:
                return pc == c ? p + 1 : -1;
        }
    }

    /** The index of the {@code ]} closing the bracket expression at {@code open}, or -1. */
    private int bracketEnd(int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a ']' first in the set is a member
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int close = pattern.indexOf(":]", i + 2);
                if (close > 0) {
                    i = close + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                i += 2;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private boolean inBracket(int from, int end, char c) {
        int i = from;
        boolean negate = pattern.charAt(i) == '!' || pattern.charAt(i) == '^';
        if (negate) {
            i++;
        }
        boolean found = false;
        while (i < end) {
            char lo = pattern.charAt(i);
            int close = lo == '[' && i + 1 < end && pattern.charAt(i + 1) == ':' ? pattern.indexOf(":]", i + 2) : -1;
            if (close > 0 && close < end) {
                found |= inClass(pattern.substring(i + 2, close), c);
                i = close + 2;
                continue;
            }
            if (lo == '\\' && i + 1 < end) {
                lo = pattern.charAt(++i);
            }
            i++;
            char hi = lo;
            if (i + 1 < end && pattern.charAt(i) == '-') {
                hi = pattern.charAt(i + 1);
                if (hi == '\\' && i + 2 < end) {
                    hi = pattern.charAt(i + 2);
                    i++;
                }
                i += 2;
            }
            found |= lo <= c && c <= hi;
        }
        return found != negate;
    }

    /** The POSIX classes in the C locale (sshd does not call setlocale). */
    private static boolean inClass(String name, char c) {
        return switch (name) {
            case "alpha" -> c < 128 && Character.isLetter(c);
            case "digit" -> c >= '0' && c <= '9';
            case "alnum" -> c < 128 && Character.isLetterOrDigit(c);
            case "upper" -> c >= 'A' && c <= 'Z';
            case "lower" -> c >= 'a' && c <= 'z';
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "print" -> c >= 32 && c < 127;
            case "graph" -> c > 32 && c < 127;
            case "cntrl" -> c < 32 || c == 127;
            case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> false; // glibc: an unknown class makes the bracket match nothing
        };
    }
}
