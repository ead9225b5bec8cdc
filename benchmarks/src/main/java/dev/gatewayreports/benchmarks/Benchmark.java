package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import io.agroal.api.AgroalDataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One run over one data set, our paths against the naive baseline measured in the same run: the COPY baseline, a
 * small data set whose engine queries are timed (cost against data size), sustained ingest through report-api with
 * the worker folding (throughput, lag, freshness as reports see it), then the five report queries for one team and
 * for all teams through StatsEngine and through naive SQL over raw events, then report generation through HTTP
 * against a second report-api that reads raw events only, then a 7-day report idle, during ingest at half the load
 * phase's rate and right after; then live ingest (events stamped as they are sent) with the worker's lag; at the end
 * bytes per event and the services' peak memory. Prints one Markdown table and writes it to
 * {@code <work-dir>/results.md}. run.sh starts the services and calls this.
 */
public final class Benchmark {

    static final double QUERY_GOAL_MS = 50;
    static final double DAILY_SPEEDUP_GOAL = 100;
    static final double REPORT_GOAL_MS = 100;
    static final double BYTES_PER_EVENT_GOAL = 500;

    private final BenchArgs args;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ResultsTable table = new ResultsTable();
    private final List<String> plans = new ArrayList<>();
    private final MachineLoad load = MachineLoad.start();
    private final CostBySize costBySize;

    private Benchmark(BenchArgs args) {
        this.args = args;
        this.costBySize = new CostBySize(args, table);
    }

