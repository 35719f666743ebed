package io.nodeward.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build wrote into {@code nodeward-build.properties}: the version {@code nodeward version} prints. */
final class BuildInfo {

    private BuildInfo() {
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("nodeward-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nodeward-build.properties", e);
        }
        String version = properties.getProperty("version", "");
        // unfiltered (a run from the IDE's source tree): say so rather than print a placeholder
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
