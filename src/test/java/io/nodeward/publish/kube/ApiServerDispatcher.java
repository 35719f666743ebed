package io.nodeward.publish.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes fabric8's mock server look enough like an API server for the real client and for
 * {@code kubectl}: serves the discovery documents ({@code /api}, {@code /api/v1}, {@code /apis}),
 * sends {@code Content-Type: application/json}, and applies a strategic merge patch of a Node's
 * status conditions the way the API server does (merge by {@code type}), which the CRUD
 * dispatcher cannot (it answers 415). Everything else goes to the wrapped dispatcher.
 */
class ApiServerDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NODE = Pattern.compile("/api/v1/nodes/([^/?]+)");
    private static final Pattern NODE_STATUS = Pattern.compile("/api/v1/nodes/([^/?]+)/status");

    private final Dispatcher delegate;
    private final java.util.Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>> expectations;

    /** {@code expectations}: the map behind {@code server.expect()}; a request matching one skips the emulation. */
    ApiServerDispatcher(Dispatcher delegate,
                        java.util.Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>> expectations) {
        this.delegate = delegate;
        this.expectations = expectations;
    }

    private boolean expected(RecordedRequest request) {
        var queue = expectations.get(new io.fabric8.mockwebserver.internal.SimpleRequest(request.method(), request.getPath()));
        return queue != null && !queue.isEmpty();
    }

    /** Every request as received: method, path, content type, body (the request's own body can be read once only). */
    record Seen(String method, String path, String contentType, String body) {
        String line() {
            return method + " " + path;
        }
    }

    static final java.util.Queue<Seen> JOURNAL = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public MockResponse dispatch(RecordedRequest received) {
        String body = received.getBody() == null ? "" : received.getUtf8Body();
        JOURNAL.add(new Seen(received.getMethod(), received.getPath(), received.getHeader("Content-Type"), body));
        RecordedRequest request = new RecordedRequest(received.getHttpVersion(), received.method(), received.getPath(),
                received.getHeaders(), new Buffer().writeUtf8(body));
        String path = request.getPath();
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        MockResponse response;
        if (expected(request)) {
            response = delegate.dispatch(request);
        } else if (request.method() == HttpMethod.GET && bare.equals("/api")) {
            response = json(API_VERSIONS);
        } else if (request.method() == HttpMethod.GET && bare.equals("/api/v1")) {
            response = json(CORE_V1_RESOURCES);
        } else if (request.method() == HttpMethod.GET && bare.equals("/apis")) {
            response = json("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
        } else if (request.method() == HttpMethod.GET && bare.endsWith("/events") && path.contains("fieldSelector=")) {
            response = eventsBySelector(bare, path);
        } else if (request.method() == HttpMethod.PATCH && isStrategicMerge(request)
                && NODE_STATUS.matcher(bare).matches()) {
            response = strategicMergeConditions(body, bare);
        } else if (request.method() == HttpMethod.PATCH && isJsonMerge(request) && NODE.matcher(bare).matches()) {
            response = jsonMerge(body, bare);
        } else {
            response = delegate.dispatch(request);
        }
        if (response.getHeaders().get("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    private static boolean isJsonMerge(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.startsWith("application/merge-patch+json");
    }

    private static boolean isStrategicMerge(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.startsWith("application/strategic-merge-patch+json");
    }

    /**
     * RFC 7386 on a Node (the CRUD store's own merge appends to lists and keeps null values),
     * stored with a PUT of the whole object.
     */
    private MockResponse jsonMerge(String patchBody, String nodePath) {
        return update(nodePath, nodePath, node -> mergeInto(node, JSON.readTree(patchBody)));
    }

    /** The API server's strategic merge of {@code status.conditions}: by {@code type}, others untouched. */
    private MockResponse strategicMergeConditions(String patchBody, String statusPath) {
        String nodePath = statusPath.substring(0, statusPath.length() - "/status".length());
        return update(nodePath, statusPath, node -> {
            JsonNode patch = JSON.readTree(patchBody);
            ObjectNode status = node.has("status") ? (ObjectNode) node.get("status") : node.putObject("status");
            ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
            for (JsonNode incoming : patch.path("status").path("conditions")) {
                boolean replaced = false;
                for (int i = 0; i < conditions.size(); i++) {
                    if (conditions.get(i).path("type").equals(incoming.path("type"))) {
                        ((ObjectNode) conditions.get(i)).setAll((ObjectNode) incoming);
                        replaced = true;
                    }
                }
                if (!replaced) {
                    conditions.add(incoming);
                }
            }
        });
    }

    /**
     * Lists events filtered by {@code involvedObject.*=value} field selectors, as {@code kubectl
     * describe} asks; the CRUD store does not evaluate these (an empty value matches a missing field).
     */
    private MockResponse eventsBySelector(String bare, String path) {
        MockResponse all = delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, bare,
                Headers.builder().build(), new Buffer()));
        if (all.code() != 200) {
            return all;
        }
        try {
            String query = path.substring(path.indexOf('?') + 1);
            String selector = "";
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("fieldSelector=")) {
                    selector = java.net.URLDecoder.decode(parameter.substring("fieldSelector=".length()),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().readUtf8());
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode item : list.path("items")) {
                boolean matches = true;
                for (String requirement : selector.split(",")) {
                    String[] kv = requirement.split("=", 2);
                    JsonNode field = item;
                    for (String part : kv[0].split("\\.")) {
                        field = field.path(part);
                    }
                    matches &= (field.isMissingNode() ? "" : field.asText()).equals(kv.length > 1 ? kv[1] : "");
                }
                if (matches) {
                    kept.add(item);
                }
            }
            list.set("items", kept);
            list.put("kind", "EventList");
            return json(list.toString());
        } catch (Exception e) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"message\":\"" + e + "\"}");
        }
    }

    interface Edit {
        void apply(ObjectNode node) throws Exception;
    }

    private MockResponse update(String nodePath, String putPath, Edit edit) {
        MockResponse current = delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, nodePath,
                Headers.builder().build(), new Buffer()));
        if (current.code() != 200) {
            return current;
        }
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
            edit.apply(node);
            return delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, putPath,
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer().writeUtf8(node.toString())));
        } catch (Exception e) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"message\":\"" + e + "\"}");
        }
    }

    private static void mergeInto(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.path(field.getKey()).isObject()) {
                mergeInto((ObjectNode) target.get(field.getKey()), value);
            } else {
                target.set(field.getKey(), value);
            }
        });
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setBody(body);
    }

    private static final String API_VERSIONS = """
            {"kind":"APIVersions","versions":["v1"],
             "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}""";

    private static final String CORE_V1_RESOURCES = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
             {"name":"nodes","singularName":"node","namespaced":false,"kind":"Node",
              "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["no"]},
             {"name":"nodes/status","singularName":"","namespaced":false,"kind":"Node","verbs":["get","patch","update"]},
             {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod",
              "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["po"]},
             {"name":"events","singularName":"event","namespaced":true,"kind":"Event",
              "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ev"]},
             {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace",
              "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ns"]}]}""";
}
