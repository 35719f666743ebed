package io.nodeward.publish.metrics;

import io.micrometer.core.instrument.Tags;
import io.nodeward.scan.CheckResult;

/**
 * The labels of one check's {@code nodeward_check_result} series. A check has exactly one series;
 * when any label (its status, above all) changes, the old series is removed and this one added.
 */
record CheckSeries(String check, String benchmark, String severity, String status) {

    static CheckSeries of(CheckResult result) {
        return new CheckSeries(result.id(), result.benchmark(), result.severity().label(), result.status().label());
    }

    /** Identifies the check across scans: the same ID may appear in two benchmarks. */
    String key() {
        return benchmark + '\u0000' + check;
    }

    Tags tags() {
        return Tags.of("check", check, "benchmark", benchmark, "severity", severity, "status", status);
    }
}
