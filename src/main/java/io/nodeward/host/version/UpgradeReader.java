package io.nodeward.host.version;

import io.nodeward.benchmark.ReleaseTable;
import io.nodeward.benchmark.VersionMap;
import io.nodeward.host.BoundedFiles;
import io.nodeward.host.Fact;
import io.nodeward.host.FactParseException;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.controlplane.PodManifestSchema;
import io.nodeward.host.kubelet.ConfigFiles;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Upgrade hygiene: which Kubernetes version the kubelet (and, on a control-plane node, kube-apiserver)
 * runs, how many days its minor release still gets patches ({@code kubernetes-releases.yaml}), and
 * whether the kubelet is within the version skew policy
 * (kubernetes/website {@code content/en/releases/version-skew-policy.md}: never newer than
 * kube-apiserver, at most 3 minor versions older, 2 for a kubelet older than 1.25).
 *
 * <p>The version comes from the running binary ({@link BinaryVersion}): {@code /proc/<pid>/exe}, or
 * its {@code argv[0]} when the link cannot be read (without CAP_SYS_PTRACE it cannot). That works
 * the same in the CLI and in the agent, with no API access; the Node object's
 * {@code nodeInfo.kubeletVersion} would need serve mode and says what the kubelet reported at
 * start, not what is on disk. A kube-apiserver in a static pod is read from its manifest's image
 * tag instead: its binary is inside the container image, not on the host.
 *
 * <p>A binary that is not under the host root is ABSENT (the checks SKIP, naming the path); one that
 * cannot be read or has no version in it is an ERROR.
 */
public final class UpgradeReader implements FactReader {

    public static final String KUBELET_EOL = "upgrade.kubelet.daysToEol";
    public static final String KUBELET_SKEW = "upgrade.kubelet.skew";

    public static final KeySpace KEYS = KeySpace.of(
            KeyPattern.Family.of(KeyPattern.Segment.literal("version"),
                    KeyPattern.Segment.oneOf(Set.of("kubelet", "kube-apiserver"))),
            new KeyPattern.Fixed(KUBELET_EOL), new KeyPattern.Fixed(KUBELET_SKEW));

    private final ReleaseTable releases;
    private final Clock clock;
    /** Per host path: the file's identity (inode, size, mtime) and the version found in it. */
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(Object fileKey, long size, long modified, Optional<String> version) {
    }

    public UpgradeReader(ReleaseTable releases, Clock clock) {
        this.releases = releases;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "upgrade";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public Optional<String> component(String key) {
        return Optional.of(key.equals("version.kube-apiserver") ? "kube-apiserver" : "kubelet");
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        Fact kubelet = fromBinary(host, known.get("process.kubelet"), "version.kubelet", "kubelet");
        Fact apiserver = apiserverVersion(host, known);
        return List.of(kubelet, apiserver, endOfLife(kubelet), skew(kubelet, apiserver));
    }

    private Fact apiserverVersion(HostScan host, HostFacts known) {
        String key = "version.kube-apiserver";
        Fact process = known.get("process.kube-apiserver");
        if (process.isPresent()) {
            Optional<String> pod = entry(host, process).flatMap(ProcessSnapshot.Entry::podPath);
            if (pod.isPresent()) {
                return fromManifest(host, known.get("kubelet.staticPodPath"), key);
            }
        }
        return fromBinary(host, process, key, "kube-apiserver");
    }

    private Fact fromBinary(HostScan host, Fact process, String key, String component) {
        if (process.state() == Fact.State.ABSENT) {
            return Fact.absent(key, component + " does not run on this node");
        }
        if (process.state() == Fact.State.ERROR) {
            return Fact.error(key, process.key() + ": " + process.reason());
        }
        Optional<ProcessSnapshot.Entry> entry = entry(host, process);
        if (entry.isEmpty()) {
            return Fact.error(key, "/proc/" + process.value() + " is not in the process snapshot");
        }
        if (entry.get().podPath().isPresent()) {
            return Fact.absent(key, component + " runs in a pod; its binary is in the container image, not on the host");
        }
        String pid = process.value();
        String path;
        String how;
        try {
            path = BoundedFiles.procLink(host.root(), pid + "/exe").toString();
            how = "/proc/" + pid + "/exe";
        } catch (IOException e) {
            List<String> argv = entry.get().argv();
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                return Fact.error(key, "cannot tell which binary " + component + " runs: /proc/" + pid + "/exe: "
                        + IoErrors.describe(e) + ", and its argv[0] is not an absolute path");
            }
            path = argv.get(0);
            how = "argv[0] of /proc/" + pid + "/cmdline; /proc/" + pid + "/exe: " + IoErrors.describe(e);
        }
        if (path.endsWith(" (deleted)")) {
            return Fact.error(key, path + ": the running " + component + "'s binary was replaced since it started"
                    + " (an upgrade without a restart?), so the version on disk is not the one running");
        }
        host.read(path);
        try {
            Path local = HostLinks.follow(host.root(), path);
            Optional<String> version = cachedVersion(path, local);
            if (version.isEmpty()) {
                return Fact.error(key, path + ": no Kubernetes version (v1.N.N) built into the binary");
            }
            return Fact.present(key, version.get(), path + " (" + how + ")");
        } catch (NoSuchFileException e) {
            return Fact.absent(key, path + " (" + how + ") is not visible under the host root");
        } catch (IOException e) {
            return Fact.error(key, IoErrors.unreadable(path, e));
        }
    }

