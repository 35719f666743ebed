package io.nodeward.host.componentconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON text parsed as encoding/json scans it (apimachinery takes this path, never YAML, when the
 * first non-space byte is '{': {@code yaml.IsJSONBuffer} in {@code util/yaml/decoder.go}), into the
 * same values as {@link GoYamlDecoder}. A syntax error is encoding/json's {@code SyntaxError} text;
 * a duplicate key keeps the last value, and is a strict error ({@code duplicate field "a.b"},
 * kubernetes-sigs/json). Nesting is bounded by {@link DecodeBudget#DEPTH}.
 */
final class JsonDocument {

    private final String text;
    private int at;
    private int depth;
    private int nodes;
    private final List<String> strictErrors = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private JsonDocument(String text) {
        this.text = text;
    }

    static GoYamlDecoder.Result parse(String text) throws ConfigRefused {
        JsonDocument json = new JsonDocument(text);
        json.space();
        Object value = json.value("");
        json.space();
        if (json.at < text.length()) {
            throw json.syntax("invalid character " + quoteChar(text.charAt(json.at)) + " after top-level value");
        }
        return new GoYamlDecoder.Result(value, List.copyOf(json.strictErrors), Map.copyOf(json.notes));
    }

    private Object value(String path) throws ConfigRefused {
        if (++nodes > DecodeBudget.NODES) {
            throw new ConfigRefused(DecodeBudget.tooManyNodes(DecodeBudget.NODES));
        }
        if (at >= text.length()) {
            throw syntax("unexpected end of JSON input");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(path);
            case '[' -> array(path);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw syntax("invalid character " + quoteChar(c) + " looking for beginning of value");
            }
        };
    }

    private Map<String, Object> object(String path) throws ConfigRefused {
        nest();
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            at++;
            depth--;
            return map;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw unexpected("looking for beginning of object key string");
            }
            int line = line();
            String key = string();
            space();
            if (peek() != ':') {
                throw unexpected("after object key");
            }
            at++;
            space();
            String child = path.isEmpty() ? key : path + "." + key;
            Object value = value(child);
            if (map.containsKey(key)) {
                strictErrors.add("duplicate field " + GoYamlDecoder.goQuote(child));
                notes.put(child, "duplicate key " + key + ": the kubelet's lenient decoding takes the last, line " + line);
            }
            map.put(key, value);
            lines.put(key, line);
            space();
            char c = peek();
            at++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                at--;
                throw unexpected("after object key:value pair");
            }
        }
    }

    private List<Object> array(String path) throws ConfigRefused {
        nest();
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (peek() == ']') {
            at++;
            depth--;
            return list;
        }
        while (true) {
            space();
            list.add(value(path));
            space();
            char c = peek();
            at++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                at--;
                throw unexpected("after array element");
            }
        }
    }

    private void nest() throws ConfigRefused {
        if (++depth > DecodeBudget.DEPTH) {
            throw new ConfigRefused(DecodeBudget.tooDeep(DecodeBudget.DEPTH), line());
        }
    }

    private String string() throws ConfigRefused {
        at++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw syntax("unexpected end of JSON input");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                at--;
                throw unexpected("in string literal");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw syntax("unexpected end of JSON input");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                        throw syntax("invalid character in \\u hexadecimal character escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> {
                    at--;
                    throw unexpected("in string escape code");
                }
            }
        }
    }

    private JsonNumber number() throws ConfigRefused {
        int start = at;
        java.util.regex.Matcher m = NUMBER.matcher(text).region(at, text.length());
        if (!m.lookingAt()) {
            at++;
            throw at >= text.length() ? syntax("unexpected end of JSON input") : unexpected("in numeric literal");
        }
        at = m.end();
        return new JsonNumber(text.substring(start, at));
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private Object literal(String word, Object value) throws ConfigRefused {
        for (int i = 0; i < word.length(); i++, at++) {
            if (at >= text.length()) {
                throw syntax("unexpected end of JSON input");
            }
            if (text.charAt(at) != word.charAt(i)) {
                throw unexpected("in literal " + word + " (expecting " + quoteChar(word.charAt(i)) + ")");
            }
        }
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() throws ConfigRefused {
        if (at >= text.length()) {
            throw syntax("unexpected end of JSON input");
        }
        return text.charAt(at);
    }

    private ConfigRefused unexpected(String context) throws ConfigRefused {
        return syntax("invalid character " + quoteChar(peek()) + " " + context);
    }

    private ConfigRefused syntax(String message) {
        return new ConfigRefused(message, line());
    }

    private int line() {
        int line = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** encoding/json's {@code quoteChar}. */
    private static String quoteChar(char c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        if (c < 0x20) {
            return switch (c) {
                case '\n' -> "'\\n'";
                case '\t' -> "'\\t'";
                case '\r' -> "'\\r'";
                default -> String.format("'\\x%02x'", (int) c);
            };
        }
        return "'" + c + "'";
    }
}
