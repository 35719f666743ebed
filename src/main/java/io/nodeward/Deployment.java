package io.nodeward;

import java.util.Map;

/**
 * Where this process runs, decided once per process: serve mode produces it as a bean
 * ({@link DeploymentProducer}), the CLI builds it when it parses its settings. Everything that
 * behaves differently in a pod asks this, so the node's name, whether a kubelet must be visible, and
 * whether a cluster is at hand cannot disagree about where we are.
 *
 * <p>A pod is recognised by {@code KUBERNETES_SERVICE_HOST}, which the kubelet sets in every container
 * (unless the pod opts out of service links, which a node agent does not).
 *
 * @param mode  the agent (serve mode) or the one-shot CLI
 * @param inPod whether {@code KUBERNETES_SERVICE_HOST} is set and not blank
 */
public record Deployment(Mode mode, boolean inPod) {

    /** The variable Kubernetes sets in every container; read nowhere else. */
    static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";

    public enum Mode {
        /** Serve mode: deployed as a DaemonSet, scanning the node it runs on. */
        AGENT,
        /** {@code nodeward scan}: a tool run anywhere, on any tree ({@code --host-root}). */
        CLI,
        /** {@code nodeward cluster}: the cluster auditor, a Deployment that reads the API, no host. */
        CLUSTER
    }

    /** Serve mode in the environment {@code environment} (the process's, {@link System#getenv()}). */
    public static Deployment agent(Map<String, String> environment) {
        return new Deployment(Mode.AGENT, inPod(environment));
    }

    /** The cluster auditor in the environment {@code environment}. */
    public static Deployment cluster(Map<String, String> environment) {
        return new Deployment(Mode.CLUSTER, inPod(environment));
    }

    /** The CLI in the environment {@code environment}. */
    public static Deployment cli(Map<String, String> environment) {
        return new Deployment(Mode.CLI, inPod(environment));
    }

    private static boolean inPod(Map<String, String> environment) {
        String serviceHost = environment.get(SERVICE_HOST);
        return serviceHost != null && !serviceHost.isBlank();
    }

    /**
     * Whether this process is the agent in a pod, and so certainly on the node it describes, a node
     * whose kubelet started it: then a kubelet it cannot see means it looks at the wrong process table,
     * and the kernel's host name is the pod's, never the node's. The CLI can be pointed at any tree and
     * is as often run in a CI pod against a fixture as on a node, so it keeps the rules of a plain
     * machine even in a pod (set {@code nodeward.kubelet.expected=true} or {@code NODE_NAME} to get the
     * agent's).
     */
    public boolean agentOnItsNode() {
        return mode == Mode.AGENT && inPod;
    }
}
