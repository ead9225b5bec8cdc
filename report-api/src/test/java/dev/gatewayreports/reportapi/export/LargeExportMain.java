package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM by {@link LargeExportTest} ({@code java -Xmx256m}): builds a report whose {@code daily_trend}
 * or {@code slow_requests} section has N rows, exports it as XLSX and as CSV, and prints one line with the time,
 * size and peak heap in use of each export (sampled every millisecond: how full the collector let the heap get,
 * garbage included; the heap that the report object itself holds is printed after building it). Passing with
 * {@code -Xmx256m} is the proof; try a smaller {@code -Xmx} by hand to see the margin. Usage: {@code LargeExportMain <daily_trend|slow_requests> <rows> <dir>}.
 */
public final class LargeExportMain {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MB = 1024 * 1024;
    private static final AtomicLong PEAK = new AtomicLong();

    private LargeExportMain() {}

    public static void main(String[] args) throws IOException {
        String section = args[0];
        int rows = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        startSampling();
        long start = System.nanoTime();
        JsonNode report = report(section, rows);
        long buildMs = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long treeHeap = usedHeap();
        StringBuilder line = new StringBuilder("LARGE_EXPORT section=" + section + " rows=" + rows);
        line.append(" max_heap_mb=").append(Runtime.getRuntime().maxMemory() / MB);
        line.append(" build_ms=")
                .append(buildMs)
                .append(" heap_after_build_mb=")
                .append(treeHeap / MB);
        export(report, dir.resolve("large.xlsx"), true, line);
        export(report, dir.resolve("large.csv"), false, line);
        System.out.println(line);
    }

    private static void export(JsonNode report, Path file, boolean xlsx, StringBuilder line) throws IOException {
        System.gc();
        PEAK.set(0);
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            if (xlsx) {
                XlsxReportWriter.write(SampleReports.typed(report), out);
            } else {
                CsvReportWriter.write(SampleReports.typed(report), out);
            }
        }
        String name = xlsx ? "xlsx" : "csv";
        line.append(' ').append(name).append("_ms=").append((System.nanoTime() - start) / 1_000_000);
        line.append(' ').append(name).append("_bytes=").append(Files.size(file));
        line.append(' ').append(name).append("_peak_heap_mb=").append(PEAK.get() / MB);
    }

    static JsonNode report(String section, int rows) {
        ObjectNode report = NODES.objectNode()
                .put("report_type", "usage")
                .put("team_id", "team_big")
                .put("timezone", "UTC")
                .put("generated_at", "2024-12-26T10:00:03Z")
                .put("period_start", "2000-01-01T00:00:00Z")
                .put("period_end", LocalDate.of(2000, 1, 1).plusDays(rows) + "T00:00:00Z");
        ArrayNode array = report.putObject("data").putArray(section);
        for (int i = 0; i < rows; i++) {
            array.add(section.equals("daily_trend") ? dailyRow(i) : slowRow(i));
        }
        return report;
    }

    private static ObjectNode dailyRow(int i) {
        long requests = 100_000L + i;
        return NODES.objectNode()
                .put("date", LocalDate.of(2000, 1, 1).plusDays(i).toString())
                .put("requests", requests)
                .put("successful_requests", requests - i % 100)
                .put("errors", i % 100)
                .put("error_rate", BigDecimal.valueOf(i % 10_000, 2))
                .put("credits", BigDecimal.valueOf(123_456_789L + i, 6))
                .put("cost_usd", BigDecimal.valueOf(1_234_567L + i, 6))
                .put("input_tokens", 10_000_000L + i)
                .put("output_tokens", 1_000_000L + i)
                .put("cache_read_input_tokens", i)
                .put("cache_creation_5m_input_tokens", 0)
                .put("cache_creation_1h_input_tokens", 0)
                .put("total_tokens", 11_000_000L + 3L * i);
    }

    private static ObjectNode slowRow(int i) {
        return NODES.objectNode()
                .put("request_id", "req_" + Long.toHexString(0x1_0000_0000L + i))
                .put("occurred_at", Instant.ofEpochSecond(1_700_000_000L + i).toString())
                .put("provider", i % 2 == 0 ? "anthropic" : "openai")
                .put("model", i % 2 == 0 ? "claude-sonnet-4" : "gpt-4o")
                .put("latency_ms", BigDecimal.valueOf(3_000_000L - i, 1))
                .put("status", i % 7 == 0 ? "error" : "success");
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Samples the heap in use every millisecond, keeping the largest value since the last reset. */
    private static void startSampling() {
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK.accumulateAndGet(usedHeap(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
    }
}
