package io.nodeward.publish.rest;

import io.nodeward.agent.ScanScheduler;
import io.nodeward.benchmark.Severity;
import io.nodeward.report.ReportFormat;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;
import io.nodeward.testing.Scrape;
import io.nodeward.testing.ScriptedScanner;
import io.nodeward.testing.ScriptedScannerProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import static io.nodeward.testing.ScriptedScanner.check;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(ScriptedScannerProfile.class)
class ReportResourceTest {

    @Inject
    ScanScheduler scheduler;

    @Inject
    ScriptedScanner scanner;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    ScanReport report;

    @BeforeEach
    void scan() throws Exception {
        scanner.results(check("4.2.1", Outcome.PASS), check("4.2.4", Outcome.FAIL, Severity.CRITICAL));
        report = scheduler.scanNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void jsonByDefault() {
        when().get("/report").then().statusCode(200)
                .contentType("application/json")
                .body(equalTo(ReportFormat.JSON.render(report)));
    }

    @Test
    void eachFormatByName() {
        given().queryParam("format", "text").get("/report").then().statusCode(200)
                .contentType("text/plain; charset=utf-8")
                .body(equalTo(ReportFormat.TEXT.render(report)));
        given().queryParam("format", "JUnit").get("/report").then().statusCode(200)
                .contentType("application/xml")
                .body(equalTo(ReportFormat.JUNIT.render(report)));
        given().queryParam("format", "json").accept("text/plain").get("/report").then().statusCode(200)
                .contentType("application/json")
                .body(equalTo(ReportFormat.JSON.render(report)));
    }

    @Test
    void eachFormatByAcceptHeader() {
        given().accept("text/plain").get("/report").then().statusCode(200)
                .body(equalTo(ReportFormat.TEXT.render(report)));
        given().accept("application/xml").get("/report").then().statusCode(200)
                .body(equalTo(ReportFormat.JUNIT.render(report)));
        given().accept("text/html;q=0.9, text/plain;q=0.5, application/json;q=0.8").get("/report").then().statusCode(200)
                .body(equalTo(ReportFormat.JSON.render(report)));
        given().accept("*/*").get("/report").then().statusCode(200)
                .body(equalTo(ReportFormat.JSON.render(report)));
    }

    @Test
    void anUnknownFormatIsABadRequestNamingTheAllowedOnes() {
        given().queryParam("format", "yaml").get("/report").then().statusCode(400)
                .contentType("application/json")
                .body("status", equalTo(400))
                .body("error", equalTo("unknown format 'yaml'; allowed: text, brief, json, junit"));
    }

    @Test
    void theReportIsOnlyOnTheMainServerAndMetricsAndHealthOnlyOnTheManagementServer() {
        URL metrics = Scrape.metricsOf(management);
        when().get(metrics.toString().replace("/metrics", "/report")).then().statusCode(404);
        when().get("/metrics").then().statusCode(404);
        when().get("/q/metrics").then().statusCode(404);
        when().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void anUnacceptableMediaTypeIsNotAcceptable() {
        given().accept("image/png").get("/report").then().statusCode(406)
                .contentType("application/json")
                .body("status", equalTo(406));
    }
}
