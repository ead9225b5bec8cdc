package dev.gatewayreports.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resident memory of the services under test, read from {@code /proc/<pid>/status} once a second for the whole
 * run (VmRSS), and their high-water mark (VmHWM) at the end: run.sh starts them with the heap their manifests' limit
 * gives them, and these figures say whether they stay inside that limit.
 */
final class ServiceMemory implements Runnable {

    /** A service: its name, its process and the memory limit it runs under (0: none). */
    record Service(String name, long pid, long limitBytes) {}

    /** What was seen of one service. */
    static final class Seen {
        long maxRssBytes;
        int samples;
        long hwmBytes;
        boolean exited;
    }

    private final Map<Service, Seen> seen = new LinkedHashMap<>();

    private ServiceMemory(List<Service> services) {
        services.forEach(s -> seen.put(s, new Seen()));
    }

    static ServiceMemory start(List<Service> services) {
        ServiceMemory memory = new ServiceMemory(services);
        if (!services.isEmpty()) {
            Thread.ofPlatform().daemon().name("memory-sampler").start(memory);
        }
        return memory;
    }

    @Override
    public void run() {
        while (true) {
            sample();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        seen.forEach((service, s) -> {
            long rss = field(service.pid(), "VmRSS:");
            if (rss < 0) {
                s.exited = true;
                return;
            }
            s.samples++;
            s.maxRssBytes = Math.max(s.maxRssBytes, rss);
            s.hwmBytes = Math.max(s.hwmBytes, field(service.pid(), "VmHWM:"));
        });
    }

    /** Whether the named service is still running (true for a service that is not sampled). */
    synchronized boolean alive(String name) {
        return seen.entrySet().stream()
                .noneMatch(
                        e -> e.getKey().name().equals(name) && field(e.getKey().pid(), "VmRSS:") < 0);
    }

    /** One row per service: peak RSS against its limit. Reads VmHWM a last time first. */
    synchronized void rows(ResultsTable table) {
        sample();
        seen.forEach((service, s) -> {
            long peak = Math.max(s.hwmBytes, s.maxRssBytes);
            String limit = service.limitBytes() == 0 ? "no limit" : mib(service.limitBytes()) + " limit";
            table.row(
                    "memory",
                    String.format(
                            "%s peak RSS (VmHWM of /proc/<pid>/status; max of VmRSS sampled each second), %s",
                            service.name(),
                            service.limitBytes() == 0
                                    ? "JVM default heap"
                                    : "limit " + mib(service.limitBytes()) + " given as -XX:MaxRAM, heap 50 % of it"),
                    s.samples == 0
                            ? "not sampled"
                            : String.format("%s (VmRSS max %s, %d samples)", mib(peak), mib(s.maxRssBytes), s.samples),
                    "",
                    service.limitBytes() == 0 || s.samples == 0
                            ? ""
                            : ResultsTable.ratio((double) peak / service.limitBytes()),
                    service.limitBytes() == 0 ? "" : "≤ " + limit + " (the JVM manifest's)",
                    service.limitBytes() == 0 || s.samples == 0 ? null : peak <= service.limitBytes() && !s.exited,
                    s.exited
                            ? "EXITED during the run (an OutOfMemoryError exits it: -XX:+ExitOnOutOfMemoryError); see"
                                    + " target/logs/" + service.name() + ".log"
                            : "RSS is what a container's memory limit mostly counts (page cache aside)");
        });
    }

    /** A JVM-style size: {@code 768m}, {@code 1g}, {@code 1Gi}, {@code 805306368}; {@code none} or 0 is no limit. */
    static long bytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT).replaceAll("i?b?$", "");
        if (s.equals("none") || s.isEmpty()) {
            return 0;
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory size: " + size + " (e.g. 768m, 1g, none)");
        }
    }

    private static String mib(long bytes) {
        return String.format("%,d MiB", Math.round(bytes / 1048576.0));
    }

    /** A kB field of /proc/<pid>/status in bytes; -1 when the process is gone (or has no memory left). */
    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1; // a zombie: exited, not yet reaped
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