    public static void main(String[] args) throws Exception {
        BenchArgs parsed;
        try {
            parsed = BenchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchArgs.USAGE);
            System.exit(2);
            return;
        }
        new Benchmark(parsed).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(args.workDir());
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> teams = teamIds(args.teams());
        UsageEventGenerator generator = events(teams)
                .seed(args.seed())
                .events(args.events())
                .window(end.minus(Duration.ofDays(args.days())), end)
                .build();
        ServiceMemory memory = ServiceMemory.start(args.services());
        BooleanSupplier workerAlive = () -> memory.alive("aggregation-worker");
        try (Connection db = BenchDatabase.connect(args)) {
            List<DataFacts.Fact> machine = DataFacts.machine(db);
            ensurePartitions(db, end);
            load.phase("copy baseline");
            long copyRows = Math.min(args.copyEvents(), args.events());
            System.out.printf("COPY baseline: %,d events into a scratch table ...%n", copyRows);
            CopyBaseline.Result copy = CopyBaseline.run(
                    db, generator.iterator(), copyRows, args.workDir().resolve("copy-baseline.tsv"));
            System.out.printf("  %,.0f rows/s%n", copy.rowsPerSecond());
            if (args.smallEvents() > 0) {
                load.phase("small data set");
                costBySize.measureSmall(
                        db,
                        http,
                        events(teams)
                                .seed(args.seed() + 1)
                                .events(args.smallEvents())
                                .window(end.minus(Duration.ofDays(args.days())), end)
                                .build(),
                        teams,
                        end,
                        workerAlive);
            }
            load.phase("ingest and drain");
            double ingestRate = new IngestPhase(args, http, table, workerAlive).run(db, generator, copy);
            load.phase("vacuum");
            vacuum(db);
            load.phase("queries");
            long oneEvents = teamEvents(db, args.org(), teams.get(0), end);
            queries(db, teams, end, oneEvents);
            load.phase("reports");
            reports(db, teams, end, oneEvents);
            if (args.sustainSeconds() > 0 && args.memberToken() != null) {
                load.phase("reports under ingest");
                new ReportsUnderIngest(args, http, table)
                        .run(db, ingestRate, events(teams), teams.get(0), end, workerAlive);
            } else {
                System.out.println("Reports under ingest not timed: --sustain-seconds 0 or no BENCH_MEMBER_TOKEN");
            }
            if (args.liveEvents() > 0) {
                load.phase("live ingest");
                new IngestPhase(args, http, table, workerAlive)
                        .live(
                                db,
                                events(teams)
                                        .seed(args.seed() + 3)
                                        .events(args.liveEvents())
                                        .window(end.minusSeconds(1), end)
                                        .build());
            }
            DataFacts.Storage storage =
                    DataFacts.bytesPerEvent(db, DataFacts.number(db, "select count(*) from usage_event"));
            table.row(
                    "storage",
                    "bytes per event: every table of the schema (heap + indexes + TOAST, partitions under their"
                            + " parent) ÷ usage_event rows, at the end of the run",
                    storage.figure(),
                    "",
                    "",
                    "≤ 500 B",
                    storage.bytesPerEvent() <= BYTES_PER_EVENT_GOAL,
                    storage.tables());
            memory.rows(table);
            machine.forEach(f -> table.fact("machine", f.name(), f.value()));
            table.fact("machine", "load average (1 min), mean per phase", load.summary());
            table.fact(
                    "machine", "wall time per phase (the last one up to the storage and data rows)", load.wallTimes());
            DataFacts.data(db).forEach(f -> table.fact("data", f.name(), f.value()));
        }
        write(end);
    }

    /** The run's generator settings: its teams and zone; seed, size and window are set per use. */
    private UsageEventGenerator.Builder events(List<String> teams) {
        return UsageEventGenerator.builder().teams(teams).zone(args.zone());
    }

    static List<String> teamIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(String.format("team_%02d", i));
        }
        return ids;
    }

    /**
     * The daily partitions of the data window, made before ingest as in steady state (report-api makes them from
     * yesterday to a week ahead). Without this, a 30-day backfill makes one per new day during ingest, and each
     * waits for an exclusive lock on usage_event behind the worker's open fold transaction, stalling all ingest.
     */
    private void ensurePartitions(Connection db, Instant end) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select usage_event_ensure_partitions(?::date, ?::date)")) {
            ps.setString(
                    1, end.minus(Duration.ofDays(args.days() + 1)).toString().substring(0, 10));
            ps.setString(2, end.plus(Duration.ofDays(1)).toString().substring(0, 10));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.printf("Made %d daily partitions for the data window before ingest%n", rs.getInt(1));
            }
        }
    }

    /** What autovacuum would have done by the time anyone reads reports; both paths profit alike. */
    static void vacuum(Connection db) throws SQLException {
        System.out.println("VACUUM (ANALYZE) of events and rollups ...");
        long t = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("vacuum (analyze) usage_event, usage_event_key, ingest_batch, "
                    + String.join(", ", DataFacts.rollupTables(db)));
        }
        System.out.printf("  %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private void queries(Connection db, List<String> teams, Instant end, long oneEvents) throws SQLException {
        String one = teams.get(0);
        try (AgroalDataSource pool = BenchDatabase.pool(args, 2)) {
            QueryBench bench = new QueryBench(pool, args.zone(), end, args.runs(), args.budgetSeconds());
            for (Report report : Report.values()) {
                for (boolean all : new boolean[] {false, true}) {
                    String scope = all
                            ? String.format("all %d teams", teams.size())
                            : String.format("one team (%s, the busiest: %,d events in 30 days)", one, oneEvents);
                    System.out.printf("Query %s, %s ...%n", report.title, scope);
                    QueryBench.Outcome o = all
                            ? bench.measure(report, scope, args.org(), teams, true)
                            : bench.measure(report, scope, args.org(), List.of(one), false);
                    queryRow(o, all);
                    costBySize.measured(o, all);
                }
            }
        }
        costBySize.rows(DataFacts.number(db, "select count(*) from usage_event where org_id = '" + args.org() + "'"));
    }

    /**
     * POST /v1/reports/generate through HTTP: a comprehensive 30-day report of the busiest team (JSON, XLSX, CSV) and
     * of all teams (JSON), against our report-api and, as baseline, a second report-api reading raw events only.
     */
    private void reports(Connection db, List<String> teams, Instant end, long oneEvents)
            throws SQLException, InterruptedException {
        if (args.memberToken() == null || args.adminToken() == null) {
            System.out.println("Report generation not timed: BENCH_MEMBER_TOKEN or BENCH_ADMIN_TOKEN is not set");
            return;
        }
        String one = teams.get(0);
        Instant start = end.minus(Duration.ofDays(30));
        ReportBench bench = ReportBench.of(http, args, true, start, end);
        ReportBench.Totals oneTruth = truth(db, args.org(), List.of(one), start, end);
        ReportBench.Totals allTruth = truth(db, args.org(), teams, start, end);
        String oneScope = String.format("%s (the busiest: %,d events)", one, oneEvents);
        String allScope = String.format("team_id all (%d teams, org_admin)", teams.size());
        reportRow(
                bench.measure(new ReportBench.Request(oneScope + ", JSON", args.memberToken(), one, "json")), oneTruth);
        reportRow(
                bench.measure(new ReportBench.Request(allScope + ", JSON", args.adminToken(), "all", "json")),
                allTruth);
        reportRow(bench.measure(new ReportBench.Request(oneScope + ", XLSX", args.memberToken(), one, "xlsx")), null);
        reportRow(bench.measure(new ReportBench.Request(oneScope + ", CSV", args.memberToken(), one, "csv")), null);
    }

    /** Request count and USD sum of the teams' events in the window, straight from usage_event (untimed). */
    private static ReportBench.Totals truth(Connection db, String org, List<String> teams, Instant start, Instant end)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select count(*), sum(cost_usd) from usage_event"
                + " where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?")) {
            ps.setString(1, org);
            ps.setArray(2, db.createArrayOf("text", teams.toArray()));
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal cost = rs.getBigDecimal(2);
                return new ReportBench.Totals(
                        rs.getLong(1), cost == null ? null : cost.setScale(6, RoundingMode.HALF_EVEN));
            }
        }
    }

    /**
     * @param truth the window's figures from usage_event, for JSON reports (which carry the p95 < 100 ms goal); null
     *     for exports
     */
    private void reportRow(ReportBench.Outcome o, ReportBench.Totals truth) {
        ReportBench.Side ours = o.ours();
        ReportBench.Side base = o.baseline();
        double ours50 = Timings.percentile(ours.ms(), 50);
        double base50 = base == null ? Double.NaN : Timings.percentile(base.ms(), 50);
        String check;
        if (!ours.ok() || (base != null && !base.ok())) {
            List<String> failures = new ArrayList<>();
            if (!ours.ok()) {
                failures.add("ours " + ours.error());
            }
            if (base != null && !base.ok()) {
                failures.add("raw-only " + base.error());
            }
            check = "FAILED: " + String.join("; ", failures) + " (logs: target/logs/report-api*.log)";
        } else if (truth != null) {
            ReportBench.Totals mine = ReportBench.Totals.of(ours.body());
            ReportBench.Totals theirs = base == null ? null : ReportBench.Totals.of(base.body());
            boolean sqlAgrees = mine.sameAs(truth);
            check = (theirs == null
                            ? "no baseline API; ours " + mine
                            : mine.sameAs(theirs)
                                    ? "summaries agree (" + mine + ")"
                                    : "SUMMARIES DIFFER: ours " + mine + ", raw-only " + theirs)
                    + (sqlAgrees ? "; = count(*), sum(cost_usd) of usage_event" : "; BUT usage_event has " + truth);
        } else {
            check = String.format("%,d bytes", ours.body().length)
                    + (base == null
                            ? ""
                            : ReportBench.sameBytes(ours.body(), base.body())
                                    ? ", identical bodies"
                                    : String.format(", raw-only %,d bytes", base.body().length));
        }
        if (!ours.warmup().isEmpty()) {
            List<Double> warm = ours.warmup();
            check += String.format(
                    "; ours timed after %d untimed requests: %s ms%s",
                    warm.size(),
                    String.join(
                            ", ", warm.stream().limit(12).map(ResultsTable::ms).toList()),
                    warm.size() > 12 ? ", …" : "");
        }
        table.row(
                "report",
                "POST /v1/reports/generate, comprehensive, 30 days, "
                        + o.request().title(),
                side(ours),
                base == null ? "no raw-only report-api (--raw-api)" : side(base) + ", engine reading raw events only",
                base == null || !ours.ok() || !base.ok() ? "" : ResultsTable.ratio(base50 / ours50),
                truth == null ? "" : "p95 < 100 ms",
                truth == null ? null : ours.ok() && Timings.percentile(ours.ms(), 95) < REPORT_GOAL_MS,
                check);
        System.out.printf("  ours %s, raw-only %s; %s%n", side(ours), base == null ? "–" : side(base), check);
    }

    static String side(ReportBench.Side s) {
        if (!s.ok()) {
            return s.error().startsWith("HTTP ") ? s.error().substring(0, 8) : "failed";
        }
        return "p50 " + ResultsTable.ms(Timings.percentile(s.ms(), 50)) + " / p95 "
                + ResultsTable.ms(Timings.percentile(s.ms(), 95)) + " ms (n=" + s.ms().size() + ")";
    }

    private static long teamEvents(Connection db, String org, String team, Instant end) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select count(*) from usage_event"
                + " where org_id = ? and team_id = ? and occurred_at >= ? and occurred_at < ?")) {
            ps.setString(1, org);
            ps.setString(2, team);
            ps.setTimestamp(3, Timestamp.from(end.minus(Duration.ofDays(30))));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void queryRow(QueryBench.Outcome o, boolean all) {
        double ours50 = Timings.percentile(o.oursMs(), 50);
        double ours95 = Timings.percentile(o.oursMs(), 95);
        double base50 = Timings.percentile(o.baselineMs(), 50);
        double base95 = Timings.percentile(o.baselineMs(), 95);
        double speedup = base50 / ours50;
        boolean daily = o.report() == Report.DAILY_TREND && all;
        boolean met = ours95 < QUERY_GOAL_MS && (!daily || speedup >= DAILY_SPEEDUP_GOAL) && o.countsAgree();
        table.row(
                "query",
                o.report().title + ", " + o.scope(),
                "p50 " + ResultsTable.ms(ours50) + " / p95 " + ResultsTable.ms(ours95) + " ms (n="
                        + o.oursMs().size() + ")",
                "p50 " + ResultsTable.ms(base50) + " / p95 " + ResultsTable.ms(base95) + " ms (n="
                        + o.baselineMs().size() + ")",
                ResultsTable.ratio(speedup),
                daily ? "p95 < 50 ms, ≥ 100× (p50)" : "p95 < 50 ms",
                met,
                o.check());
        System.out.printf(
                "  ours p50 %s / p95 %s ms, naive p50 %s / p95 %s ms, %s; %s%n",
                ResultsTable.ms(ours50),
                ResultsTable.ms(ours95),
                ResultsTable.ms(base50),
                ResultsTable.ms(base95),
                ResultsTable.ratio(speedup),
                o.check());
        if (o.plan() != null) {
            plans.add("### " + o.report().title + ", " + o.scope() + ": p95 " + ResultsTable.ms(ours95) + " ms\n\n```\n"
                    + o.plan() + "```\n");
        }
    }

    private void write(Instant end) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "Run %sof %s at %s: %,d events, %d teams, %d days ending %s, seed %d, zone %s; per query one warm-up"
                        + " run, then %d timed runs (at least 5, none started after %d s; per report request at"
                        + " least 3, after %d untimed ones to our report-api and one to the raw-only one); all-teams"
                        + " queries %s; %s; %s; database %s.%n%n",
                args.label().isBlank() ? "" : "'" + args.label() + "' ",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                args.revision(),
                args.events(),
                args.teams(),
                args.days(),
                end,
                args.seed(),
                args.zone(),
                args.runs(),
                args.budgetSeconds(),
                args.reportWarmup(),
                "cover the whole organization " + args.org() + " (StatsQuery.wholeOrganization)",
                args.smallEvents() == 0
                        ? "no small data set (--small-events 0)"
                        : String.format(
                                "first a small data set of %,d events (seed + 1, same window), its queries timed",
                                args.smallEvents()),
                args.sustainSeconds() == 0
                        ? "no reports under ingest (--sustain-seconds 0)"
                        : "reports under ingest for --sustain-seconds " + args.sustainSeconds()
                                + " (new events, seed + 2, the last 7 days)",
                args.jdbcUrl().replaceAll("\\?.*", "")));
        out.append(table.markdown());
        out.append(
                table.misses().isEmpty()
                        ? "\nEvery goal met.\n"
                        : "\nMissed:\n"
                                + String.join(
                                        "\n",
                                        table.misses().stream()
                                                .map(m -> "- " + m)
                                                .toList()) + "\n");
        Files.createDirectories(args.workDir()); // again: a `mvn clean` elsewhere in the tree may have removed it
        Path explain = args.workDir().resolve("explain.md");
        Files.deleteIfExists(explain);
        if (!plans.isEmpty()) {
            Files.writeString(
                    explain,
                    "# EXPLAIN (ANALYZE, BUFFERS) of the engine's statements, queries over the goal\n\n"
                            + String.join("\n", plans));
            out.append("\nThe engine's statements of queries over the goal, under EXPLAIN (ANALYZE, BUFFERS): ")
                    .append(explain.getFileName())
                    .append('\n');
        }
        Path file = args.workDir().resolve("results.md");
        Files.writeString(file, out);
        System.out.println();
        System.out.println(out);
        System.out.println("Written to " + file + (plans.isEmpty() ? "" : " and " + explain));
    }
}
