package io.nodeward.agent;

import io.nodeward.testing.ScriptedScanner;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent before and after its first scan, which this profile holds until the test lets it run. */
@QuarkusTest
@TestProfile(ScriptedScannerProfile.HoldingFirstScan.class)
class BeforeFirstScanTest {

    @Inject
    ScanScheduler scheduler;

    @Inject
    ScriptedScanner scanner;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void liveAtOnceReadyAndReportingOnlyAfterTheFirstScan() throws Exception {
        when().get(live).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("scan-scheduler"));
        when().get(ready).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("first-scan"));
        when().get("/report").then().statusCode(503)
                .contentType("application/json")
                .body("error", equalTo("no scan has finished yet; try again shortly"));

        scanner.releaseFirstScan();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (scheduler.latest().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the first scan did not finish");
            Thread.sleep(50);
        }

        when().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.scannedAt", startsWith("2023-11-14T22:13:"));
        given().accept("application/json").get("/report").then().statusCode(200);
    }
}