    private Optional<String> cachedVersion(String path, Path local) throws IOException {
        var attributes = Files.readAttributes(local, java.nio.file.attribute.BasicFileAttributes.class);
        Cached hit = cache.get(path);
        long modified = attributes.lastModifiedTime().toMillis();
        if (hit != null && java.util.Objects.equals(hit.fileKey(), attributes.fileKey()) && hit.size() == attributes.size()
                && hit.modified() == modified) {
            return hit.version();
        }
        Optional<String> version = BinaryVersion.find(local);
        cache.put(path, new Cached(attributes.fileKey(), attributes.size(), modified, version));
        return version;
    }

    /** The image tag of the {@code kube-apiserver} container in its static pod manifest. */
    private static Fact fromManifest(HostScan host, Fact staticPodPath, String key) {
        if (!staticPodPath.isPresent()) {
            return Fact.error(key, "kube-apiserver runs in a pod, and without the kubelet's staticPodPath its manifest"
                    + " cannot be found");
        }
        String manifest = staticPodPath.value().replaceAll("/+$", "") + "/kube-apiserver.yaml";
        host.read(manifest);
        Map<String, Object> pod;
        try {
            pod = ConfigFiles.decode(host.root(), manifest, PodManifestSchema.STATIC_POD).document();
        } catch (NoSuchFileException e) {
            return Fact.error(key, "kube-apiserver runs in a pod, but " + manifest + " does not exist");
        } catch (FactParseException e) {
            return Fact.error(key, e.getMessage());
        }
        if (pod.get("spec") instanceof Map<?, ?> spec && spec.get("containers") instanceof List<?> containers) {
            for (Object c : containers) {
                if (c instanceof Map<?, ?> container && "kube-apiserver".equals(container.get("name"))
                        && container.get("image") instanceof String image) {
                    String tag = image.substring(image.lastIndexOf('/') + 1);
                    int colon = tag.indexOf(':');
                    String version = colon < 0 ? "" : tag.substring(colon + 1).replaceAll("@.*", "");
                    return KubeVersion.parse(version)
                            .map(v -> Fact.present(key, v.text(), "image " + image + " in " + manifest))
                            .orElseGet(() -> Fact.error(key, "image " + image + " in " + manifest
                                    + " has no version tag such as v1.34.1"));
                }
            }
        }
        return Fact.error(key, manifest + " has no container named kube-apiserver with an image");
    }

