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
    /** Only what needs action (FAIL, WARN, ERROR), and the counts on one line: for a terminal or a CI log. */
    BRIEF("text/plain; charset=utf-8") {
        @Override
        public String render(ScanReport report) {
            return TextReport.brief(report);
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

    /** The cluster auditor's report in this format (brief and JUnit: the results alone, as for a node). */
    public String render(ClusterReport report) {
        return switch (this) {
            case TEXT -> ClusterTextReport.render(report);
            case BRIEF -> TextReport.brief(report.asScanReport());
            case JSON -> ClusterJsonReport.render(report);
            case JUNIT -> JunitReport.render(report.asScanReport());
        };
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named {@code text}, {@code brief}, {@code json} or {@code junit}, in any case. */
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
