package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import dev.gatewayreports.model.stats.StatsEngine;
import io.agroal.api.AgroalDataSource;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sustained ingest through the real endpoint while the worker folds, the lag is sampled and freshness probes run;
 * then the drain of whatever the worker had not folded when ingest ended. Adds its rows to the table.
 */
final class IngestPhase {

    private static final Duration DRAIN_LIMIT = Duration.ofHours(2);

    private final BenchArgs args;
    private final HttpClient http;
    private final ResultsTable table;
    private final BooleanSupplier workerAlive;

    IngestPhase(BenchArgs args, HttpClient http, ResultsTable table, BooleanSupplier workerAlive) {
        this.args = args;
        this.http = http;
        this.table = table;
        this.workerAlive = workerAlive;
    }

    /** Runs the load and the drain, adds the rows; answers the ingest rate (events/s end to end). */
    double run(Connection db, UsageEventGenerator generator, CopyBaseline.Result copy) throws Exception {
        IngestLoad load = new IngestLoad(http, args.api(), args.ingestKey(), args.parallel(), 0);
        long foldedBefore = BenchDatabase.folded(db);
        try (Connection samplerDb = BenchDatabase.connect(args);
                Connection probeDb = BenchDatabase.connect(args);
                AgroalDataSource probePool = BenchDatabase.pool(args, 1)) {
            WorkerSampler sampler = new WorkerSampler(http, args.worker(), samplerDb);
            FreshnessProbes probes = new FreshnessProbes(
                    http,
                    args.api(),
                    args.probeKey(),
                    args.probeOrg(),
                    probeDb,
                    new StatsEngine(probePool, StatsEngine.Limits.DEFAULT),
                    args.probes(),
                    load::seconds,
                    () -> remaining(load));
            Thread samplerThread = Thread.ofPlatform().name("lag-sampler").start(sampler);
            Thread probeThread = Thread.ofPlatform().name("freshness-probes").start(probes);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
            progress.scheduleAtFixedRate(() -> progress(load, sampler), 10, 10, TimeUnit.SECONDS);
            System.out.printf(
                    "Ingesting %,d events (batches of %,d, %d in flight) ...%n",
                    args.events(), args.batch(), args.parallel());
            load.send(generator.iterator(), args.batch());
            progress.shutdownNow();
            long foldedAtEnd = BenchDatabase.folded(db);
            long[] pendingAtEnd = BenchDatabase.pending(db);
            sampler.stop();
            probes.stopPosting();
            samplerThread.join();
            System.out.printf(
                    "Ingest done in %.1f s; %,d events (%,d batches) still pending; draining ...%n",
                    load.seconds(), pendingAtEnd[1], pendingAtEnd[0]);
            double drainSeconds = drain(db, workerAlive);
            System.out.printf("Drained in %.1f s%n", drainSeconds);
            probes.awaitAll(probeThread, Duration.ofMinutes(1));
            ingestRows(load, copy);
            workerRows("worker", load, sampler, foldedAtEnd - foldedBefore, pendingAtEnd, drainSeconds);
            freshnessRow(probes);
            return load.eventsPerSecond();
        }
    }

