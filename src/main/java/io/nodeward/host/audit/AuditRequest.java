package io.nodeward.host.audit;

import java.util.List;

/**
 * The attributes of an API request that an audit policy rule looks at ({@code authorizer.Attributes}),
 * for resource requests only: the checks ask about secrets, configmaps and tokenreviews.
 *
 * @param user        the user's name
 * @param groups      the user's groups
 * @param namespace   {@code ""} for a cluster-scoped resource or a request across all namespaces
 * @param subresource {@code ""} for the resource itself
 * @param name        {@code ""} for list, watch, create and deletecollection
 */
public record AuditRequest(String user, List<String> groups, String verb, String apiGroup, String resource,
                           String subresource, String namespace, String name) {

    public AuditRequest {
        groups = List.copyOf(groups);
    }

    /** How a report names the request, e.g. {@code get secrets by user alice (groups system:authenticated)}. */
    public String describe() {
        String what = subresource.isEmpty() ? resource : resource + "/" + subresource;
        String where = namespace.isEmpty() ? "" : " in namespace " + namespace;
        String named = name.isEmpty() ? "" : " named " + name;
        return verb + " " + what + named + where + " by user " + user + " (groups " + String.join(", ", groups) + ")";
    }
}
