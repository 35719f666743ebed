package io.nodeward.host.componentconfig;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * go-yaml v2's scalar resolution ({@code resolve.go} {@code resolve}, identical in sigs.k8s.io/yaml's
 * copy) into a value decoded into {@code interface{}}, and its JSON form after sigs.k8s.io/yaml's
 * {@code convertToJSONableObject} and Go's {@code json.Marshal}.
 */
final class GoScalars {

    static final String TAG = "tag:yaml.org,2002:";
    static final String STR = TAG + "str";
    static final String MERGE = TAG + "merge";

    /** What a scalar resolves to. */
    sealed interface Resolved {
    }

    record Null() implements Resolved {
    }

    record Bool(boolean value) implements Resolved {
    }

    /** An int, or a uint64 above int64's range (ParseUint). */
    record Int(BigInteger value) implements Resolved {
    }

    record Float(double value) implements Resolved {
    }

    record Str(String value) implements Resolved {
    }

    private static final Map<String, Resolved> WORDS = words();

    private static final Pattern YAML_STYLE_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private GoScalars() {
    }

    /** {@code decoder.scalar} with {@code resolve(tag, value)}: tag null for an untagged scalar. */
    static Resolved resolve(YamlNode.Scalar scalar) throws ConfigRefused {
        String tag = scalar.tag();
        if (tag == null && !scalar.plain()) {
            return new Str(scalar.value()); // quoted or block scalar: always a string
        }
        if (tag != null && tag.equals(TAG + "binary")) {
            try {
                return new Str(new String(Base64.getMimeDecoder().decode(scalar.value()), java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw new ConfigRefused("yaml: !!binary value contains invalid base64 data", scalar.line() + 1);
            }
        }
        boolean resolvable = tag == null || tag.equals(STR) || tag.equals(TAG + "bool") || tag.equals(TAG + "int")
                || tag.equals(TAG + "float") || tag.equals(TAG + "null") || tag.equals(TAG + "timestamp");
        if (!resolvable || STR.equals(tag)) {
            return new Str(scalar.value()); // an unknown tag leaves the text as is
        }
        Resolved resolved = byContent(scalar.value());
        if (tag == null || tag.endsWith(":timestamp") && resolved instanceof Str) {
            return resolved;
        }
        String want = tag.substring(TAG.length());
        String got = shortTag(resolved);
        if (want.equals(got)) {
            return resolved;
        }
        if (want.equals("float") && resolved instanceof Int i) {
            return new Float(i.value().doubleValue());
        }
        throw new ConfigRefused("yaml: cannot decode !!" + got + " `" + scalar.value() + "` as a !!" + want,
                scalar.line() + 1);
    }

    private static String shortTag(Resolved r) {
        return switch (r) {
            case Null n -> "null";
            case Bool b -> "bool";
            case Int i -> "int";
            case Float f -> "float";
            case Str s -> "str";
        };
    }

    /** {@code resolve("", in)}: the first byte hints at the class, then the table, ints, floats. */
    static Resolved byContent(String in) {
        char hint = in.isEmpty() ? 'N' : in.charAt(0);
        boolean sign = hint == '+' || hint == '-';
        boolean digit = hint >= '0' && hint <= '9';
        boolean word = "yYnNtTfFoO~".indexOf(hint) >= 0 || in.isEmpty();
        if (!(sign || digit || word || hint == '.')) {
            return new Str(in);
        }
        Resolved known = WORDS.get(in);
        if (known != null) {
            return known;
        }
        if (hint == '.') {
            Double f = goParseFloat(in);
            return f != null ? new Float(f) : new Str(in);
        }
        if (sign || digit) {
            // a timestamp (YYYY-...) resolves, but into interface{} go-yaml keeps its text: a string
            String plain = in.replace("_", "");
            BigInteger integer = goParseInt(plain);
            if (integer != null) {
                return new Int(integer);
            }
            if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                Double f = goParseFloat(plain);
                if (f != null) {
                    return new Float(f);
                }
            }
            if (plain.startsWith("0b") || plain.startsWith("-0b")) {
                boolean negative = plain.startsWith("-");
                String digits = plain.substring(negative ? 3 : 2);
                if (!digits.isEmpty() && digits.matches("[01]+")) {
                    BigInteger v = new BigInteger(digits, 2);
                    v = negative ? v.negate() : v;
                    if (v.bitLength() < 64 || !negative && v.bitLength() <= 64) {
                        return new Int(v);
                    }
                }
            }
        }
        return new Str(in);
    }

    /**
     * {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint(s, 0, 64)}: sign, then 0x/0o/0b or a
     * leading 0 for octal (so {@code 017} is 15), else decimal. Underscores are already gone.
     */
    static BigInteger goParseInt(String s) {
        boolean negative = false;
        String body = s;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.startsWith("-");
            body = body.substring(1);
        }
        int radix = 10;
        String digits = body;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char prefix = Character.toLowerCase(body.charAt(1));
            if (prefix == 'x') {
                radix = 16;
                digits = body.substring(2);
            } else if (prefix == 'o') {
                radix = 8;
                digits = body.substring(2);
            } else if (prefix == 'b') {
                radix = 2;
                digits = body.substring(2);
            } else {
                radix = 8;
                digits = body.substring(1);
            }
        }
        int base = radix;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, base) >= 0 && c < 128)) {
            return null;
        }
        BigInteger value = new BigInteger(digits, base);
        if (negative) {
            value = value.negate();
            return value.bitLength() < 64 || value.equals(BigInteger.ONE.shiftLeft(63).negate()) ? value : null;
        }
        return value.bitLength() <= 64 ? value : null; // above int64: ParseUint's uint64
    }

    /** {@code strconv.ParseFloat(s, 64)} for the decimal forms the callers pass; null when it fails. */
    private static Double goParseFloat(String s) {
        if (!s.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return null;
        }
        double d = Double.parseDouble(s);
        return Double.isInfinite(d) ? null : d; // ParseFloat: "value out of range"
    }

    /**
     * The JSON value {@code json.Marshal} writes for it; NaN and ±Inf are the error Marshal returns
     * ({@code json: unsupported value: NaN}), which sigs.k8s.io/yaml's YAMLToJSON returns as is.
     */
    static Object toJson(Resolved r, int line) throws ConfigRefused {
        return switch (r) {
            case Null n -> null;
            case Bool b -> b.value();
            case Str s -> s.value();
            case Int i -> new JsonNumber(i.value().toString());
            case Float f -> {
                if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
                    String v = Double.isNaN(f.value()) ? "NaN" : f.value() > 0 ? "+Inf" : "-Inf";
                    throw new ConfigRefused("json: unsupported value: " + v, line);
                }
                yield new JsonNumber(goJsonFloat(f.value()));
            }
        };
    }

    /** encoding/json's {@code floatEncoder}: shortest digits, 'f' form unless below 1e-6 or from 1e21. */
    static String goJsonFloat(double f) {
        double abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            BigDecimal d = new BigDecimal(Double.toString(f));
            int exponent = d.precision() - d.scale() - 1;
            String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(f)).stripTrailingZeros().toPlainString();
    }

    /**
     * A map key as sigs.k8s.io/yaml's {@code convertToJSONableObject} makes it a string: strings as is,
     * ints in decimal, bools {@code true}/{@code false}, floats {@code FormatFloat(f, 'g', -1, 32)};
     * null and uint64 keys are its error.
     */
    static String jsonKey(Resolved key, int line) throws ConfigRefused {
        return switch (key) {
            case Str s -> s.value();
            case Bool b -> Boolean.toString(b.value());
            case Int i when i.value().bitLength() < 64 -> i.value().toString();
            case Float f -> Double.isNaN(f.value()) ? ".nan" : Double.isInfinite(f.value()) ? (f.value() > 0 ? ".inf" : "-.inf")
                    : new BigDecimal(java.lang.Float.toString((float) f.value())).stripTrailingZeros().toPlainString();
            case Int i -> throw new ConfigRefused("unsupported map key of type: uint64, key: 0x" + i.value().toString(16), line);
            case Null n -> throw new ConfigRefused("unsupported map key of type: <nil>", line);
        };
    }

    private static Map<String, Resolved> words() {
        Map<String, Resolved> m = new java.util.HashMap<>();
        for (String s : new String[]{"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            m.put(s, new Bool(true));
        }
        for (String s : new String[]{"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            m.put(s, new Bool(false));
        }
        for (String s : new String[]{"", "~", "null", "Null", "NULL"}) {
            m.put(s, new Null());
        }
        for (String s : new String[]{".nan", ".NaN", ".NAN"}) {
            m.put(s, new Float(Double.NaN));
        }
        for (String s : new String[]{".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            m.put(s, new Float(Double.POSITIVE_INFINITY));
        }
        for (String s : new String[]{"-.inf", "-.Inf", "-.INF"}) {
            m.put(s, new Float(Double.NEGATIVE_INFINITY));
        }
        return Map.copyOf(m);
    }
}
