package io.nodeward.host.proc;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the {@code /proc/<pid>/cwd} link (proc(5)) to make a process's relative path absolute: a
 * component opens a relative path from its command line against its working directory. The link
 * needs ptrace access to the process; when it cannot be read, the path is unknown.
 */
public final class ProcCwd {

    private ProcCwd() {
    }

    /**
     * {@code value} as an absolute, normalised host path: as it is when already absolute, else against
     * the working directory of process {@code pid}.
     *
     * @param what what the path is, for the reason: the flag ({@code --config}) or setting
     */
    public static String absolute(HostRoot root, int pid, String what, String value) throws Unresolved {
        if (value.startsWith("/")) {
            return Path.of(value).normalize().toString();
        }
        String cwdLink = "/proc/" + pid + "/cwd";
        try {
            Path cwd = BoundedFiles.procLink(root, pid + "/cwd");
            if (!cwd.isAbsolute()) {
                throw new Unresolved(what, value, cwdLink + " points to a relative path " + cwd);
            }
            return cwd.resolve(value).normalize().toString();
        } catch (IOException e) {
            throw new Unresolved(what, value, "cannot read " + cwdLink + ": " + IoErrors.describe(e));
        }
    }

    /** A relative path whose base is unknown; the message is the fact's reason. */
    public static final class Unresolved extends Exception {
        Unresolved(String what, String value, String why) {
            super("cannot resolve relative " + what + " " + value + ": " + why);
        }
    }
}
