package io.nodeward.host.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version such as {@code v1.33.2} or {@code v1.35.0-eks-5e0fdde}: what matters here is
 * its minor number.
 */
public record KubeVersion(String text, int major, int minor) {

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,4}(?:[-+][0-9A-Za-z.+-]*)?");

    public static Optional<KubeVersion> parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubeVersion(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /** {@code 1.33}. */
    public String minorText() {
        return major + "." + minor;
    }
}
