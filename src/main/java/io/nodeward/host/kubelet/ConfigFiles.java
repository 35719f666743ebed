package io.nodeward.host.kubelet;

import io.nodeward.host.FactParseException;
import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.componentconfig.ComponentConfigDecoder;
import io.nodeward.host.componentconfig.ConfigRefused;
import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.componentconfig.DecodedConfig;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a component's configuration file from the host: its bytes ({@link #read}), and the document
 * the component makes of them ({@link #decode}, through {@link ComponentConfigDecoder}: every
 * Kubernetes configuration file nodeward reads goes through that one decoder, with its owner's rules).
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
     * The file at {@code hostPath} as the component that owns it decodes it ({@code rules}). Throws
     * {@link NoSuchFileException} (message: the host path) when nothing is there, and
     * {@link FactParseException} naming the host path, and the line where there is one, for anything
     * else: a directory, a dangling link, an unreadable or oversized file, or one the component refuses
     * (the message is its reason).
     */
    public static DecodedConfig decode(HostRoot root, String hostPath, ConfigRules rules)
            throws NoSuchFileException, FactParseException {
        byte[] bytes = read(root, hostPath);
        try {
            return ComponentConfigDecoder.decode(bytes, hostPath, rules);
        } catch (ConfigRefused e) {
            throw new FactParseException(hostPath, e.line(), e.getMessage());
        }
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
}
