package dev.gatewayreports.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples the worker once a second while ingest runs: {@code rollup_lag_seconds} from its /q/metrics (the age of
 * the oldest pending batch, which the worker reads every {@code aggregation.backlog-refresh}, 2 s, on a timer of
 * its own), and the same age read directly from ingest_batch, which is exact at every sample.
 */
final class WorkerSampler implements Runnable {

    private static final String LAG = """
            select coalesce(extract(epoch from now() - min(received_at)), 0) from ingest_batch
            where rolled_up_at is null""";

    final List<Double> metricLag = new ArrayList<>();
    /** rollup_oldest_pending_seconds, the gauge's newer name (NaN where a worker does not have it). */
    final List<Double> oldestPending = new ArrayList<>();

    final List<Double> dbLag = new ArrayList<>();
    final List<Double> pendingBatches = new ArrayList<>();
    volatile String lastError;

    private final HttpClient http;
    private final URI metrics;
    private final Connection db;
    private final AtomicBoolean stop = new AtomicBoolean();

    WorkerSampler(HttpClient http, URI worker, Connection db) {
        this.http = http;
        this.metrics = worker.resolve("/q/metrics");
        this.db = db;
    }

    void stop() {
        stop.set(true);
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (!stop.get()) {
            try {
                String body = scrape();
                synchronized (this) {
                    metricLag.add(metric(body, "rollup_lag_seconds"));
                    oldestPending.add(metric(body, "rollup_oldest_pending_seconds"));
                    pendingBatches.add(metric(body, "rollup_pending_batches"));
                    dbLag.add(dbLag());
                }
            } catch (Exception e) {
                lastError = e.toString();
            }
            next += 1_000_000_000L;
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    String scrape() throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + metrics + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The value of an unlabelled sample in Prometheus text, NaN when absent. */
    static double metric(String body, String name) {
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    private double dbLag() throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(LAG)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
