package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A comprehensive 7-day report of the busiest team through HTTP, timed idle, then while ingest runs sustained at half
 * the rate the load phase reached (paced, new events of the same teams inside the report's window, so the report
 * reads a growing, partly unfolded backlog), then right after ingest stops. Goal: p95 during ingest ≤ 2× idle p95.
 */
final class ReportsUnderIngest {

    static final double SLOWDOWN_GOAL = 2.0;

    private final BenchArgs args;
    private final HttpClient http;
    private final ResultsTable table;

    ReportsUnderIngest(BenchArgs args, HttpClient http, ResultsTable table) {
        this.args = args;
        this.http = http;
        this.table = table;
    }

    /**
     * @param loadRate the events/s the load phase reached; half of it is the pace here
     * @param events builds the sustained events (seed and count are set here), same teams and zone as the run
     */
    void run(
            Connection db,
            double loadRate,
            UsageEventGenerator.Builder events,
            String team,
            Instant end,
            BooleanSupplier workerAlive)
            throws SQLException, InterruptedException {
        Instant start = end.minus(Duration.ofDays(7));
        ReportBench bench = ReportBench.of(http, args, false, start, end);
        ReportBench.Request request =
                new ReportBench.Request(team + ", JSON, 7 days", args.memberToken(), team, "json");
        ReportBench.Side idle = bench.measure(request).ours();
        double rate = loadRate / 2;
        long count = Math.max(args.batch(), Math.round(rate * args.sustainSeconds()));
        IngestLoad load = new IngestLoad(http, args.api(), args.ingestKey(), args.parallel(), rate);
        UsageEventGenerator generator =
                events.seed(args.seed() + 2).events(count).window(start, end).build();
        System.out.printf(
                "Reports while %,d events go in at %,.0f events/s (half the load phase's %,.0f) for %d s ...%n",
                count, rate, loadRate, args.sustainSeconds());
        Thread ingest = Thread.ofPlatform().name("sustained-ingest").start(() -> {
            try {
                load.send(generator.iterator(), args.batch());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ReportBench.Side during = bench.series(request, ingest::isAlive);
        ingest.join();
        long[] backlog = BenchDatabase.pending(db);
        int[] n = {0};
        long afterDeadline = System.nanoTime() + args.budgetSeconds() * 1_000_000_000L;
        ReportBench.Side after = bench.series(request, () -> ++n[0] < args.runs() && System.nanoTime() < afterDeadline);
        System.out.printf(
                "  idle %s, during %s, after %s; draining %,d events ...%n",
                Benchmark.side(idle), Benchmark.side(during), Benchmark.side(after), backlog[1]);
        double drain = IngestPhase.drain(db, workerAlive);
        rows(idle, during, after, load, rate, backlog, drain);
    }

    private void rows(
            ReportBench.Side idle,
            ReportBench.Side during,
            ReportBench.Side after,
            IngestLoad load,
            double rate,
            long[] backlog,
            double drain) {
        String what = "POST /v1/reports/generate, comprehensive, 7 days ending at the data's end, busiest team, JSON";
        table.row("under ingest", what + ": idle, before", Benchmark.side(idle), "", "", "", null, error(idle));
        double idle95 = Timings.percentile(idle.ms(), 95);
        double during95 = Timings.percentile(during.ms(), 95);
        boolean ok = idle.ok() && during.ok();
        table.row(
                "under ingest",
                String.format(
                        "%s: while ingest runs at half the load phase's rate (%,.0f events/s), --sustain-seconds %d",
                        what, rate, args.sustainSeconds()),
                Benchmark.side(during),
                "",
                ok ? ResultsTable.ratio(during95 / idle95) + " of idle p95" : "",
                "p95 ≤ 2× idle p95",
                ok ? during95 <= SLOWDOWN_GOAL * idle95 : Boolean.FALSE,
                String.format(
                        "ingest achieved %,.0f events/s (%,d events in %.1f s; accepted %,d, failed batches %d),"
                                + " new events of the same teams inside the report's window; backlog when it stopped:"
                                + " %,d events in %,d batches%s",
                        load.eventsPerSecond(),
                        load.answered.get(),
                        load.seconds(),
                        load.accepted.get(),
                        load.failedBatches.get(),
                        backlog[1],
                        backlog[0],
                        error(during).isEmpty() ? "" : "; " + error(during)));
        table.row(
                "under ingest",
                what + ": right after ingest stopped, while the worker drains",
                Benchmark.side(after),
                "",
                "",
                "",
                null,
                (drain < 0
                                ? "not drained: aggregation-worker exited"
                                : String.format("the backlog drained %.1f s after these requests", drain))
                        + (error(after).isEmpty() ? "" : "; " + error(after)));
    }

    private static String error(ReportBench.Side side) {
        return side.ok() ? "" : "FAILED: " + side.error() + " (logs: target/logs/report-api.log)";
    }
}