    /**
     * Live ingest: the same full-rate load, but every event stamped with the moment its batch is built, as a gateway
     * sends its traffic, instead of a backfill of the data window compressed into minutes (the load phase, where a
     * 50,000-event claim spans about 1.5 days and folds into one rollup row per few events). Samples the lag the
     * same way, then drains; adds the rows "live ingest".
     */
    void live(Connection db, UsageEventGenerator generator) throws Exception {
        IngestLoad load = new IngestLoad(http, args.api(), args.ingestKey(), args.parallel(), 0);
        long foldedBefore = BenchDatabase.folded(db);
        try (Connection samplerDb = BenchDatabase.connect(args)) {
            WorkerSampler sampler = new WorkerSampler(http, args.worker(), samplerDb);
            Thread samplerThread = Thread.ofPlatform().name("lag-sampler").start(sampler);
            System.out.printf(
                    "Live ingest: %,d events stamped with their send time (batches of %,d, %d in flight) ...%n",
                    generator.events(), args.batch(), args.parallel());
            Iterator<GeneratedEvent> events = generator.iterator();
            load.send(
                    new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return events.hasNext();
                        }

                        @Override
                        public GeneratedEvent next() {
                            return events.next().occurredAt(Instant.now());
                        }
                    },
                    args.batch());
            long foldedAtEnd = BenchDatabase.folded(db);
            long[] pendingAtEnd = BenchDatabase.pending(db);
            sampler.stop();
            samplerThread.join();
            double drainSeconds = drain(db, workerAlive);
            System.out.printf(
                    "Live ingest done in %.1f s (%,.0f events/s); drained %,d events in %.1f s%n",
                    load.seconds(), load.eventsPerSecond(), pendingAtEnd[1], drainSeconds);
            table.row(
                    "live ingest",
                    "POST /v1/usage/events at full rate, every event stamped with the time its batch is sent",
                    String.format(
                            "%,.0f events/s (%,d events in %.1f s)",
                            load.eventsPerSecond(), load.answered.get(), load.seconds()),
                    "",
                    "",
                    "",
                    null,
                    String.format(
                            "accepted %,d, duplicates %,d, rejected %,d, failed batches %d; after every other phase,"
                                    + " so the tables hold the whole data set",
                            load.accepted.get(), load.duplicates.get(), load.rejected.get(), load.failedBatches.get()));
            workerRows("live ingest", load, sampler, foldedAtEnd - foldedBefore, pendingAtEnd, drainSeconds);
        }
    }

    private double remaining(IngestLoad load) {
        long posted = load.posted.get();
        if (posted == 0) {
            return 20;
        }
        return load.seconds() * (args.events() - posted) / posted;
    }

    private void progress(IngestLoad load, WorkerSampler sampler) {
        double lag;
        synchronized (sampler) {
            lag = sampler.dbLag.isEmpty() ? Double.NaN : sampler.dbLag.get(sampler.dbLag.size() - 1);
        }
        System.out.printf(
                "  %,d / %,d events answered, %,.0f events/s, rollup lag %.1f s%n",
                load.answered.get(), args.events(), load.eventsPerSecond(), lag);
    }

    /** Seconds until no batch is pending; -1 when the worker exited first (the backlog stays). */
    static double drain(Connection db, BooleanSupplier workerAlive) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        while (BenchDatabase.pending(db)[0] > 0) {
            if (!workerAlive.getAsBoolean()) {
                System.out.println("aggregation-worker exited: the backlog is not drained");
                return -1;
            }
            if (System.nanoTime() - start > DRAIN_LIMIT.toNanos()) {
                throw new IllegalStateException("the worker did not drain the backlog in " + DRAIN_LIMIT);
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void ingestRows(IngestLoad load, CopyBaseline.Result copy) {
        double rate = load.eventsPerSecond();
        table.row(
                "ingest",
                String.format(
                        "POST /v1/usage/events, NDJSON batches of %,d, %d in flight", args.batch(), args.parallel()),
                String.format("%,.0f events/s (%,d events in %.1f s)", rate, load.answered.get(), load.seconds()),
                String.format(
                        "%,.0f rows/s: one COPY of the first %,d events into a table with one btree (team_id,"
                                + " occurred_at)",
                        copy.rowsPerSecond(), copy.rows()),
                ResultsTable.ratio(rate / copy.rowsPerSecond()),
                "≥ 100,000 events/s",
                rate >= 100_000,
                String.format(
                        "accepted %,d, duplicates %,d, rejected %,d, failed batches %d, retries %d; %,.0f bytes/event"
                                + " of NDJSON; generation and JSON encoding included",
                        load.accepted.get(),
                        load.duplicates.get(),
                        load.rejected.get(),
                        load.failedBatches.get(),
                        load.retries.get(),
                        (double) load.bodyBytes.get() / Math.max(1, load.posted.get())));
    }

    private void workerRows(
            String phase,
            IngestLoad load,
            WorkerSampler sampler,
            long foldedDuring,
            long[] pendingAtEnd,
            double drainSeconds) {
        double duringRate = foldedDuring / load.seconds();
        table.row(
                phase,
                "events folded per second while ingest ran",
                String.format("%,.0f events/s (%,d events)", duringRate, foldedDuring),
                "",
                "",
                "",
                null,
                String.format(
                        "backlog when ingest ended: %,d events in %,d batches", pendingAtEnd[1], pendingAtEnd[0]));
        table.row(
                phase,
                "drain after ingest (backlog ÷ time until no batch is pending)",
                pendingAtEnd[1] == 0
                        ? "no backlog"
                        : drainSeconds < 0
                                ? "not drained: aggregation-worker exited"
                                : String.format(
                                        "%,.0f events/s (%,d events in %.1f s)",
                                        pendingAtEnd[1] / drainSeconds, pendingAtEnd[1], drainSeconds),
                "",
                "",
                "",
                null,
                "the worker alone, no concurrent ingest");
        List<Double> metric;
        List<Double> gauge;
        List<Double> exact;
        synchronized (sampler) {
            metric = List.copyOf(sampler.metricLag);
            gauge = List.copyOf(sampler.oldestPending);
            exact = List.copyOf(sampler.dbLag);
        }
        table.row(
                phase,
                String.format(
                        "rollup lag during ingest, rollup_lag_seconds from /q/metrics (%d samples, 1/s)",
                        metric.size()),
                String.format("max %.1f s, p95 %.1f s", Timings.max(metric), Timings.percentile(metric, 95)),
                "",
                "",
                "",
                null,
                "the worker reads this gauge every 2 s on its own timer (aggregation.backlog-refresh), drains or not;"
                        + (gauge.stream().allMatch(v -> v.isNaN())
                                ? " no rollup_oldest_pending_seconds gauge"
                                : String.format(
                                        " rollup_oldest_pending_seconds (same samples): max %.1f s, p95 %.1f s",
                                        Timings.max(gauge), Timings.percentile(gauge, 95)))
                        + (sampler.lastError == null ? "" : "; sampler error: " + sampler.lastError));
        double exact95 = Timings.percentile(exact, 95);
        table.row(
                phase,
                "rollup lag during full-rate ingest, age of the oldest pending ingest_batch (same samples)",
                String.format("max %.1f s, p95 %.1f s", Timings.max(exact), exact95),
                "",
                "",
                "p95 ≤ 5 s",
                exact.isEmpty() ? null : exact95 <= 5.0,
                "read from the database at each sample: the truth the gauges approximate; the worker's"
                        + " BacklogHealthCheck (rollup-backlog in /q/health/well) turns DOWN past"
                        + " aggregation.max-pending-age");
    }

    private void freshnessRow(FreshnessProbes probes) {
        List<Double> visible;
        List<Double> counted;
        synchronized (probes) {
            visible = List.copyOf(probes.visibleSeconds);
            counted = List.copyOf(probes.seconds);
        }
        String error = probes.lastError == null ? "" : "; error: " + probes.lastError;
        double max = Timings.max(visible);
        table.row(
                "worker",
                String.format(
                        "worker lag as a probe sees it: 200 of a single event → counted in rollup_model (any grain), %d"
                                + " probes",
                        counted.size()),
                String.format(
                        "p50 %.2f s, p95 %.2f s, max %.2f s",
                        Timings.percentile(counted, 50), Timings.percentile(counted, 95), Timings.max(counted)),
                "",
                "",
                "",
                null,
                (probes.uncounted() == 0 ? "" : probes.uncounted() + " probes never counted; ")
                        + "information: reports no longer wait for it (the engine reads pending batches)");
        table.row(
                "freshness",
                String.format(
                        "visible in reports (StatsEngine, 1-day window): 200 of a single event → a StatsEngine query"
                                + " over team_probe's whole UTC day, by model, counts it; %d probes posted while"
                                + " ingest ran",
                        visible.size()),
                String.format(
                        "p50 %.2f s, p95 %.2f s, max %.2f s",
                        Timings.percentile(visible, 50), Timings.percentile(visible, 95), max),
                "",
                "",
                "≤ 5 s (every probe)",
                !visible.isEmpty() && max <= 5.0 && probes.unseen() == 0,
                (probes.unseen() == 0 ? "" : probes.unseen() + " probes never seen; ")
                        + "polled every 100 ms, timed to the query's answer (its own time included); last query: "
                        + probes.visibleSource + error);
    }
}
