package io.nodeward.host.embedded;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.IoErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * k3s's configuration file and its drop-ins, flattened into the flags k3s prepends to its command
 * line, as {@code readConfigFile} in k3s {@code pkg/configfilearg/parser.go} does: the file (default
 * {@code /etc/rancher/k3s/config.yaml}), then every {@code *.yaml}/{@code *.yml} in {@code <file>.d/}
 * in name order; a key seen again replaces the earlier value, except a key ending in {@code +}, whose
 * values are appended to it. A list value is one flag per item. Neither the file nor a drop-in
 * existing is not an error (k3s then runs on its command line alone).
 */
final class K3sConfig {

    /** One flag from a config file: its name, value and the file that set it. */
    record Entry(String name, String value, String file) {
    }

    private K3sConfig() {
    }

    /**
     * The flags the config file {@code file} and its drop-ins set, in k3s's order.
     *
     * @throws IOException with a message naming the file, when one exists but cannot be read or parsed
     */
    static List<Entry> read(HostScan host, String file) throws IOException {
        List<String> files = new ArrayList<>(dropIns(host, file + ".d"));
        host.read(file);
        if (Files.exists(HostLinks.follow(host.root(), file))) {
            files.add(0, file);
        }
        Map<String, List<Entry>> values = new LinkedHashMap<>(); // first-seen key order, as keyOrder
        for (String path : files) {
            for (Map.Entry<?, ?> item : load(host, path).entrySet()) {
                String key = String.valueOf(item.getKey());
                boolean append = key.endsWith("+");
                String name = append ? key.substring(0, key.length() - 1) : key;
                List<Entry> entries = new ArrayList<>();
                if (item.getValue() instanceof List<?> list) {
                    list.forEach(v -> entries.add(new Entry(name, String.valueOf(v), path)));
                } else {
                    entries.add(new Entry(name, item.getValue() == null ? "" : String.valueOf(item.getValue()), path));
                }
                List<Entry> before = values.get(name);
                if (append && before != null) {
                    before.addAll(entries);
                } else if (before != null) {
                    before.clear();
                    before.addAll(entries);
                } else {
                    values.put(name, entries);
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        values.values().forEach(out::addAll);
        return out;
    }

    /** {@code dotDFiles}: the directory's {@code .yaml}/{@code .yml} files (any case), sorted by name. */
    private static List<String> dropIns(HostScan host, String dir) throws IOException {
        host.read(dir);
        Path local = HostLinks.follow(host.root(), dir);
        if (!Files.isDirectory(local)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new IOException(dir + ": " + IoErrors.describe(e), e);
        }
        names.sort(null); // os.ReadDir sorts by file name
        return names.stream().map(n -> dir + "/" + n).toList();
    }

    private static Map<?, ?> load(HostScan host, String path) throws IOException {
        host.read(path);
        String text;
        try {
            text = new String(BoundedFiles.readHost(host.root(), path, BoundedFiles.MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of(); // removed since the listing
        } catch (IOException e) {
            throw new IOException(path + ": " + IoErrors.describe(e), e);
        }
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IOException(path + ": malformed YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IOException(path + ": expected a mapping at the top level");
        }
        return map;
    }
}
