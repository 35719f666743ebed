package io.nodeward.scan;

/**
 * How one fact reader did in one scan, for {@code nodeward_reader_success{reader}} and
 * {@code nodeward_reader_duration_seconds{reader}}.
 *
 * @param reader  the reader's name, e.g. {@code kubelet}
 * @param success whether it returned its facts; false when it threw, and then every key it declares is an ERROR
 * @param seconds how long it took
 * @param failure what it threw, or null
 */
public record ReaderRun(String reader, boolean success, double seconds, String failure) {
}
