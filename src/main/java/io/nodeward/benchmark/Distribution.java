package io.nodeward.benchmark;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Kubernetes distribution as {@code distributions.yaml} describes it: how to recognise its nodes
 * and which benchmark audits them.
 *
 * @param id         short stable name, e.g. {@code eks}; the report's and the annotation's value
 * @param name       human name, e.g. {@code Amazon EKS}
 * @param benchmarks the distribution's own benchmark by Kubernetes minor version (e.g. {@code eks-1.7}),
 *                   empty when its nodes are audited with the CIS benchmark of {@code version-map.yaml}
 * @param markers    what the distribution's own code writes on a node; any one that holds decides
 * @param origin     where the distribution is written
 */
public record Distribution(String id, String name, Optional<VersionMap> benchmarks, List<Marker> markers, Origin origin) {

    /** The id of a node no distribution's markers recognise, audited with the generic CIS benchmark. */
    public static final String UNKNOWN = "unknown";

    public Distribution {
        markers = List.copyOf(markers);
    }

    /**
     * One piece of evidence: everything it names must hold on the node. At least one condition is given.
     *
     * @param variant which layout of the distribution it recognises, e.g. {@code AL2023 (nodeadm)}
     * @param when    a test on facts, written as a check's test, e.g. {@code kubelet.config eq /etc/kubernetes/kubelet/config.json}
     * @param program a pattern the whole {@code argv[0]} of the process running the kubelet (the kubelet itself,
     *                or k3s or kubelite embedding it) must match, e.g. {@code .*\/k3s(-agent|-server)?}
     * @param path    a host path that must exist, e.g. {@code /run/cluster-api/bootstrap-success.complete}
     * @param source  where the distribution writes what the marker looks for (repository and file), for the evidence
     */
    public record Marker(Optional<String> variant, Optional<Expectation> when, Optional<Pattern> program,
                         Optional<String> path, String source, Origin origin) {
    }
}
