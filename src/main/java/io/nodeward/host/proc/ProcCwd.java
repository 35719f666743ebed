package io.nodeward.host.proc;

import java.nio.file.Path;

/**
 * Makes a process's relative path absolute from its {@code /proc/<pid>/cwd} link (proc(5)), as read
 * by the {@link ProcessSnapshot}: a component opens a relative path from its command line against
 * its working directory. The link needs ptrace access to the process; when it could not be read, the
 * path is unknown.
 */
public final class ProcCwd {

    private ProcCwd() {
    }

    /**
     * {@code value} as an absolute, normalised host path: as it is when already absolute, else against
     * the working directory of {@code process}.
     *
     * @param what what the path is, for the reason: the flag ({@code --config}) or setting
     */
    public static String absolute(ProcessSnapshot.Entry process, String what, String value) throws Unresolved {
        if (value.startsWith("/")) {
            return Path.of(value).normalize().toString();
        }
        if (process.cwd() == null) {
            throw new Unresolved(what, value, process.cwdError());
        }
        return Path.of(process.cwd()).resolve(value).normalize().toString();
    }

    /** A relative path whose base is unknown; the message is the fact's reason. */
    public static final class Unresolved extends Exception {
        Unresolved(String what, String value, String why) {
            super("cannot resolve relative " + what + " " + value + ": " + why);
        }
    }
}
