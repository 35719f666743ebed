package io.nodeward.benchmark;

/**
 * A benchmark, version map or waiver file is invalid. Thrown at load, never during a scan; the
 * message names the file and line, and the check when there is one, e.g.
 * {@code benchmarks/cis-1.12/4.2-kubelet.yaml:57: check 4.2.4: unknown fact key 'kubelet.readOnlyPrt'
 * (did you mean 'kubelet.readOnlyPort'?)}.
 */
public class BenchmarkException extends RuntimeException {

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
