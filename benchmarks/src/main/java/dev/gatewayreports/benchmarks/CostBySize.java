package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import io.agroal.api.AgroalDataSource;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether a query's cost follows its buckets, not the events under them: before the main load, a tenth as many
 * events (another seed, the same window and teams) are ingested and drained, and the engine's queries are timed;
 * the query phase times them again over all the data, and each pair's p50 ratio is a row (goal ≤ 1.5).
 */
final class CostBySize {

    static final double RATIO_GOAL = 1.5;

    private final BenchArgs args;
    private final ResultsTable table;
    private final Map<String, List<Double>> small = new LinkedHashMap<>();
    private final List<Map.Entry<QueryBench.Outcome, Boolean>> large = new ArrayList<>();
    private long smallEvents;

    CostBySize(BenchArgs args, ResultsTable table) {
        this.args = args;
        this.table = table;
    }

    /** Ingests the small data set ({@code events}: seed + 1), drains it, and times the engine's queries over it. */
    void measureSmall(
            Connection db,
            HttpClient http,
            UsageEventGenerator events,
            List<String> teams,
            Instant end,
            BooleanSupplier workerAlive)
            throws SQLException, InterruptedException {
        IngestLoad load = new IngestLoad(http, args.api(), args.ingestKey(), args.parallel(), 0);
        System.out.printf("Small data set: %,d events (seed %d), ingest ...%n", args.smallEvents(), args.seed() + 1);
        load.send(events.iterator(), args.batch());
        if (load.failedBatches.get() > 0 || IngestPhase.drain(db, workerAlive) < 0) {
            System.out.println("  not measured: the small data set did not go in (see above)");
            return;
        }
        Benchmark.vacuum(db);
        smallEvents = DataFacts.number(db, "select count(*) from usage_event where org_id = '" + args.org() + "'");
        try (AgroalDataSource pool = BenchDatabase.pool(args, 2)) {
            QueryBench bench = new QueryBench(pool, args.zone(), end, args.runs(), args.budgetSeconds());
            for (Report report : Report.values()) {
                for (boolean all : new boolean[] {false, true}) {
                    List<Double> ms = bench.measureEngine(report, args.org(), all ? teams : List.of(teams.get(0)), all);
                    small.put(key(report, all), ms);
                    System.out.printf(
                            "  %s, %s: p50 %s ms%n",
                            report.title, all ? "all teams" : "one team", ResultsTable.ms(Timings.percentile(ms, 50)));
                }
            }
        }
    }

    /** One query of the query phase, over all the data, for {@link #rows}. */
    void measured(QueryBench.Outcome o, boolean all) {
        large.add(Map.entry(o, all));
    }

    /** A row per query measured at both sizes: its p50 over all the data ÷ its p50 over the small set. */
    void rows(long events) {
        for (Map.Entry<QueryBench.Outcome, Boolean> measured : large) {
            List<Double> before = small.get(key(measured.getKey().report(), measured.getValue()));
            if (before != null) {
                row(measured.getKey(), measured.getValue(), before, events);
            }
        }
    }

    private void row(QueryBench.Outcome o, boolean all, List<Double> before, long events) {
        double p50Small = Timings.percentile(before, 50);
        double p50 = Timings.percentile(o.oursMs(), 50);
        double ratio = p50 / p50Small;
        table.row(
                "scale",
                String.format(
                        "cost follows buckets: %s, %s, engine p50 at %,d → %,d events of %s",
                        o.report().title,
                        all ? "all teams" : "one team (the busiest)",
                        smallEvents,
                        events,
                        args.org()),
                String.format(
                        "p50 %s → %s ms (n=%d, %d)",
                        ResultsTable.ms(p50Small),
                        ResultsTable.ms(p50),
                        before.size(),
                        o.oursMs().size()),
                "",
                ResultsTable.ratio(ratio),
                "≤ 1.5× (same buckets, " + String.format("%.0f", (double) events / smallEvents) + "× the events)",
                ratio <= RATIO_GOAL,
                "both after a drain and a VACUUM (ANALYZE), same window and zone; the small set was ingested first"
                        + " (seed + 1)");
    }

    private static String key(Report report, boolean all) {
        return report.name() + (all ? ":all" : ":one");
    }
}
