package dev.gatewayreports.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's 1-minute load average, sampled every two seconds per benchmark phase: on a shared machine the
 * figures only mean something next to how busy it was with other work.
 */
final class MachineLoad implements Runnable {

    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private volatile String phase = "start";

    void phase(String name) {
        phase = name;
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
