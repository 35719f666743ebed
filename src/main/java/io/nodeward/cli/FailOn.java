package io.nodeward.cli;

import io.nodeward.benchmark.Severity;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import io.nodeward.scan.ScanReport;

import java.util.Locale;
import java.util.Optional;

/**
 * When {@code scan} fails a pipeline: {@code --fail-on SEVERITY} exits with {@code --exit-code}
 * (default 1) when a check of that severity or worse FAILs ({@code any}: any FAIL); with
 * {@code --fail-on-error}, an ERROR does too, whatever its severity (a check that could not read its
 * input proves nothing). WARN (unscored) and SKIP never do. Without either option findings do not
 * change the exit code.
 *
 * @param threshold the least severity that fails, empty for none
 * @param onError   whether an ERROR fails
 * @param exitCode  the exit code of a failing scan, 1 to 125
 */
record FailOn(Optional<Severity> threshold, boolean onError, int exitCode) {

    static final FailOn NEVER = new FailOn(Optional.empty(), false, 1);

    /**
     * @param level {@code critical}, {@code high}, {@code medium}, {@code low} or {@code any}; null when not given
     * @throws CliSettings.UsageException for another level or an exit code outside 1–125
     */
    static FailOn of(String level, boolean onError, int exitCode) {
        if (exitCode < 1 || exitCode > 125) {
            // 0 would pass the pipeline; 126 and up mean "not executable", "not found" and signals to shells
            throw new CliSettings.UsageException("--exit-code must be between 1 and 125, not " + exitCode);
        }
        if (level == null) {
            return new FailOn(Optional.empty(), onError, exitCode);
        }
        Severity threshold = switch (level.toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            case "any" -> Severity.INFO;
            default -> throw new CliSettings.UsageException("--fail-on must be critical, high, medium, low or any,"
                    + " not '" + level + "'");
        };
        return new FailOn(Optional.of(threshold), onError, exitCode);
    }

    /** The exit code for {@code report}: {@link #exitCode} when it fails, else 0. */
    int exitCodeFor(ScanReport report) {
        return report.results().stream().anyMatch(this::fails) ? exitCode : 0;
    }

    private boolean fails(CheckResult result) {
        if (result.status() == Outcome.ERROR) {
            return onError;
        }
        // Severity is declared worst first: CRITICAL has the lowest ordinal
        return result.status() == Outcome.FAIL && threshold.isPresent()
                && result.severity().ordinal() <= threshold.get().ordinal();
    }
}
