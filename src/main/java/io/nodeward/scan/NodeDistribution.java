package io.nodeward.scan;

/**
 * The node's distribution as a scan recognised it ({@code node.distribution}).
 *
 * @param id       its id in {@code distributions.yaml}, e.g. {@code eks}, or {@code unknown}
 * @param name     how people call it, e.g. {@code Amazon EKS}
 * @param evidence what decided it (the marker that held, and where the distribution writes that), or why
 *                 none did
 */
public record NodeDistribution(String id, String name, String evidence) {
}
