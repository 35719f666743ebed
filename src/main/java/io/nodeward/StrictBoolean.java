package io.nodeward;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.Locale;

/**
 * {@code true} or {@code false} (any case, surrounding blanks ignored), nothing else. The default
 * converter reads {@code yes}, {@code on} and {@code 1} as true and every other word, typos included, as
 * false: for a switch that decides whether a missing kubelet is an error, a typo must fail instead.
 * A blank value is no value ({@code null}), so it falls back to the key's default like an unset one.
 */
public final class StrictBoolean implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
        };
    }
}
