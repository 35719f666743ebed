package io.nodeward.testing;

import io.restassured.RestAssured;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;

/** Reads {@code /metrics} as Prometheus scrapes it (text format 0.0.4, the one promtool 2.42 reads). */
public final class Scrape {

    public static final String TEXT_0_0_4 = "text/plain; version=0.0.4";

    private Scrape() {
    }

    /**
     * {@code /metrics} on the management server that serves {@code management}. Needed because
     * {@code @TestHTTPResource(management = true)} puts every path under the management root {@code /q}.
     */
    public static URL metricsOf(URL management) {
        try {
            return new URI(management.getProtocol(), null, management.getHost(), management.getPort(), "/metrics", null, null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String text(URL metrics) {
        return RestAssured.given().accept(TEXT_0_0_4).get(metrics).then().statusCode(200).extract().asString();
    }

    /** The nodeward_ lines (samples, HELP and TYPE) of a scrape. */
    public static List<String> nodewardLines(URL metrics) {
        return Arrays.stream(text(metrics).split("\n"))
                .filter(line -> line.startsWith("nodeward_") || line.startsWith("# HELP nodeward_")
                        || line.startsWith("# TYPE nodeward_"))
                .toList();
    }

    /** The samples of one family, e.g. {@code nodeward_checks}, sorted. */
    public static List<String> samples(URL metrics, String family) {
        return nodewardLines(metrics).stream()
                .filter(line -> line.startsWith(family + "{") || line.startsWith(family + " "))
                .sorted()
                .toList();
    }
}
