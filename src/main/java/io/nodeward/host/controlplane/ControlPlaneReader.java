package io.nodeward.host.controlplane;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.Observed;
import io.nodeward.host.proc.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether this node is a control-plane node, as {@code process.kube-control-plane}: the control-plane
 * components it runs or has a static pod manifest for, e.g. {@code kube-apiserver,etcd}. Every
 * CIS 1.1, 1.2 and 3.2 check requires it, so on a worker they are SKIP with the reason "no
 * control-plane component on this node", not a row of FAILs about files a worker never has. It is a
 * {@code process.} key because it answers the same question as {@code process.kubelet} does for
 * section 4 (does the component this section audits run here?), though a manifest alone counts too.
 *
 * <p>A manifest counts as much as a process: a control-plane node whose API server is crash-looping
 * is still a control-plane node, and its files still matter. A {@code node.role} fact (produced by the
 * control-plane process reader when present) naming {@code control-plane} counts too; it is read
 * tolerantly, as only a hint: absent or unreadable, it changes nothing.
 */
public final class ControlPlaneReader implements FactReader {

    public static final String KEY = "process.kube-control-plane";

    public static final KeySpace KEYS = KeySpace.of(new KeyPattern.Fixed(KEY));

    /** The components CIS section 1 and 2 audit, in report order. */
    public static final List<String> COMPONENTS =
            List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd");

    @Override
    public String name() {
        return "controlplane";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        List<String> names = new ArrayList<>();
        List<Observed> seen = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Fact manifests = known.get("kubelet.staticPodPath");
        String manifestDir = manifests.isPresent() && !manifests.value().isBlank()
                ? manifests.value().replaceAll("/+$", "") : null;
        for (String component : COMPONENTS) {
            Fact process = known.get("process." + component);
            if (process.isPresent()) {
                names.add(component);
                seen.add(new Observed(component, "process." + component + " (pid " + process.value() + ")"));
                continue;
            }
            if (process.state() == Fact.State.ERROR) {
                unknown.add("process." + component + ": " + process.reason());
            }
            if (manifestDir != null) {
                String manifest = manifestDir + "/" + component + ".yaml";
                host.read(manifest);
                try {
                    if (Files.exists(HostLinks.follow(host.root(), manifest), LinkOption.NOFOLLOW_LINKS)) {
                        names.add(component);
                        seen.add(new Observed(component, "static pod manifest " + manifest));
                    }
                } catch (IOException e) {
                    unknown.add(IoErrors.unreadable(manifest, e));
                }
            }
        }
        // no kubelet visible where one must be (no hostPID): the process table is not the host's, so
        // "no control-plane process" proves nothing either
        Fact kubelet = known.get("process.kubelet");
        if (kubelet.state() == Fact.State.ERROR) {
            unknown.add("process.kubelet: " + kubelet.reason());
        }
        Fact role = known.get("node.role");
        if (names.isEmpty() && role.isPresent()
                && role.value().toLowerCase(Locale.ROOT).contains("control-plane")) {
            seen.add(new Observed("control-plane", "node.role (" + role.source() + ")"));
            names.add("control-plane");
        }
        if (!names.isEmpty()) {
            String all = String.join(",", names);
            String sources = String.join("; ", seen.stream().map(Observed::source).toList());
            return List.of(Fact.present(KEY, all, sources));
        }
        if (!unknown.isEmpty()) {
            return List.of(Fact.error(KEY, "cannot tell whether this is a control-plane node: "
                    + String.join("; ", unknown)));
        }
        return List.of(Fact.absent(KEY, "no control-plane component on this node (no kube-apiserver, "
                + "kube-controller-manager, kube-scheduler or etcd process"
                + (manifestDir == null ? "" : ", and no manifest for one in " + manifestDir) + ")"));
    }
}