    private Fact endOfLife(Fact kubelet) {
        if (!kubelet.isPresent()) {
            return carry(KUBELET_EOL, kubelet);
        }
        Optional<KubeVersion> parsed = KubeVersion.parse(kubelet.value());
        if (parsed.isEmpty()) {
            return Fact.error(KUBELET_EOL, "'" + kubelet.value() + "' is not a Kubernetes version");
        }
        KubeVersion version = parsed.get();
        VersionMap.Minor minor = new VersionMap.Minor(version.major(), version.minor());
        LocalDate today = LocalDate.now(clock);
        Optional<ReleaseTable.Release> release = releases.release(minor);
        if (release.isPresent()) {
            LocalDate eol = release.get().endOfLife();
            return Fact.present(KUBELET_EOL, Long.toString(ChronoUnit.DAYS.between(today, eol)),
                    "kubelet " + version.text() + ": Kubernetes " + minor + " end of life " + eol
                            + " (kubernetes-releases.yaml), today " + today);
        }
        Optional<ReleaseTable.Release> oldest = releases.oldest();
        if (oldest.isPresent() && minor.compareTo(oldest.get().minor()) < 0) {
            // an older minor reached its end of life before the oldest listed one did
            LocalDate bound = oldest.get().endOfLife();
            return Fact.present(KUBELET_EOL, Long.toString(ChronoUnit.DAYS.between(today, bound)),
                    "kubelet " + version.text() + ": Kubernetes " + minor + " is older than every listed release; its end"
                            + " of life was before " + oldest.get().minor() + "'s, " + bound + ", today " + today);
        }
        return Fact.absent(KUBELET_EOL, "Kubernetes " + minor + " (kubelet " + version.text()
                + ") is not in kubernetes-releases.yaml" + releases.newest().map(r -> " (newest: " + r.minor() + ")").orElse(""));
    }

    private static Fact skew(Fact kubelet, Fact apiserver) {
        if (!kubelet.isPresent()) {
            return carry(KUBELET_SKEW, kubelet);
        }
        if (!apiserver.isPresent()) {
            return apiserver.state() == Fact.State.ERROR
                    ? Fact.error(KUBELET_SKEW, "the API server's version is unknown: " + apiserver.reason())
                    : Fact.absent(KUBELET_SKEW, "the API server's version is not known on this node ("
                    + apiserver.reason() + "); skew is checked on the control-plane nodes");
        }
        Optional<KubeVersion> k = KubeVersion.parse(kubelet.value());
        Optional<KubeVersion> a = KubeVersion.parse(apiserver.value());
        if (k.isEmpty() || a.isEmpty()) {
            return Fact.error(KUBELET_SKEW, "not Kubernetes versions: " + kubelet.value() + ", " + apiserver.value());
        }
        int behind = (a.get().major() - k.get().major()) * 1000 + a.get().minor() - k.get().minor();
        int allowed = k.get().major() == 1 && k.get().minor() < 25 ? 2 : 3;
        String versions = "kubelet " + kubelet.value() + " (" + kubelet.source() + "), kube-apiserver "
                + apiserver.value() + " (" + apiserver.source() + ")";
        if (behind < 0) {
            return Fact.present(KUBELET_SKEW, "newer-than-apiserver", versions + ": the kubelet is " + -behind
                    + " minor version(s) newer; it must not be newer");
        }
        if (behind > allowed) {
            return Fact.present(KUBELET_SKEW, "too-old", versions + ": the kubelet is " + behind
                    + " minor versions older; the policy allows " + allowed);
        }
        return Fact.present(KUBELET_SKEW, "within-policy", versions + ": " + behind + " minor version(s) apart, "
                + allowed + " allowed");
    }

    private static Fact carry(String key, Fact from) {
        return from.state() == Fact.State.ERROR ? Fact.error(key, from.key() + ": " + from.reason())
                : Fact.absent(key, from.key() + ": " + from.reason());
    }

    private static Optional<ProcessSnapshot.Entry> entry(HostScan host, Fact process) {
        try {
            return host.processes().entry(Integer.parseInt(process.value()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
