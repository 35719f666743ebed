package io.nodeward.publish.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.Deployment;
import io.nodeward.agent.ScanScheduler;
import io.nodeward.cluster.ClusterMode;
import io.nodeward.report.ReportFormat;
import io.nodeward.scan.ScanReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /report}: the last scan's full report (in the cluster auditor: the leader's last audit) in
 * json (default), text or junit, chosen by
 * {@code ?format=} or else the {@code Accept} header. It maps the node's weaknesses, so the main
 * HTTP server that carries it binds to loopback (see application.properties). It renders results
 * only, never the contents of a host file.
 */
@Path("/report")
public class ReportResource {

    private static final String ALLOWED = Arrays.stream(ReportFormat.values())
            .map(ReportFormat::label).collect(Collectors.joining(", "));
    private static final MediaType TEXT_XML = MediaType.valueOf("text/xml");

    private final ScanScheduler scheduler;
    private final ClusterMode cluster;
    private final Deployment deployment;

    ReportResource(ScanScheduler scheduler, ClusterMode cluster, Deployment deployment) {
        this.scheduler = scheduler;
        this.cluster = cluster;
        this.deployment = deployment;
    }

    @GET
    public Response report(@QueryParam("format") String format, HttpHeaders headers) {
        ReportFormat chosen;
        if (format != null) {
            Optional<ReportFormat> named = ReportFormat.named(format);
            if (named.isEmpty()) {
                return error(Response.Status.BAD_REQUEST,
                        "unknown format '" + format + "'; allowed: " + ALLOWED);
            }
            chosen = named.get();
        } else {
            Optional<ReportFormat> accepted = negotiate(headers.getAcceptableMediaTypes());
            if (accepted.isEmpty()) {
                return error(Response.Status.NOT_ACCEPTABLE,
                        "no acceptable format; ask for application/json, text/plain or application/xml, or use ?format= with one of: " + ALLOWED);
            }
            chosen = accepted.get();
        }
        if (deployment.mode() == Deployment.Mode.CLUSTER) {
            return cluster.latest()
                    .map(report -> Response.ok(chosen.render(report), chosen.mediaType()).build())
                    .orElseGet(() -> error(Response.Status.SERVICE_UNAVAILABLE, cluster.isLeader()
                            ? "the first audit has not finished yet; try again shortly"
                            : "this replica is not the leader: the other replica audits (see the Lease nodeward-cluster)"));
        }
        Optional<ScanReport> latest = scheduler.latest();
        if (latest.isEmpty()) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "no scan has finished yet; try again shortly");
        }
        return Response.ok(chosen.render(latest.get()), chosen.mediaType()).build();
    }

    /** The first format the client accepts, in its order of preference; JSON for a wildcard. */
    static Optional<ReportFormat> negotiate(List<MediaType> acceptable) {
        if (acceptable.isEmpty()) {
            return Optional.of(ReportFormat.JSON);
        }
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Optional.of(ReportFormat.JSON);
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return Optional.of(ReportFormat.TEXT);
            }
            if (type.isCompatible(MediaType.APPLICATION_XML_TYPE) || type.isCompatible(TEXT_XML)) {
                return Optional.of(ReportFormat.JUNIT);
            }
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("status", status.getStatusCode())
                .put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString() + "\n").build();
    }
}
