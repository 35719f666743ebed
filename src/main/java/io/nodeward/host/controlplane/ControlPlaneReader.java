package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.embedded.EmbeddedArgs;
import io.nodeward.host.proc.CommandLineFlags;
import io.nodeward.host.proc.ProcessReader;
import io.nodeward.host.proc.ProcessSnapshot;
import io.nodeward.host.proc.ProcessTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The control plane on this node: kube-apiserver, kube-controller-manager, kube-scheduler and etcd,
 * found as static pods ({@link Placement}: a process counts only when it matches a manifest in the
 * kubelet's {@code staticPodPath}; a manifest without its process is audited from the manifest) or
 * embedded in {@code k3s server}. Needs the {@code process.*} facts of {@link ProcessReader} and the
 * {@code kubelet.staticPodPath} fact of the kubelet reader, which run first. Produces, per component:
 * <ul>
 *   <li>{@code process.<component>}: the pid of the process that matches its manifest. This replaces
 *       the process reader's fact of that name, which can only go by the program's name, so that a pod
 *       posing as the API server is never taken for it (and a replaced process errors its facts)</li>
 *   <li>{@code control-plane.<component>}: {@code running} or {@code not running}, with the manifest;
 *       an error when embedded (k3s) or unknowable; absent when the component is not on this node</li>
 *   <li>{@code <component>.<camelCaseFlag>}: its effective settings ({@link ComponentSettings})</li>
 * </ul>
 * and {@code node.role}: {@code control-plane} or {@code worker}.
 */
public final class ControlPlaneReader implements FactReader {

    public static final List<String> COMPONENTS =
            Arrays.stream(ControlPlaneComponent.values()).map(c -> c.id).toList();

    public static final String ROLE = "node.role";
    static final String NO_CONTROL_PLANE = "no control-plane component on this node";

    public static final KeySpace KEYS = declaredKeys();

    @Override
    public String name() {
        return "control-plane";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public Optional<String> component(String key) {
        int dot = key.indexOf('.');
        String head = key.substring(0, dot);
        String tail = key.substring(dot + 1);
        if (head.equals("process") || head.equals("control-plane")) {
            return Optional.of(tail);
        }
        return COMPONENTS.contains(head) ? Optional.of(head) : Optional.empty();
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        ProcessSnapshot snapshot = host.processes();
        Optional<String> unusable = snapshot.containerView().or(snapshot::listingFailure);
        StaticPods pods = staticPods(host, known.get("kubelet.staticPodPath"));
        List<Fact> facts = new ArrayList<>();
        List<String> onNode = new ArrayList<>();
        String unknown = null;
        List<Placement> placements = new ArrayList<>();
        java.util.Map<ControlPlaneComponent, EmbeddedArgs> embeddedArgs = new java.util.EnumMap<>(ControlPlaneComponent.class);
        for (ControlPlaneComponent component : ControlPlaneComponent.values()) {
            Placement placement;
            if (unusable.isPresent()) {
                placement = new Placement.Unknown(unusable.get());
            } else {
                ProcessTable table = snapshot.table();
                Optional<Integer> k3s = k3sServer(snapshot, table);
                // k3s runs no static control plane: its kubelet's (unknown) staticPodPath does not matter
                placement = pods.failure().isPresent() && k3s.isEmpty() ? new Placement.Unknown(pods.failure().get())
                        : Placement.of(component, snapshot, table, pods, k3s);
            }
            if (placement instanceof Placement.Embedded embedded) {
                EmbeddedArgs args = snapshot.entry(embedded.k3sPid())
                        .map(k3s -> EmbeddedArgs.k3sControlPlane(host, k3s, component.id))
                        .orElse(new EmbeddedArgs.Failed(ProcessReader.changedDuringScan(component.id,
                                "k3s pid " + embedded.k3sPid() + " exited")));
                embeddedArgs.put(component, args);
                if (args instanceof EmbeddedArgs.Disabled off) {
                    placement = new Placement.Disabled(off.reason());
                } else if (args instanceof EmbeddedArgs.Failed failed) {
                    placement = new Placement.Unknown(failed.reason());
                }
            }
            placements.add(placement);
            if (placement.onNode()) {
                onNode.add(component.id);
            } else if (placement instanceof Placement.Unknown u && unknown == null) {
                unknown = u.reason();
            }
        }
        ControlPlaneComponent[] components = ControlPlaneComponent.values();
        for (int i = 0; i < components.length; i++) {
            facts.addAll(facts(host, components[i], placements.get(i), onNode, embeddedArgs.get(components[i])));
        }
        facts.add(role(onNode, unknown, known.get(ProcessReader.key("kubelet"))));
        return facts;
    }

    private static StaticPods staticPods(HostScan host, Fact staticPodPath) {
        return switch (staticPodPath.state()) {
            case PRESENT -> staticPodPath.value().isEmpty() ? StaticPods.none() : StaticPods.read(host, staticPodPath.value());
            case ABSENT -> StaticPods.none(); // no kubelet, or one that runs no static pods
            case ERROR -> new StaticPods(List.of(), java.util.Map.of(),
                    Optional.of("static pod manifests unknown: kubelet.staticPodPath: " + staticPodPath.reason()));
        };
    }

    /** The pid of a {@code k3s server} process outside pods, if one runs. */
    private static Optional<Integer> k3sServer(ProcessSnapshot snapshot, ProcessTable table) {
        for (ProcessTable.EmbeddedKubelet embedded : table.embeddedKubelets()) {
            List<String> argv = snapshot.entry(embedded.pid()).map(ProcessSnapshot.Entry::argv).orElse(List.of());
            String program = argv.isEmpty() ? "" : argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
            if (program.equals("k3s-server") || program.equals("k3s") && argv.size() > 1 && argv.get(1).equals("server")) {
                return Optional.of(embedded.pid());
            }
        }
        return Optional.empty();
    }

    private static List<Fact> facts(HostScan host, ControlPlaneComponent component, Placement placement,
                                    List<String> onNode, EmbeddedArgs args) {
        String process = ProcessReader.key(component.id);
        String presence = "control-plane." + component.id;
        List<Fact> facts = new ArrayList<>();
        switch (placement) {
            case Placement.Running running -> {
                int pid = running.process().pid();
                facts.add(Fact.present(process, String.valueOf(pid), running.process().cmdlineSource()));
                facts.add(Fact.present(presence, "running", running.process().cmdlineSource()
                        + " matches static pod manifest " + running.manifest().path()));
                facts.addAll(ComponentSettings.resolve(host, component, running.process().args(),
                        Origin.running(pid, running.manifest())));
            }
            case Placement.Down down -> {
                String where = "manifest " + down.manifest().path() + " (not running)";
                facts.add(Fact.absent(process, component.id + " is not running (" + where + ")"));
                facts.add(Fact.present(presence, "not running", where));
                facts.addAll(ComponentSettings.resolve(host, component, down.manifest().asProcess().args(),
                        Origin.down(down.manifest())));
            }
            case Placement.Embedded embedded -> {
                // no process of its own: k3s's pid is not this component's (the process facts stay absent)
                String where = "embedded in k3s server (pid " + embedded.k3sPid() + ")";
                facts.add(Fact.absent(process, component.id + " runs " + where));
                facts.add(Fact.present(presence, "running", where));
                CommandLineFlags flags = ((EmbeddedArgs.Found) args).args()
                        .parse(component.booleanFlags, CommandLineFlags.ACCUMULATING);
                facts.addAll(ComponentSettings.resolve(host, component, flags, Origin.embedded(flags)));
            }
            case Placement.Disabled disabled -> {
                facts.add(Fact.absent(process, disabled.reason()));
                facts.add(Fact.absent(presence, disabled.reason()));
                settingKeys(component).forEach(k -> facts.add(Fact.absent(k, disabled.reason())));
            }
            case Placement.Unknown unknown -> {
                facts.add(Fact.error(process, unknown.reason()));
                facts.add(Fact.error(presence, unknown.reason()));
                settingKeys(component).forEach(k -> facts.add(Fact.error(k, unknown.reason())));
            }
            case Placement.Absent absent -> {
                String reason = (onNode.isEmpty() ? NO_CONTROL_PLANE
                        : "no " + component.id + " on this node (" + String.join(", ", onNode) + " run here)")
                        + absent.ignored();
                facts.add(Fact.absent(process, component.id + " is not running" + absent.ignored()));
                facts.add(Fact.absent(presence, reason));
                settingKeys(component).forEach(k -> facts.add(Fact.absent(k, reason)));
            }
        }
        return facts;
    }

    private static Fact role(List<String> onNode, String unknown, Fact kubelet) {
        if (!onNode.isEmpty()) {
            return Fact.present(ROLE, "control-plane", "runs " + String.join(", ", onNode));
        }
        if (unknown != null) {
            return Fact.error(ROLE, unknown);
        }
        if (kubelet.state() != Fact.State.ABSENT) {
            return Fact.present(ROLE, "worker", "a kubelet runs, and " + NO_CONTROL_PLANE);
        }
        return Fact.absent(ROLE, "no kubelet and " + NO_CONTROL_PLANE);
    }

    /** The setting keys reported whatever the component's state: its defaults and reported flags. */
    private static List<String> settingKeys(ControlPlaneComponent component) {
        List<String> keys = new ArrayList<>();
        component.defaults.keySet().forEach(f -> keys.add(component.key(f)));
        component.reported.forEach(f -> keys.add(component.key(f)));
        return keys;
    }

    private static KeySpace declaredKeys() {
        List<KeyPattern> patterns = new ArrayList<>();
        patterns.add(KeyPattern.Family.of(KeyPattern.Segment.literal("process"),
                KeyPattern.Segment.oneOf(Set.copyOf(COMPONENTS))));
        patterns.add(KeyPattern.Family.of(KeyPattern.Segment.literal("control-plane"),
                KeyPattern.Segment.oneOf(Set.copyOf(COMPONENTS))));
        patterns.add(new KeyPattern.Fixed(ROLE));
        patterns.add(new KeyPattern.Fixed(ComponentSettings.SECRETS_ENCRYPTION));
        for (ControlPlaneComponent component : ControlPlaneComponent.values()) {
            patterns.add(component.flagKeys());
        }
        return KeySpace.of(patterns.toArray(KeyPattern[]::new));
    }
}
