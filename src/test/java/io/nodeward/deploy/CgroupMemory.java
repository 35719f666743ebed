package io.nodeward.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The memory controller of one container's cgroup, as the kernel accounts it (Documentation/admin-guide/
 * cgroup-v1/memory.rst, cgroup-v2.rst), on either cgroup version.
 *
 * <ul>
 * <li>{@code anon}: anonymous memory (heap, metaspace, thread stacks, malloc): what cannot be reclaimed
 *     and so what an OOM kill is about (v1 {@code total_rss}, v2 {@code anon}).</li>
 * <li>{@code workingSet}: usage less inactive file pages, the kubelet's container_memory_working_set_bytes
 *     and what it evicts on.</li>
 * <li>{@code peak}: the highest usage the kernel saw (v1 {@code memory.max_usage_in_bytes}, v2
 *     {@code memory.peak}); it counts page cache, which the kernel reclaims at the limit rather than
 *     killing, so it may reach the limit without harm.</li>
 * </ul>
 */
final class CgroupMemory {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final Path dir;
    private final boolean v2;

    CgroupMemory(String cgroupPath) {
        this.v2 = Files.exists(ROOT.resolve("cgroup.controllers"));
        Path base = v2 ? ROOT : ROOT.resolve("memory");
        this.dir = base.resolve(cgroupPath.replaceFirst("^/", ""));
    }

    record Sample(long anon, long workingSet) {
    }

    long limit() {
        return number(v2 ? "memory.max" : "memory.limit_in_bytes");
    }

    long peak() {
        return number(v2 ? "memory.peak" : "memory.max_usage_in_bytes");
    }

    /** OOM kills in this cgroup so far (v1 memory.oom_control, v2 memory.events). */
    long oomKills() {
        return keyed(v2 ? "memory.events" : "memory.oom_control").getOrDefault("oom_kill", 0L);
    }

    Sample sample() {
        Map<String, Long> stat = keyed("memory.stat");
        long usage = number(v2 ? "memory.current" : "memory.usage_in_bytes");
        long inactiveFile = stat.getOrDefault(v2 ? "inactive_file" : "total_inactive_file", 0L);
        long anon = stat.getOrDefault(v2 ? "anon" : "total_rss", 0L);
        return new Sample(anon, Math.max(0, usage - inactiveFile));
    }

    private long number(String file) {
        String text = read(file).strip();
        return "max".equals(text) ? Long.MAX_VALUE : Long.parseLong(text);
    }

    private Map<String, Long> keyed(String file) {
        Map<String, Long> values = new HashMap<>();
        read(file).lines().map(l -> l.split(" ")).filter(f -> f.length == 2)
                .forEach(f -> values.put(f[0], Long.parseLong(f[1])));
        return values;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the (empty, container-less) cgroup directories runc left for this path and its parent. */
    static void remove(String cgroupPath) {
        Path relative = Path.of(cgroupPath.replaceFirst("^/", ""));
        try (var children = Files.list(ROOT)) {
            // cgroup v2: the one hierarchy at the root; v1: one hierarchy per controller below it.
            for (Path controller : java.util.stream.Stream.concat(java.util.stream.Stream.of(ROOT), children).toList()) {
                for (Path p = controller.resolve(relative); p.startsWith(controller) && !p.equals(controller); p = p.getParent()) {
                    p.toFile().delete();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
