package io.nodeward.host.componentconfig;

import java.util.List;
import java.util.Map;

/**
 * A configuration file as the component runs with it.
 *
 * @param document     its top-level object, as the lenient pass keeps it (unknown fields still in:
 *                     they are dropped where facts are made)
 * @param notes        by dotted JSON path, why a value is not the one a reader of the file sees first
 *                     (a duplicate key, a merge key)
 * @param strictErrors what the strict pass objected to before the component fell back to the lenient
 *                     one (it logs {@code Using lenient decoding as strict decoding failed}); empty when
 *                     strict decoding succeeded, or when the component never decodes strictly
 * @param ignoredFields the paths of the fields the component does not know, which it ignored
 *                     ({@code rules[2].resource}): a misspelt field sets nothing
 */
public record DecodedConfig(Map<String, Object> document, Map<String, String> notes, List<String> strictErrors,
                            List<String> ignoredFields) {

    /** The note for {@code path} or for the nearest map above it that a merge or duplicate replaced, or null. */
    public String noteFor(String path) {
        String p = path;
        while (true) {
            String note = notes.get(p);
            if (note != null || p.lastIndexOf('.') < 0) {
                return note;
            }
            p = p.substring(0, p.lastIndexOf('.'));
        }
    }
}
