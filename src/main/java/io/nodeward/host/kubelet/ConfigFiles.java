package io.nodeward.host.kubelet;

import io.nodeward.host.FactParseException;
import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.IoErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a component's configuration file from the host: its bytes ({@link #read}), for the
 * component's own decoding ({@link io.nodeward.host.componentconfig.ComponentConfigDecoder}), or a
 * generic YAML load into plain maps ({@link #load}) for files no component decodes by its own rules.
 * Symbolic links are followed inside the host root ({@link HostLinks}), so {@code /host/etc/x -> /etc/y} reads the
 * host's {@code /etc/y}, not the pod's.
 */
public final class ConfigFiles {

    /**
     * A kubelet configuration is a few kilobytes; anything over 1 MiB is not one, and reading it
     * whole would let a file on the node decide how much memory the agent uses.
     */
    static final int MAX_BYTES = BoundedFiles.MAX_BYTES;

    private ConfigFiles() {
    }

    /**
     * The top-level mapping of the file at {@code hostPath}. Throws {@link NoSuchFileException}
     * (message: the host path) when nothing is there, and {@link FactParseException} naming the host
     * path, and the line where there is one, for anything else: a directory, a dangling link, an
     * unreadable, oversized or malformed file, or one whose top level is not a mapping.
     */
    public static Map<String, Object> load(HostRoot root, String hostPath)
            throws NoSuchFileException, FactParseException {
        return parse(hostPath, new String(read(root, hostPath), StandardCharsets.UTF_8));
    }

    /**
     * The bytes of the file at {@code hostPath}, for a decoder that must see them as the component
     * does (invalid UTF-8 included). Throws as {@link #load} does for anything but malformed content.
     */
    public static byte[] read(HostRoot root, String hostPath) throws NoSuchFileException, FactParseException {
        HostLinks.Followed followed;
        try {
            followed = HostLinks.followCounting(root, hostPath);
        } catch (IOException e) {
            throw new FactParseException(hostPath, 0, IoErrors.describe(e));
        }
        Path local = followed.local();
        if (!Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
            if (followed.links() > 0) {
                // a link that points nowhere is a broken installation, not a missing setting
                throw new FactParseException(hostPath, 0, "dangling symbolic link to " + root.display(local));
            }
            throw new NoSuchFileException(hostPath);
        }
        if (Files.isDirectory(local)) {
            throw new FactParseException(hostPath, 0, "is a directory, not a file");
        }
        try {
            // regular files only (a FIFO would block the scan for ever), and at most MAX_BYTES
            return BoundedFiles.read(local, MAX_BYTES);
        } catch (IOException e) {
            throw new FactParseException(hostPath, 0, IoErrors.describe(e));
        }
    }

    /** Parses YAML or JSON text into its top-level mapping; pure. {@code name} is used in errors. */
    public static Map<String, Object> parse(String name, String text) throws FactParseException {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new FactParseException(name, line, "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new FactParseException(name, 0, "malformed YAML: " + e.getMessage());
        }
        if (document == null) {
            return Map.of(); // an empty file sets nothing
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new FactParseException(name, 0, "expected a mapping at the top level");
        }
        return stringKeys(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? stringKeys(m) : v));
        return out;
    }
}
