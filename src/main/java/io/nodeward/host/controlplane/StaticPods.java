package io.nodeward.host.controlplane;

import io.nodeward.host.FactParseException;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.kubelet.ConfigFiles;
import io.nodeward.host.proc.IoErrors;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The control-plane static pod manifests in the kubelet's {@code staticPodPath}, read the way the
 * kubelet's file source does ({@code pkg/kubelet/config/file.go} extractFromDir): every entry of the
 * directory whose name does not start with a dot, whatever its extension, sub-directories skipped
 * ("not recursing into manifest path"); or the one file, when the path is a file.
 *
 * @param manifests the control-plane manifests, by file name
 * @param broken    why a manifest that looks like a component's by its file name could not be read,
 *                  by component: that component's facts are errors, not "not running"
 * @param failure   why the path could not be listed at all, if it could not
 */
record StaticPods(List<StaticPodManifest> manifests, Map<String, String> broken, Optional<String> failure) {

    /** More files than any kubelet's manifest directory holds: the rest are not read. */
    static final int MAX_FILES = 64;

    static StaticPods none() {
        return new StaticPods(List.of(), Map.of(), Optional.empty());
    }

    static StaticPods read(HostScan host, String staticPodPath) {
        host.read(staticPodPath);
        List<String> files = new ArrayList<>();
        try {
            Path local = HostLinks.follow(host.root(), staticPodPath);
            if (!Files.exists(local)) {
                return none(); // the kubelet creates nothing here and runs no static pod
            }
            if (Files.isRegularFile(local)) {
                files.add(staticPodPath);
            } else if (Files.isDirectory(local)) {
                TreeSet<String> names = new TreeSet<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (!name.startsWith(".") && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                            names.add(name);
                        }
                    }
                }
                if (names.size() > MAX_FILES) {
                    return failed("static pod path " + staticPodPath + " holds " + names.size()
                            + " files, more than the " + MAX_FILES + " nodeward reads");
                }
                String dir = staticPodPath.endsWith("/") ? staticPodPath : staticPodPath + "/";
                names.forEach(name -> files.add(dir + name));
            }
        } catch (IOException e) {
            return failed("static pod path " + staticPodPath + ": " + IoErrors.describe(e));
        }
        List<StaticPodManifest> manifests = new ArrayList<>();
        Map<String, String> broken = new LinkedHashMap<>();
        for (String file : files) {
            host.read(file);
            try {
                StaticPodManifest.of(file, ConfigFiles.decode(host.root(), file, PodManifestSchema.STATIC_POD).document())
                        .ifPresent(manifests::add);
            } catch (NoSuchFileException gone) {
                // removed since the listing: the kubelet no longer runs it either
            } catch (FactParseException e) {
                String name = Path.of(file).getFileName().toString();
                for (String component : ControlPlaneReader.COMPONENTS) {
                    if (name.contains(component)) {
                        broken.putIfAbsent(component, "static pod manifest " + e.getMessage());
                    }
                }
            }
        }
        return new StaticPods(manifests, broken, Optional.empty());
    }

    private static StaticPods failed(String reason) {
        return new StaticPods(List.of(), Map.of(), Optional.of(reason));
    }

    /** The manifests that run {@code component}. */
    List<StaticPodManifest> of(String component) {
        return manifests.stream().filter(m -> m.component().equals(component)).toList();
    }
}
