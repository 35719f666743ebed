package io.nodeward.host.kubelet;

import io.nodeward.host.FactParseException;
import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.IoErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a component's YAML or JSON configuration file (JSON is YAML) from the host into plain maps.
 * Symbolic links are followed inside the host root, so {@code /host/etc/x -> /etc/y} reads the
 * host's {@code /etc/y}, not the pod's.
 */
public final class ConfigFiles {

    /**
     * A kubelet configuration is a few kilobytes; anything over 1 MiB is not one, and reading it
     * whole would let a file on the node decide how much memory the agent uses.
     */
    static final int MAX_BYTES = 1 << 20;

    /** Linux gives up after 40 links (MAXSYMLINKS); so do we, which also stops link loops. */
    private static final int MAX_LINKS = 40;

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
        Followed followed;
        try {
            followed = followCounting(root, hostPath);
        } catch (IOException e) {
            throw new FactParseException(hostPath, 0, describe(e));
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
        byte[] bytes;
        try (InputStream in = Files.newInputStream(local)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new FactParseException(hostPath, 0, describe(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new FactParseException(hostPath, 0, "larger than " + MAX_BYTES + " bytes, not read");
        }
        return parse(hostPath, new String(bytes, StandardCharsets.UTF_8));
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

    /**
     * The local path of {@code hostPath} with every symbolic link on the way resolved inside the
     * host root: absolute targets restart at the root, {@code ..} never climbs above it. The last
     * component may be missing (the caller reports that).
     */
    public static Path follow(HostRoot root, String hostPath) throws IOException {
        return followCounting(root, hostPath).local();
    }

    private record Followed(Path local, int links) {
    }

    private static Followed followCounting(HostRoot root, String hostPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(hostPath));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(part);
            Path local = root.resolve("/" + String.join("/", done));
            if (Files.isSymbolicLink(local)) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemException(hostPath, null, "too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(local).toString();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> next = components(target);
                for (int i = next.size() - 1; i >= 0; i--) {
                    todo.push(next.get(i));
                }
            }
        }
        return new Followed(root.resolve("/" + String.join("/", done)), links);
    }

    private static List<String> components(String path) {
        return Arrays.asList(path.split("/"));
    }

    /** An I/O failure in words, without the local (mount-prefixed) path Java puts in messages. */
    public static String describe(IOException e) {
        return IoErrors.describe(e);
    }
}
