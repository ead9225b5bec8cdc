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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * While ingest runs, posts one marker event of team {@code team_probe} at a time and measures how long after its
 * 200 the 15-minute rollup counts it: the freshness a dashboard sees under load. Spaces the probes so about
 * {@code target} of them fall inside the load, at least one second apart.
 */
final class FreshnessProbes implements Runnable {

    static final String TEAM = "team_probe";
    private static final String COUNT = "select coalesce(sum(request_count), 0) from rollup_model"
            + " where team_id = '" + TEAM + "' and grain = 900";
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    final List<Double> seconds = new ArrayList<>();
    volatile int unanswered;
    volatile String lastError;

    private final HttpClient http;
    private final URI endpoint;
    private final String key;
    private final Connection db;
    private final int target;
    private final DoubleSupplier remainingSeconds;
    private final AtomicBoolean stop = new AtomicBoolean();

    /** @param remainingSeconds an estimate of how long the load still runs */
    FreshnessProbes(HttpClient http, URI api, String key, Connection db, int target, DoubleSupplier remainingSeconds) {
        this.http = http;
        this.endpoint = api.resolve("/v1/usage/events");
        this.key = key;
        this.db = db;
        this.target = target;
        this.remainingSeconds = remainingSeconds;
    }

    void stop() {
        stop.set(true);
    }

    @Override
    public void run() {
        try {
            long expected = count();
            sleep(2_000); // let the load get going first
            while (!stop.get()) {
                long probeStart = System.nanoTime();
                if (post()) {
                    long answeredAt = System.nanoTime();
                    expected++;
                    Double took = awaitCounted(expected, answeredAt);
                    if (took == null) {
                        unanswered++;
                        expected = count();
                    } else {
                        synchronized (this) {
                            seconds.add(took);
                        }
                    }
                }
                int left = Math.max(1, target - seconds.size());
                double gap = Math.max(1.0, remainingSeconds.getAsDouble() / left);
                sleep((long) (gap * 1000) - (System.nanoTime() - probeStart) / 1_000_000);
            }
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    private boolean post() throws Exception {
        String event = "{\"request_id\":\"probe-" + UUID.randomUUID() + "\",\"occurred_at\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"team_id\":\"" + TEAM
                + "\",\"provider\":\"anthropic\",\"model\":\"claude-haiku-4-5\",\"status\":\"success\","
                + "\"latency_ms\":100,\"input_tokens\":10,\"output_tokens\":5}\n";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"accepted\":1")) {
            lastError = "probe answered " + response.statusCode() + " " + response.body();
            return false;
        }
        return true;
    }

    /** Seconds from the 200 until the rollup holds {@code expected} probe events; null after 10 minutes. */
    private Double awaitCounted(long expected, long answeredAt) throws SQLException, InterruptedException {
        while (System.nanoTime() - answeredAt < GIVE_UP.toNanos()) {
            if (count() >= expected) {
                return (System.nanoTime() - answeredAt) / 1e9;
            }
            Thread.sleep(50);
        }
        return null;
    }

    private long count() throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(COUNT)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
