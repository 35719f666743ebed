package io.nodeward.host.componentconfig;

/**
 * go-yaml v2's reader checks ({@code readerc.go} {@code yaml_parser_update_buffer}) on a UTF-8 text:
 * the first problem, worded as go-yaml words it, or null. A UTF-16 byte order mark (which go-yaml
 * would decode) is not handled: such a file is reported as invalid UTF-8.
 */
final class Utf8Check {

    private Utf8Check() {
    }

    static String firstProblem(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < bytes.length) {
            int octet = bytes[i] & 0xFF;
            int width;
            int value;
            if ((octet & 0x80) == 0) {
                width = 1;
                value = octet & 0x7F;
            } else if ((octet & 0xE0) == 0xC0) {
                width = 2;
                value = octet & 0x1F;
            } else if ((octet & 0xF0) == 0xE0) {
                width = 3;
                value = octet & 0x0F;
            } else if ((octet & 0xF8) == 0xF0) {
                width = 4;
                value = octet & 0x07;
            } else {
                return "invalid leading UTF-8 octet";
            }
            if (i + width > bytes.length) {
                return "incomplete UTF-8 octet sequence";
            }
            for (int k = 1; k < width; k++) {
                int trailing = bytes[i + k] & 0xFF;
                if ((trailing & 0xC0) != 0x80) {
                    return "invalid trailing UTF-8 octet";
                }
                value = (value << 6) + (trailing & 0x3F);
            }
            boolean shortest = width == 1 || width == 2 && value >= 0x80 || width == 3 && value >= 0x800
                    || width == 4 && value >= 0x10000;
            if (!shortest) {
                return "invalid length of a UTF-8 sequence";
            }
            if (value >= 0xD800 && value <= 0xDFFF || value > 0x10FFFF) {
                return "invalid Unicode character";
            }
            boolean printable = value == 0x09 || value == 0x0A || value == 0x0D || value >= 0x20 && value <= 0x7E
                    || value == 0x85 || value >= 0xA0 && value <= 0xD7FF || value >= 0xE000 && value <= 0xFFFD
                    || value >= 0x10000 && value <= 0x10FFFF;
            if (!printable) {
                return "control characters are not allowed";
            }
            i += width;
        }
        return null;
    }
}
