package io.nodeward.host.embedded;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostScan;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments MicroK8s's {@code kubelite} gives the kubelet and kube-proxy it runs in its process:
 * the files named by its {@code --kubelet-args-file} and {@code --proxy-args-file} (defaults
 * {@code /var/snap/microk8s/current/args/kubelet} and {@code .../kube-proxy}, kubelite's
 * {@code NewOptions}; shipped from {@code microk8s-resources/default-args/} in canonical/microk8s).
 * kubelite's {@code ReadArgsFromFile} reads them: each line trimmed, empty and {@code #} lines
 * skipped, every {@code "} and {@code '} removed, the line split on spaces, and each part
 * {@code os.ExpandEnv}ed with the snap's environment.
 */
final class MicroK8sArgs {

    static final String SNAP_DATA = "/var/snap/microk8s/current";
    static final String SNAP_COMMON = "/var/snap/microk8s/common";
    /** The variables snapd sets for the daemon (snap(8) environment); any other expands to "". */
    private static final Map<String, String> ENVIRONMENT = Map.of("SNAP_DATA", SNAP_DATA,
            "SNAP_COMMON", SNAP_COMMON, "SNAP", "/snap/microk8s/current", "SNAP_NAME", "microk8s");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}|\\$([A-Za-z0-9_]+)");

    private MicroK8sArgs() {
    }

    static EmbeddedArgs kubelet(HostScan host, ProcessSnapshot.Entry kubelite) {
        return read(host, kubelite, "kubelet-args-file", SNAP_DATA + "/args/kubelet");
    }

    static EmbeddedArgs kubeProxy(HostScan host, ProcessSnapshot.Entry kubelite) {
        return read(host, kubelite, "proxy-args-file", SNAP_DATA + "/args/kube-proxy");
    }

    private static EmbeddedArgs read(HostScan host, ProcessSnapshot.Entry kubelite, String flag, String fallback) {
        String file = fallback;
        for (String arg : kubelite.argv().subList(1, kubelite.argv().size())) {
            if (arg.startsWith("--" + flag + "=")) {
                file = expand(arg.substring(flag.length() + 3)); // pflag: the last one wins
            }
        }
        host.read(file);
        String text;
        try {
            text = new String(BoundedFiles.readHost(host.root(), file, BoundedFiles.MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // kubelite exits when it cannot open the file (klog.Fatalf): this one is not the node's
            return new EmbeddedArgs.Failed("MicroK8s args file " + file + " does not exist");
        } catch (IOException e) {
            return new EmbeddedArgs.Failed("MicroK8s args file " + file + ": " + IoErrors.describe(e));
        }
        SourcedArgs args = new SourcedArgs();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            line = line.replace("\"", "").replace("'", "");
            for (String part : line.split(" ", -1)) {
                args.arg(expand(part), "MicroK8s " + file + ":" + (i + 1));
            }
        }
        return new EmbeddedArgs.Found(args);
    }

    /** Go's {@code os.ExpandEnv} with the snap's variables. */
    static String expand(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(ENVIRONMENT.getOrDefault(name, "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
