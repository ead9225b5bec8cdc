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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * While ingest runs, posts single marker events of team {@code team_probe} on a schedule (about {@code target} of
 * them spread over the load, at least a second apart) and measures for each how long after its 200 rollup_model
 * counts it: the freshness a dashboard sees under load. Every probe has a model of its own, so each is
 * recognised in rollup_model whatever order the worker folds them in, and a slow probe never delays the next.
 */
final class FreshnessProbes implements Runnable {

    static final String TEAM = "team_probe";
    /**
     * The probes rollup_model holds, at any grain: the worker writes every rollup of a batch in one transaction, so
     * this is when reports can see it, whichever grains the table keeps (15-minute rows are gone from it).
     */
    private static final String COUNTED = "select distinct model from rollup_model where team_id = '" + TEAM
            + "' and model like 'probe-%' and request_count > 0";

    final List<Double> seconds = new ArrayList<>();
    volatile String lastError;

    private final HttpClient http;
    private final URI endpoint;
    private final String key;
    private final Connection db;
    private final int target;
    private final DoubleSupplier elapsedSeconds;
    private final DoubleSupplier remainingSeconds;
    private final AtomicBoolean stopPosting = new AtomicBoolean();
    private final AtomicBoolean stopAll = new AtomicBoolean();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Posted and not yet counted: model → nanoTime of the 200. */
    private final Map<String, Long> waiting = new HashMap<>();

    private int posted;
    private int sending;

    /**
     * @param elapsedSeconds how long the load has run
     * @param remainingSeconds an estimate of how long it still runs
     */
    FreshnessProbes(
            HttpClient http,
            URI api,
            String key,
            Connection db,
            int target,
            DoubleSupplier elapsedSeconds,
            DoubleSupplier remainingSeconds) {
        this.http = http;
        this.endpoint = api.resolve("/v1/usage/events");
        this.key = key;
        this.db = db;
        this.target = target;
        this.elapsedSeconds = elapsedSeconds;
        this.remainingSeconds = remainingSeconds;
    }

    /** Posts no more probes; those posted are still awaited. */
    void stopPosting() {
        stopPosting.set(true);
    }

    /** Probes posted but not counted yet (after {@link #awaitAll}: never counted). */
    synchronized int uncounted() {
        return waiting.size() + sending;
    }

    /**
     * Posts on schedule until told to stop posting, and resolves counted probes all along, until every posted one
     * is counted (or {@link #awaitAll} gives up).
     */
    @Override
    public void run() {
        try {
            long nextPost = System.nanoTime() + 2_000_000_000L; // let the load get going first
            while (!stopAll.get() && !(stopPosting.get() && uncounted() == 0)) {
                if (!stopPosting.get() && System.nanoTime() >= nextPost) {
                    post();
                    double total = elapsedSeconds.getAsDouble() + remainingSeconds.getAsDouble();
                    nextPost = System.nanoTime() + (long) (Math.max(1.0, total / target) * 1e9);
                }
                resolve();
                Thread.sleep(100);
            }
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    /** Waits for {@code thread} (running this) to see every posted probe counted, at most {@code limit}. */
    void awaitAll(Thread thread, Duration limit) throws InterruptedException {
        stopPosting.set(true);
        thread.join(limit);
        stopAll.set(true);
        thread.join();
    }

    /** Sends one probe without waiting: its clock starts when the 200 arrives. */
    private void post() {
        String model = "probe-" + run + "-" + (++posted);
        String event = "{\"request_id\":\"" + model + "\",\"occurred_at\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"team_id\":\"" + TEAM
                + "\",\"provider\":\"bench\",\"model\":\"" + model + "\",\"status\":\"success\","
                + "\"latency_ms\":100,\"input_tokens\":10,\"output_tokens\":5}\n";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        synchronized (this) {
            sending++;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answeredAt = System.nanoTime();
            synchronized (this) {
                sending--;
                if (failure == null
                        && response.statusCode() == 200
                        && response.body().contains("\"accepted\":1")) {
                    waiting.put(model, answeredAt);
                } else {
                    lastError = failure != null
                            ? "probe failed: " + failure
                            : "probe answered " + response.statusCode() + " " + response.body();
                }
            }
        });
    }

    private synchronized void resolve() throws SQLException {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(COUNTED)) {
            while (rs.next()) {
                Long answeredAt = waiting.remove(rs.getString(1));
                if (answeredAt != null) {
                    seconds.add((now - answeredAt) / 1e9);
                }
            }
        }
    }
}
