package io.nodeward.publish.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A failed API request, classified: the outcome label for {@link PublishOutcomes}, and whether
 * trying again soon can help (conflicts, 5xx, 429, timeouts, no connection) or not (403, 404, other 4xx).
 */
final class ApiFailure extends RuntimeException {

    private final String target;
    private final String outcome;

    ApiFailure(String target, String outcome, String message, Throwable cause) {
        super(message, cause);
        this.target = target;
        this.outcome = outcome;
    }

    static ApiFailure of(String target, RuntimeException e) {
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
        // No HTTP status (the client reports 0 or -1): no connection, or no answer in time.
        String outcome = code <= 0 ? "unreachable" : switch (code) {
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 429 -> "throttled";
            default -> code >= 500 ? "server_error" : "client_error";
        };
        String message = code <= 0 ? describe(e) : "HTTP " + code + ": " + firstLine(e.getMessage());
        return new ApiFailure(target, outcome, message, e);
    }

    String target() {
        return target;
    }

    String outcome() {
        return outcome;
    }

    boolean retryable() {
        return switch (outcome) {
            case "conflict", "throttled", "unreachable", "server_error" -> true;
            default -> false;
        };
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return "timed out: " + firstLine(t.getMessage());
            }
            if (t instanceof IOException && t.getMessage() != null) {
                return "unreachable: " + firstLine(t.getMessage());
            }
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
