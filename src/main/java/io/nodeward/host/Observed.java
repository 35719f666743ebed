package io.nodeward.host;

/**
 * A value as it was seen, with its provenance: {@code default (config file in use)},
 * {@code config file /var/lib/kubelet/config.yaml}, {@code flag --read-only-port},
 * {@code /etc/ssh/sshd_config:14}, {@code /proc/1/net/tcp 0.0.0.0:10255} and so on.
 */
public record Observed(String value, String source) {
}
