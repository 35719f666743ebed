package io.nodeward.report;

import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.scan.ScanReport;

import java.util.Locale;
import java.util.Optional;

/** The report's output formats, shared by the CLI ({@code --format}) and {@code GET /report}. */
public enum ReportFormat {
    TEXT("text/plain; charset=utf-8") {
        @Override
        public String render(ScanReport report) {
            return TextReport.render(report);
        }
    },
    JSON("application/json") {
        @Override
        public String render(ScanReport report) {
            return JsonReport.render(report);
        }
    },
    JUNIT("application/xml") {
        @Override
        public String render(ScanReport report) {
            return JunitReport.render(report);
        }
    };

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public abstract String render(ScanReport report);

    /** The cluster auditor's report in this format (JUnit: one test case per check, as for a node). */
    public String render(ClusterReport report) {
        return switch (this) {
            case TEXT -> ClusterTextReport.render(report);
            case JSON -> ClusterJsonReport.render(report);
            case JUNIT -> JunitReport.render(report.asScanReport());
        };
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named {@code text}, {@code json} or {@code junit}, in any case. */
    public static Optional<ReportFormat> named(String name) {
        for (ReportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
