package io.nodeward.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged agent (the jar; the native executable with {@code -Dnative} where one can be built)
 * in serve mode on the fixture worker node of {@link FixtureNodeProfile}: it becomes ready after
 * its first scan, exports one {@code nodeward_check_result} series per check with the node's real
 * status, and serves the report for the fixture's node name.
 */
@QuarkusIntegrationTest
@TestProfile(FixtureNodeProfile.class)
class FixtureNodeAgentIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void becomesReadyAfterItsFirstScan() throws Exception {
        String ready = awaitReady();

        JsonNode health = new ObjectMapper().readTree(ready);
        assertEquals("UP", health.get("status").asText());
        assertEquals("first-scan", health.get("checks").get(0).get("name").asText());
        assertEquals("UP", health.get("checks").get(0).get("status").asText());
    }

    @Test
    void metricsCarryEachKnownCheckWithTheFixtureNodesStatus() throws Exception {
        awaitReady();
        List<String> lines = Arrays.asList(get(management("/metrics"), "text/plain; version=0.0.4").body().split("\n"));

        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"cis-1.12\",check=\"4.2.1\",severity=\"critical\",status=\"pass\",} 1.0"),
                series(lines, "check=\"4.2.1\""));
        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"nodeward-1.0\",check=\"port-10255\",severity=\"high\",status=\"fail\",} 1.0"),
                series(lines, "check=\"port-10255\""));
        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"nodeward-1.0\",check=\"port-22\",severity=\"low\",status=\"warn\",} 1.0"),
                series(lines, "check=\"port-22\""));
        assertEquals(List.of(
                "nodeward_check_result{benchmark=\"nodeward-1.0\",check=\"ssh-root-login\",severity=\"high\",status=\"fail\",} 1.0"),
                series(lines, "check=\"ssh-root-login\""));
        double scans = Double.parseDouble(lines.stream().filter(l -> l.startsWith("nodeward_scans_total "))
                .findFirst().orElseThrow().substring("nodeward_scans_total ".length()));
        assertTrue(scans >= 1, "ready means a scan finished: " + scans);
    }

    @Test
    void reportIsTheFixtureNodesJsonReport() throws Exception {
        awaitReady();

        String body = RestAssured.given().accept("application/json").get("/report")
                .then().statusCode(200).contentType("application/json").extract().asString();

        JsonNode report = new ObjectMapper().readTree(body);
        assertEquals(FixtureNodeProfile.NODE, report.get("node").asText());
        assertEquals("cis-1.12", report.get("benchmark").asText());
        JsonNode port10255 = result(report, "port-10255");
        assertEquals("FAIL", port10255.get("status").asText());
        assertEquals("/proc/1/net/tcp 0.0.0.0:10255", port10255.get("source").asText());
        assertEquals("FAIL", result(report, "ssh-root-login").get("status").asText());
    }

    private static List<String> series(List<String> lines, String checkLabel) {
        return lines.stream().filter(l -> l.startsWith("nodeward_check_result{") && l.contains(checkLabel)).toList();
    }

    private static JsonNode result(JsonNode report, String id) {
        for (JsonNode result : report.get("results")) {
            if (result.get("id").asText().equals(id)) {
                return result;
            }
        }
        return fail("no result " + id + " in " + report);
    }

    /** Polls readiness: the launcher returns once the HTTP server listens, which is before the first scan. */
    private String awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(management("/q/health/ready"), "application/json");
                if (last.statusCode() == 200) {
                    return last.body();
                }
            } catch (java.io.IOException e) {
                // management server not up yet
            }
            Thread.sleep(100);
        }
        return fail("not ready within " + READY_WITHIN + ": " + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private static URI management(String path) {
        return URI.create("http://127.0.0.1:" + FixtureNodeProfile.managementPort() + path);
    }

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
