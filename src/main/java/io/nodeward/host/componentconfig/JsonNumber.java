package io.nodeward.host.componentconfig;

/**
 * A number as the JSON text the component decodes holds it: as written in a JSON file, or as Go's
 * {@code json.Marshal} writes the int or float64 go-yaml resolved a YAML scalar to. Whether it fits
 * an integer field depends on this text ({@code strconv.ParseInt(text, 10, 64)} in encoding/json's
 * {@code literalStore}): {@code 1000} does, {@code 1e3} and {@code 1.5} do not.
 */
public record JsonNumber(String text) {

    @Override
    public String toString() {
        return text;
    }
}
