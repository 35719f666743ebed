package io.nodeward.testing;

import io.restassured.RestAssured;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** One sample line of a scrape: the series' name (as queried, e.g. with {@code _total}) and its labels. */
    public record Series(String name, Map<String, String> labels) {
    }

    /** Every sample of a scrape (all families, not only nodeward_), in order. */
    public static List<Series> series(String exposition) {
        List<Series> series = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                series.add(parse(line));
            }
        }
        return series;
    }

    /** {@code name{a="x",b="y\"z",} value}: label values may hold escaped quotes, commas and braces. */
    static Series parse(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            return new Series(line.substring(0, space), Map.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String name = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return new Series(line.substring(0, brace), labels);
    }
}
