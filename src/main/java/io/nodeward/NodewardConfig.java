package io.nodeward;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * nodeward's configuration as one typed tree, for both modes; every key can also be set through the
 * environment ({@code nodeward.host.root} is {@code NODEWARD_HOST_ROOT}). Serve mode gets it from
 * Quarkus; the CLI builds the same tree with SmallRye Config without booting Quarkus, its options
 * on top (see {@code cli/CliConfig}), so a key means the same in both.
 */
@ConfigMapping(prefix = "nodeward")
public interface NodewardConfig {

    /**
     * What the served application is: the node agent (the DaemonSet; no arguments or {@code serve}) or the
     * cluster auditor ({@code nodeward cluster}, which sets it). Serve mode only; the CLI does not read it.
     */
    @WithDefault("agent")
    ServeMode mode();

    enum ServeMode { AGENT, CLUSTER }

    Host host();

    Scan scan();

    Benchmarks benchmarks();

    Node node();

    Publish publish();

    Kubernetes kubernetes();

    Kubelet kubelet();

    Report report();

    Cluster cluster();

    interface Host {
        /** The host's {@code /}: {@code /} on a machine, {@code /host} in the pod. */
        @WithDefault("/")
        String root();

        /** The host's {@code /proc}; defaults to {@code <root>/proc}. The pod uses hostPID, so {@code /proc}. */
        Optional<String> proc();
    }

    interface Scan {
        /** Time between periodic scans; file changes trigger scans in between. */
        @WithDefault("60s")
        Duration interval();

        /** Up to this fraction of the interval is added at random, so 5,000 nodes do not scan in step. */
        @WithDefault("0.1")
        double jitter();

        /** Quiet time after a watched file changes before the scan, so an editor's burst is one scan. */
        @WithDefault("2s")
        Duration debounce();

        /** Watch the files checks read and rescan on change. */
        @WithDefault("true")
        boolean watch();
    }

    interface Benchmarks {
        /** A directory with user benchmark folders and {@code waivers.yaml}, e.g. a mounted ConfigMap. */
        Optional<String> dir();
    }

    interface Node {
        /** The Node this agent reports on: {@code NODE_NAME} from the downward API, else the host name. */
        Optional<String> name();
    }

    interface Kubernetes {
        /**
         * The node's Kubernetes version (e.g. {@code v1.33.2}), which picks the CIS benchmark through
         * {@code benchmarks/version-map.yaml}; the map's default when unset.
         */
        Optional<String> version();
    }

    interface Kubelet {
        /**
         * Whether this node certainly runs a kubelet, so that not seeing one is an error ("is hostPID
         * set?") rather than "not running", and the CIS checks report ERROR instead of SKIP. Unset: true
         * when the agent runs in a pod ({@code KUBERNETES_SERVICE_HOST} is set), false otherwise and in
         * the CLI (see {@link Deployment#agentOnItsNode()}). Only {@code true} or {@code false}: a typo
         * fails instead of quietly meaning false.
         */
        @WithConverter(StrictBoolean.class)
        Optional<Boolean> expected();
    }

    interface Report {
        /**
         * The CLI's report format ({@code text}, {@code json} or {@code junit}; {@code --format}). Serve
         * mode's {@code /report} picks the format per request and does not read it.
         */
        @WithDefault("text")
        String format();
    }

    interface Publish {
        /** Write annotations, the condition and events to the Node; off when no cluster is configured. */
        @WithDefault("true")
        boolean enabled();

        /** First retry delay after an API error; doubles up to {@link #maxBackoff()}, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** Longest value of the {@code nodeward.io/failed} annotation; longer lists end with "…". */
        @WithDefault("1024")
        int failedAnnotationMaxLength();
    }

    /** The cluster auditor ({@code nodeward cluster}); the node agent does not read these. */
    interface Cluster {
        /** How reports name the cluster. */
        @WithDefault("cluster")
        String name();

        /** The Lease the replicas elect their leader with. */
        @WithDefault("nodeward-cluster")
        String leaseName();

        /** The Lease's namespace: the pod's ({@code POD_NAMESPACE}), else the client's namespace. */
        Optional<String> leaseNamespace();

        /** This replica's name in the Lease: the pod's ({@code POD_NAME}), else the host name. */
        Optional<String> identity();

        /** How long a leader's lease holds without renewal before another replica may take it (client-go's default). */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before it steps down (client-go's default). */
        @WithDefault("10s")
        Duration renewDeadline();

        /** Time between attempts to acquire or renew the lease (client-go's default). */
        @WithDefault("2s")
        Duration retryPeriod();

        /** Quiet time after a change before the audit, so a burst of changes (a Helm release) is one audit. */
        @WithDefault("1s")
        Duration debounce();

        /** How long the first audit waits for every informer to sync before judging what could not be read as ERROR. */
        @WithDefault("60s")
        Duration syncWait();

        /** Time between audits without a change, from the caches alone (no API request). */
        @WithDefault("5m")
        Duration reaudit();

        /** Page size of the informers' initial lists, so a large cluster is not read in one response. */
        @WithDefault("500")
        long listLimit();

        /** Most namespaces with a findings series per check; the rest are summed as namespace="_other". */
        @WithDefault("100")
        int metricsNamespaces();

        /** Most events recorded per audit; the rest follow at the next audits. */
        @WithDefault("50")
        int eventsPerAudit();

        /** Record events on the objects that start or stop failing a check. */
        @WithDefault("true")
        boolean events();
    }
}
