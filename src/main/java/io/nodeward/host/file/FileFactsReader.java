package io.nodeward.host.file;

import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostRoot;
import io.nodeward.host.HostScan;
import io.nodeward.host.kubelet.DropInWalk;
import io.nodeward.host.proc.ProcessPaths;
import io.nodeward.host.proc.ProcessSnapshot;
import io.nodeward.host.systemd.UnitFiles;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.Observed;
import io.nodeward.host.passwd.HostAccounts;
import io.nodeward.host.proc.IoErrors;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the mode and owner of the files a benchmark checks ({@code stat(2)} of each, following
 * symlinks inside the host root), with owner names from the host's {@code /etc/passwd} and
 * {@code /etc/group} (an owner is an ERROR when either cannot be read: a number where the host has a
 * name would fail {@code root:root} falsely). Which files: {@link FileRole#ALL}. Produces {@code file.<role>.path},
 * {@code file.<role>.mode} (4-digit octal, setuid/setgid/sticky included) and
 * {@code file.<role>.owner} ({@code user:group}); each observation's source is the host path.
 *
 * <p>A role may also be a directory (etcd's data directory) or a bounded walk of one (the PKI
 * directory: every entry, or its {@code *.crt} or {@code *.key} files), see {@link FileRole}.
 *
 * <p>A missing file is ABSENT when nothing says it should be there (a systemd unit; sshd's default
 * config path when no sshd runs), but an ERROR when a running process names it: the process uses that file and we
 * cannot see it. A path a process in a pod opens (kubeadm's kube-proxy) is first found on the host
 * through its mounts ({@link ProcessPaths}); only one in the container's own image is absent.
 */
public final class FileFactsReader implements FactReader {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    /**
     * How deep a {@link FileRole.Walk} goes below its directory: kubeadm's PKI is two levels
     * ({@code pki/etcd/ca.key}); a deeper tree is not a PKI directory, and an ERROR says so.
     */
    public static final int MAX_WALK_DEPTH = 4;

    /** How many entries a walk lists: kubeadm writes 22 under pki; a thousand is not a PKI directory. */
    public static final int MAX_WALK_ENTRIES = 1000;

    /** {@code file.<role>.(path|mode|owner)} for the roles of {@link FileRole#ALL}, and no other role. */
    public static final KeySpace KEYS = KeySpace.of(KeyPattern.Family.of(KeyPattern.Segment.literal("file"),
            KeyPattern.Segment.oneOf(FileRole.ALL.stream().map(FileRole::role).collect(Collectors.toSet())),
            KeyPattern.Segment.oneOf(Set.of("path", "mode", "owner"))));

    private final List<FileRole> roles;

    public FileFactsReader() {
        this(FileRole.ALL);
    }

    public FileFactsReader(List<FileRole> roles) {
        this.roles = List.copyOf(roles);
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        HostRoot root = host.root();
        HostAccounts.FILES.forEach(host::read);
        HostAccounts accounts = HostAccounts.read(root);
        List<Fact> facts = new ArrayList<>();
        Map<String, Walked> walks = new HashMap<>(); // pki, pki-certs and pki-keys share one walk
        for (FileRole role : roles) {
            Location location = role.locator() instanceof FileRole.Walk walk
                    ? select(walk, walks.computeIfAbsent(walk.hostDirectory(), dir -> walk(host, dir)))
                    : locate(role.locator(), host, known);
            if (location instanceof Paths paths) {
                paths.hostPaths().forEach(host::read);
            }
            facts.addAll(toFacts(role.role(), stat(root, accounts, location, role.kind()), accounts));
        }
        return facts;
    }

    /** A file role's facts rest on the process that names its file, if one does. */
    @Override
    public Optional<String> component(String key) {
        for (FileRole role : roles) {
            if (!key.startsWith("file." + role.role() + ".")) {
                continue;
            }
            String process = switch (role.locator()) {
                case FileRole.FromFact from -> from.processFact();
                case FileRole.ConfigWithDropIns config -> config.processFact();
                default -> null;
            };
            if (process != null) {
                return Optional.of(process.substring(process.indexOf('.') + 1));
            }
        }
        return Optional.empty();
    }

    /** What a role's files turned out to be: stats, or why there are none, or why we cannot tell. */
    private sealed interface RoleFiles {
    }

    private record Found(List<FileStat> files) implements RoleFiles {
    }

    private record Absent(String reason) implements RoleFiles {
    }

    private record Failed(String reason) implements RoleFiles {
    }

    /** One file as stat(2) saw it; {@code path} is the host path as named. */
    private record FileStat(String path, String mode, String owner) {
    }

    /** The host paths a role names, or why it names none. */
    private sealed interface Location {
    }

    /**
     * @param whenMissing what a missing file means, given its shown path: ABSENT for a fixed path or a
     *                    unit, usually ERROR for a file a running process names
     */
    private record Paths(List<String> hostPaths, Function<String, RoleFiles> whenMissing) implements Location {
        Paths(List<String> hostPaths) {
            this(hostPaths, shown -> new Absent(shown + " does not exist"));
        }
    }

    private record Unlocated(RoleFiles why) implements Location {
    }

    private static Location locate(FileRole.Locator locator, HostScan host, HostFacts known) {
        return switch (locator) {
            case FileRole.FromFact from -> fromFact(from, known.get(from.factKey()), host, known);
            case FileRole.ConfigWithDropIns config -> configWithDropIns(config, host, known);
            case FileRole.SystemdUnit unit -> systemdUnit(unit, host);
            case FileRole.Fixed fixed -> new Paths(fixed.hostPaths());
            case FileRole.InFactDirectory in -> inFactDirectory(in, known.get(in.directoryFact()));
            case FileRole.Walk walk -> throw new IllegalStateException("walks are located in read(): " + walk);
        };
    }

    private static Location inFactDirectory(FileRole.InFactDirectory in, Fact directory) {
        return switch (directory.state()) {
            case PRESENT -> directory.value() == null || directory.value().isBlank()
                    ? new Unlocated(new Absent(in.whenUnset()))
                    : new Paths(List.of(directory.value().replaceAll("/+$", "") + "/" + in.fileName()));
            case ABSENT -> new Unlocated(new Absent(in.whenUnset()));
            case ERROR -> new Unlocated(new Failed("cannot tell which directory: " + in.directoryFact()
                    + " is unknown (" + directory.reason() + ")"));
        };
    }

    /** What a walk found: every entry in walk order (the directory first), or why there is none. */
    private sealed interface Walked {
    }

    /** @param directories whether each entry is a directory (not followed: a link to one is not) */
    private record Listed(List<String> hostPaths, List<Boolean> directories) implements Walked {
    }

    private record Unwalked(RoleFiles why) implements Walked {
    }

    /**
     * Lists {@code hostDirectory} recursively, breadth first and by name, within {@link #MAX_WALK_DEPTH}
     * and {@link #MAX_WALK_ENTRIES}. Entries are listed without following links; the directory itself
     * may be reached through links, followed inside the host root. Every directory listed is recorded
     * as read, so a key added or removed there triggers a scan.
     */
    private static Walked walk(HostScan host, String hostDirectory) {
        HostRoot root = host.root();
        host.read(hostDirectory);
        String shown = root.display(root.resolve(hostDirectory));
        Path top;
        try {
            top = HostLinks.follow(root, hostDirectory);
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                return new Unwalked(new Absent(shown + " does not exist"));
            }
            if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
                return new Unwalked(new Failed(shown + " is not a directory"));
            }
        } catch (IOException e) {
            return new Unwalked(new Failed(IoErrors.unreadable(shown, e)));
        }
        List<String> paths = new ArrayList<>(List.of(shown));
        List<Boolean> directories = new ArrayList<>(List.of(true));
        record Pending(Path local, String hostPath, int depth) {
        }
        Deque<Pending> todo = new ArrayDeque<>(List.of(new Pending(top, shown, 0)));
        while (!todo.isEmpty()) {
            Pending dir = todo.removeFirst();
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir.local())) {
                for (Path entry : listing) {
                    if (paths.size() + entries.size() >= MAX_WALK_ENTRIES) {
                        return new Unwalked(new Failed("more than " + MAX_WALK_ENTRIES + " entries under " + shown
                                + ", not walked: not a directory this check can judge"));
                    }
                    entries.add(entry);
                }
            } catch (IOException e) {
                return new Unwalked(new Failed(IoErrors.unreadable(dir.hostPath(), e)));
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path entry : entries) {
                String hostPath = dir.hostPath() + "/" + entry.getFileName();
                boolean isDirectory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                paths.add(hostPath);
                directories.add(isDirectory);
                if (isDirectory) {
                    if (dir.depth() + 1 >= MAX_WALK_DEPTH) {
                        return new Unwalked(new Failed(hostPath + " is more than " + MAX_WALK_DEPTH
                                + " levels below " + shown + ", not walked"));
                    }
                    host.read(hostPath);
                    todo.addLast(new Pending(entry, hostPath, dir.depth() + 1));
                }
            }
        }
        return new Listed(paths, directories);
    }

    /** The walk's entries a role checks: all of them, or the non-directories ending in its suffix. */
    private static Location select(FileRole.Walk walk, Walked walked) {
        if (walked instanceof Unwalked unwalked) {
            return new Unlocated(unwalked.why());
        }
        Listed listed = (Listed) walked;
        if (walk.suffix().isEmpty()) {
            return new Paths(listed.hostPaths());
        }
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < listed.hostPaths().size(); i++) {
            if (!listed.directories().get(i) && listed.hostPaths().get(i).endsWith(walk.suffix())) {
                selected.add(listed.hostPaths().get(i));
            }
        }
        if (selected.isEmpty()) {
            return new Unlocated(new Absent("no *" + walk.suffix() + " file under " + listed.hostPaths().get(0)));
        }
        return new Paths(selected);
    }

    private static Location fromFact(FileRole.FromFact from, Fact source, HostScan host, HostFacts known) {
        return switch (source.state()) {
            case PRESENT -> source.value() == null || source.value().isBlank()
                    ? new Unlocated(new Absent(from.whenUnset()))
                    : from.processMounts() ? throughMounts(from, source, host, known)
                    : new Paths(List.of(source.value()), shown -> namedButMissing(shown, source, from, host, known));
            case ABSENT -> new Unlocated(new Absent(from.whenUnset()
                    + (source.reason() == null ? "" : " (" + source.reason() + ")")));
            case ERROR -> new Unlocated(new Failed("cannot tell which file: " + from.factKey() + " is unknown ("
                    + source.reason() + ")"));
        };
    }

    /**
     * A path as the process opens it, looked up through its mounts: on the host, the host's file
     * (missing there: not visible to the agent, an ERROR); in the container's own file system, no file
     * of the node (absent, saying so); unknown, an ERROR with the reason.
     */
    private static Location throughMounts(FileRole.FromFact from, Fact source, HostScan host, HostFacts known) {
        String process = from.processFact().substring(from.processFact().indexOf('.') + 1);
        Fact running = known.get(from.processFact());
        Optional<ProcessSnapshot.Entry> entry = running.isPresent() && running.value().matches("[0-9]{1,9}")
                ? host.processes().entry(Integer.parseInt(running.value())) : Optional.empty();
        if (entry.isEmpty()) {
            // no process to look through (the fact came without one): the path as the host sees it
            return new Paths(List.of(source.value()), shown -> namedButMissing(shown, source, from, host, known));
        }
        return switch (ProcessPaths.of(host.root(), entry.get(), process, source.value())) {
            case ProcessPaths.OnHost onHost -> new Paths(List.of(onHost.hostPath()), shown -> new Failed(shown
                    + onHost.via().map(via -> " (" + via + ")").orElse("") + " is named by " + source.source()
                    + " but is not visible under the host root (not mounted?)"));
            case ProcessPaths.InContainer inContainer -> new Unlocated(new Absent(inContainer.reason()));
            case ProcessPaths.Unknown unknown -> new Unlocated(new Failed(unknown.reason()));
        };
    }

    /**
     * The kubelet's {@code --config} file and every drop-in of its {@code --config-dir}, walked as the
     * kubelet does ({@link DropInWalk}). The config file missing is an ERROR, as for any file a running
     * process names; a drop-in gone since the walk is no longer read, and is left out.
     */
    private static Location configWithDropIns(FileRole.ConfigWithDropIns role, HostScan host, HostFacts known) {
        Fact config = known.get(role.configFact());
        Fact dir = known.get(role.dropInDirFact());
        for (Fact fact : List.of(config, dir)) {
            if (fact.state() == Fact.State.ERROR) {
                return new Unlocated(new Failed("cannot tell which files: " + fact.key() + " is unknown ("
                        + fact.reason() + ")"));
            }
        }
        List<String> paths = new ArrayList<>();
        if (config.isPresent() && !config.value().isBlank()) {
            paths.add(config.value());
        }
        Set<String> dropIns = new HashSet<>();
        if (dir.isPresent() && !dir.value().isBlank()) {
            try {
                String value = dir.value();
                String normal = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                List<String> walked = DropInWalk.walk(host.root(), normal, value.endsWith("/"), host::read);
                paths.addAll(walked);
                walked.forEach(d -> dropIns.add(host.root().display(host.root().resolve(d))));
            } catch (IOException e) {
                return new Unlocated(new Failed("kubelet drop-in directory " + dir.value() + ": "
                        + IoErrors.describe(e) + " (the kubelet refuses to start on that too)"));
            }
        }
        if (paths.isEmpty()) {
            String why = dir.isPresent() && !dir.value().isBlank()
                    ? "kubelet has no --config, and its --config-dir " + dir.value() + " holds no drop-in"
                    : role.whenUnset() + (config.reason() == null ? "" : " (" + config.reason() + ")");
            return new Unlocated(new Absent(why));
        }
        FileRole.FromFact asFromFact = new FileRole.FromFact(role.configFact(), role.whenUnset(), role.processFact());
        return new Paths(paths, shown -> dropIns.contains(shown) ? GONE
                : namedButMissing(shown, config, asFromFact, host, known));
    }

    /** A drop-in removed since it was listed: it no longer configures anything, and there is nothing to check. */
    private static final Found GONE = new Found(List.of());

    /**
     * A file a running process names, missing under the host root. The process is using it, so the
     * agent does not see what the process sees: an ERROR, never a quiet SKIP. Except when the process
     * runs in a pod (its cgroup is under {@code kubepods}): then the file lives in the pod's own mount
     * namespace (kubeadm mounts kube-proxy's kubeconfig from a ConfigMap), and on the host it really
     * is absent.
     */
    private static RoleFiles namedButMissing(String shown, Fact source, FileRole.FromFact from, HostScan host,
                                             HostFacts known) {
        String process = from.processFact().substring(from.processFact().indexOf('.') + 1);
        Fact running = known.get(from.processFact());
        if (running.isPresent()) {
            Optional<String> podPath = host.processes().entry(Integer.parseInt(running.value()))
                    .flatMap(ProcessSnapshot.Entry::podPath);
            if (podPath.isPresent()) {
                return new Absent(shown + " lives in the " + process + " pod, not on the host (" + process
                        + " runs in a pod: /proc/" + running.value() + "/cgroup is " + podPath.get() + ")");
            }
        }
        return new Failed(shown + " is named by " + source.source() + " but is not visible under the host root"
                + " (not mounted?)");
    }

    /**
     * The unit file and drop-ins systemd loads for the unit ({@link UnitFiles}): absent when there is
     * no such unit or it is masked, an ERROR when a directory systemd reads cannot be listed.
     */
    private static Location systemdUnit(FileRole.SystemdUnit unit, HostScan host) {
        try {
            return switch (UnitFiles.find(host.root(), unit.unit(), host::read)) {
                case UnitFiles.Loaded loaded -> new Paths(loaded.files());
                case UnitFiles.Masked masked -> new Unlocated(new Absent(masked.reason()));
                case UnitFiles.NotFound none -> new Unlocated(new Absent(none.reason()));
            };
        } catch (IOException e) {
            return new Unlocated(new Failed("cannot tell which files systemd loads for " + unit.unit() + ": "
                    + (e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null
                    ? fse.getFile() + ": " : "") + IoErrors.describe(e)));
        }
    }

    private static RoleFiles stat(HostRoot root, HostAccounts accounts, Location location, FileRole.Kind kind) {
        if (location instanceof Unlocated unlocated) {
            return unlocated.why();
        }
        Paths paths = (Paths) location;
        List<FileStat> stats = new ArrayList<>();
        Absent missing = null;
        for (String hostPath : paths.hostPaths()) {
            RoleFiles one = statOne(root, accounts, hostPath, paths.whenMissing(), kind);
            switch (one) {
                case Failed failed -> {
                    return failed; // with one file unknown, no verdict on the role is safe
                }
                case Absent absent -> missing = missing == null ? absent : missing;
                case Found found -> stats.addAll(found.files());
            }
        }
        if (stats.isEmpty() && missing == null) {
            return new Absent("every file listed for it is gone since it was listed");
        }
        return stats.isEmpty() ? missing : new Found(stats);
    }

    private static RoleFiles statOne(HostRoot root, HostAccounts accounts, String hostPath,
                                     Function<String, RoleFiles> whenMissing, FileRole.Kind kind) {
        String shown = root.display(root.resolve(hostPath));
        try {
            Path local = HostLinks.follow(root, hostPath);
            Map<String, Object> attributes = Files.readAttributes(local, "unix:mode,uid,gid");
            int mode = (Integer) attributes.get("mode");
            boolean directory = (mode & S_IFMT) == S_IFDIR;
            if (directory && kind == FileRole.Kind.FILE) {
                return new Failed(shown + " is a directory, expected a file");
            }
            if (!directory && kind == FileRole.Kind.DIRECTORY) {
                return new Failed(shown + " is not a directory, expected one");
            }
            return new Found(List.of(new FileStat(shown, String.format("%04o", mode & 07777),
                    accounts.owner((Integer) attributes.get("uid"), (Integer) attributes.get("gid")))));
        } catch (NoSuchFileException e) {
            return danglingOrMissing(root, hostPath, shown, whenMissing);
        } catch (IOException e) {
            return new Failed(IoErrors.unreadable(shown, e));
        }
    }

    private static RoleFiles danglingOrMissing(HostRoot root, String hostPath, String shown,
                                               Function<String, RoleFiles> whenMissing) {
        try {
            if (HostLinks.isLink(root, hostPath)) {
                Path link = HostLinks.follow(root, parentOf(hostPath)).resolve(root.resolve(hostPath).getFileName());
                return new Failed(shown + " is a dangling symlink to " + Files.readSymbolicLink(link));
            }
        } catch (IOException e) {
            return new Failed(IoErrors.unreadable(shown, e));
        }
        return whenMissing.apply(shown);
    }

    private static String parentOf(String hostPath) {
        Path parent = Path.of("/").resolve(hostPath).normalize().getParent();
        return parent == null ? "/" : parent.toString();
    }

    private static List<Fact> toFacts(String role, RoleFiles outcome, HostAccounts accounts) {
        String prefix = "file." + role + ".";
        return switch (outcome) {
            case Found found -> List.of(
                    Fact.present(prefix + "path", observe(found, FileStat::path)),
                    Fact.present(prefix + "mode", observe(found, FileStat::mode)),
                    accounts.unreadable().isEmpty()
                            ? Fact.present(prefix + "owner", observe(found, FileStat::owner))
                            : Fact.error(prefix + "owner", "cannot name the owner: "
                                    + String.join("; ", accounts.unreadable())));
            case Absent absent -> List.of(Fact.absent(prefix + "path", absent.reason()),
                    Fact.absent(prefix + "mode", absent.reason()), Fact.absent(prefix + "owner", absent.reason()));
            case Failed failed -> List.of(Fact.error(prefix + "path", failed.reason()),
                    Fact.error(prefix + "mode", failed.reason()), Fact.error(prefix + "owner", failed.reason()));
        };
    }

    private static List<Observed> observe(Found found, Function<FileStat, String> value) {
        return found.files().stream().map(f -> new Observed(value.apply(f), f.path())).toList();
    }
}
