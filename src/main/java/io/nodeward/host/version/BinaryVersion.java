package io.nodeward.host.version;

import io.nodeward.host.BoundedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes version built into a kubelet or kube-apiserver binary. Kubernetes sets it at link
 * time ({@code hack/lib/version.sh}: {@code -X 'k8s.io/component-base/version.gitVersion=v1.33.2'},
 * and the same for client-go), and Go's linker stores an {@code -X} string value NUL-terminated in
 * read-only data ({@code cmd/link} {@code addstrdata} → {@code SymbolBuilder.Addstring}), unlike Go's
 * own strings, which are packed without terminators. So the version is a {@code \0v1.N.N[-suffix]\0}
 * run of bytes; the one seen most often wins (both packages carry the same one). The Go build info's
 * {@code -ldflags} setting could say it too, but cmd/go leaves it out of builds made with
 * {@code -trimpath} (go.dev/issue/52372), so the string itself is the one source every build has.
 *
 * <p>A binary is tens of megabytes: it is read in one pass, in 64 KiB blocks, at most
 * {@link #MAX_BYTES}; the caller caches the answer per file identity, so a scan reads it again only
 * after the binary changed.
 */
public final class BinaryVersion {

    /** kubelet and kube-apiserver are 60-160 MiB; a 512 MiB file is not one of them. */
    public static final long MAX_BYTES = 512L << 20;

    private static final Pattern VERSION =
            Pattern.compile("\u0000(v1\\.[0-9]{1,3}\\.[0-9]{1,4}(?:[-+][0-9A-Za-z.+-]{0,64})?)\u0000");
    /** Longer than any match, so one cut by a block boundary is found in the next window. */
    private static final int CARRY = 96;

    private BinaryVersion() {
    }

    /**
     * The version in the regular file {@code local} (a path already resolved inside the host root),
     * or empty when it has none.
     *
     * @throws IOException when it cannot be read, is not a regular file or is larger than {@link #MAX_BYTES}
     */
    public static Optional<String> find(Path local) throws IOException {
        BoundedFiles.requireRegularFile(local);
        if (Files.size(local) > MAX_BYTES) {
            throw new FileSystemException(local.toString(), null, "larger than " + MAX_BYTES + " bytes, not read");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        byte[] block = new byte[64 * 1024];
        String carry = "";
        try (InputStream in = Files.newInputStream(local, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            long total = 0;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new FileSystemException(local.toString(), null, "larger than " + MAX_BYTES + " bytes, not read");
                }
                // ISO-8859-1 maps each byte to one char, so offsets stay byte offsets
                String window = carry + new String(block, 0, n, StandardCharsets.ISO_8859_1);
                Matcher m = VERSION.matcher(window);
                while (m.find()) {
                    if (m.end() > carry.length()) { // one ending inside the carry was counted last time
                        seen.merge(m.group(1), 1, Integer::sum);
                    }
                }
                carry = window.substring(Math.max(0, window.length() - CARRY));
            }
        }
        return seen.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
