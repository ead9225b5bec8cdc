package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * While ingest runs, posts single marker events of team {@code team_probe} on a schedule (about {@code target} of
 * them spread over the load, at least a second apart) and measures two things for each, polling every 100 ms:
 *
 * <ul>
 *   <li>how long after its 200 a {@link StatsEngine} query sees it: the freshness a report sees under load. The
 *       query covers whole UTC days (at least 24 h, so over {@code raw-below} the engine reads rollups plus the
 *       events of batches the worker has not folded yet, not raw events only), grouped by model;
 *   <li>how long after its 200 rollup_model counts it: the worker's lag as one event sees it.
 * </ul>
 *
 * Every probe has a model of its own, so each is recognised whatever order the worker folds them in, and a slow
 * probe never delays the next.
 */
final class FreshnessProbes implements Runnable {

    static final String TEAM = "team_probe";
    /**
     * The probes rollup_model holds, at any grain: the worker writes every rollup of a batch in one transaction, so
     * this is when reports can see it, whichever grains the table keeps (15-minute rows are gone from it).
     */
    private static final String COUNTED = "select distinct model from rollup_model where org_id = ? and team_id = '"
            + TEAM + "' and model like 'probe-%' and request_count > 0";

    /** 200 → counted in rollup_model, per probe. */
    final List<Double> seconds = new ArrayList<>();
    /** 200 → seen by a StatsEngine query over the current UTC day (the query's own time included), per probe. */
    final List<Double> visibleSeconds = new ArrayList<>();
    /** Where the last visibility query read from: table and pieces. */
    volatile String visibleSource = "no query ran";

    volatile String lastError;

    private final HttpClient http;
    private final URI endpoint;
    private final String key;
    /** The organization of {@link #key}: team_probe is its team. */
    private final String org;

    private final Connection db;
    private final StatsEngine engine;
    /** The first whole UTC day the visibility query covers: the day the probes began. */
    private final Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS);

    private final int target;
    private final DoubleSupplier elapsedSeconds;
    private final DoubleSupplier remainingSeconds;
    private final AtomicBoolean stopPosting = new AtomicBoolean();
    private final AtomicBoolean stopAll = new AtomicBoolean();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Posted and not yet counted in rollup_model: model → nanoTime of the 200. */
    private final Map<String, Long> waiting = new HashMap<>();
    /** Posted and not yet seen by a StatsEngine query: model → nanoTime of the 200. */
    private final Map<String, Long> unseen = new HashMap<>();

    private int posted;
    private int sending;

    /**
     * @param db reads rollup_model
     * @param engine the visibility queries' engine (its own connections)
     * @param elapsedSeconds how long the load has run
     * @param remainingSeconds an estimate of how long it still runs
     */
    FreshnessProbes(
            HttpClient http,
            URI api,
            String key,
            String org,
            Connection db,
            StatsEngine engine,
            int target,
            DoubleSupplier elapsedSeconds,
            DoubleSupplier remainingSeconds) {
        this.http = http;
        this.endpoint = api.resolve("/v1/usage/events");
        this.key = key;
        this.org = org;
        this.db = db;
        this.engine = engine;
        this.target = target;
        this.elapsedSeconds = elapsedSeconds;
        this.remainingSeconds = remainingSeconds;
    }

    /** Posts no more probes; those posted are still awaited. */
    void stopPosting() {
        stopPosting.set(true);
    }

    /** Probes posted but not counted in rollup_model yet (after {@link #awaitAll}: never counted). */
    synchronized int uncounted() {
        return waiting.size() + sending;
    }

    /** Probes posted but not seen by a StatsEngine query yet (after {@link #awaitAll}: never seen). */
    synchronized int unseen() {
        return unseen.size() + sending;
    }

    /**
     * Posts on schedule until told to stop posting, and resolves seen and counted probes all along, until every
     * posted one is both (or {@link #awaitAll} gives up).
     */
    @Override
    public void run() {
        try {
            long nextPost = System.nanoTime() + 2_000_000_000L; // let the load get going first
            while (!stopAll.get() && !(stopPosting.get() && uncounted() == 0 && unseen() == 0)) {
                if (!stopPosting.get() && System.nanoTime() >= nextPost) {
                    post();
                    double total = elapsedSeconds.getAsDouble() + remainingSeconds.getAsDouble();
                    nextPost = System.nanoTime() + (long) (Math.max(1.0, total / target) * 1e9);
                }
                resolveVisible();
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
                    unseen.put(model, answeredAt);
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
        try (PreparedStatement ps = db.prepareStatement(COUNTED)) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long answeredAt = waiting.remove(rs.getString(1));
                    if (answeredAt != null) {
                        seconds.add((now - answeredAt) / 1e9);
                    }
                }
            }
        }
    }

    /**
     * One StatsEngine query over team_probe for whole UTC days (the day the probes began to the end of today),
     * grouped by model: the probes it counts are visible in reports. Timed to the query's answer, so the figure
     * includes the query's own time under load.
     */
    private synchronized void resolveVisible() {
        if (unseen.isEmpty()) {
            return;
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        StatsQuery query = new StatsQuery(
                org,
                List.of(TEAM),
                firstDay,
                end,
                ZoneOffset.UTC,
                BucketSpec.NONE,
                List.of(Dimension.MODEL),
                Map.of(),
                RawFilters.NONE,
                EnumSet.of(Measure.REQUESTS));
        StatsResult answer;
        try {
            answer = engine.execute(query);
        } catch (RuntimeException e) {
            lastError = "visibility query: " + e; // the next poll tries again
            return;
        }
        long now = System.nanoTime();
        visibleSource = String.format(
                "%s, %d rollup + %d raw pieces", answer.source(), answer.rollupPieces(), answer.rawPieces());
        for (StatsRow row : answer.rows()) {
            if (row.figures().requests() > 0) {
                Long answeredAt = unseen.remove(row.dimensions().get(0));
                if (answeredAt != null) {
                    visibleSeconds.add((now - answeredAt) / 1e9);
                }
            }
        }
    }
}
