package dev.gatewayreports.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's 1-minute load average, sampled every two seconds per benchmark phase, and each phase's wall time: on
 * a shared machine the figures only mean something next to how busy it was with other work.
 */
final class MachineLoad implements Runnable {

    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    /** Wall time per phase, in nanoseconds (a phase entered twice adds up). */
    private final Map<String, Long> wall = new LinkedHashMap<>();

    private volatile String phase = "start";
    private long phaseStart = System.nanoTime();

    synchronized void phase(String name) {
        long now = System.nanoTime();
        wall.merge(phase, now - phaseStart, Long::sum);
        phaseStart = now;
        phase = name;
        System.out.printf("[%s] phase: %s%n", java.time.LocalTime.now().withNano(0), name);
    }

    /** "start 12 s, copy baseline 41 s, …" – each phase's wall time, the current one up to now. */
    synchronized String wallTimes() {
        Map<String, Long> all = new LinkedHashMap<>(wall);
        all.merge(phase, System.nanoTime() - phaseStart, Long::sum);
        List<String> parts = new ArrayList<>();
        all.forEach((name, nanos) -> parts.add(String.format("%s %,.0f s", name, nanos / 1e9)));
        return String.join(", ", parts);
    }

    static MachineLoad start() {
        MachineLoad load = new MachineLoad();
        Thread.ofPlatform().daemon().name("load-sampler").start(load);
        return load;
    }

    @Override
    public void run() {
        while (true) {
            double value = read();
            if (!Double.isNaN(value)) {
                synchronized (this) {
                    samples.computeIfAbsent(phase, p -> new ArrayList<>()).add(value);
                }
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "ingest 7.9, queries 4.1" – the mean load average of each phase. */
    synchronized String summary() {
        List<String> parts = new ArrayList<>();
        samples.forEach((name, values) -> parts.add(String.format(
                "%s %.1f",
                name, values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))));
        return String.join(", ", parts);
    }

    private static double read() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
