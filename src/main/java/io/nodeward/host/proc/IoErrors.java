package io.nodeward.host.proc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * I/O failures in words for fact reasons, without the local (mount-prefixed) path Java puts in
 * messages: the one place that turns an {@link IOException} into text, so every reader says the
 * same thing the same way.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** What went wrong, without any path: {@code no such file}, {@code permission denied}, ... */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    /**
     * A reason naming the file: {@code /proc/1/net/tcp does not exist},
     * {@code /etc/passwd: permission denied}, {@code /etc/ssh/x.conf: not a regular file (a FIFO)}.
     *
     * @param shown the host path as reports show it ({@code HostRoot.display})
     */
    public static String unreadable(String shown, IOException e) {
        return e instanceof NoSuchFileException ? shown + " does not exist" : shown + ": " + describe(e);
    }
}
