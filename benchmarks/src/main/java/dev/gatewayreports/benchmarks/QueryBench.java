package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Times one report query both ways on the same data: StatsEngine over the rollups, and the naive SQL over raw
 * events. Each runs once to warm up, then {@code runs} times timed (fewer past a time budget); the last answers are
 * compared group by group.
 */
final class QueryBench {

    private static final int MIN_RUNS = 5;

    /** What one query measured. */
    record Outcome(
            Report report,
            String scope,
            List<Double> oursMs,
            List<Double> baselineMs,
            boolean countsAgree,
            long requests,
            String check,
            String plan) {}

    /** The last answer of the naive SQL: request count and, for latency reports, the percentiles per group. */
    private record Baseline(Map<String, Long> counts, Map<String, double[]> percentiles) {}

    private final DataSource pool;
    private final StatsEngine engine;
    private final ZoneId zone;
    private final Instant end;
    private final int runs;
    private final long budgetNanos;

    QueryBench(DataSource pool, ZoneId zone, Instant end, int runs, int budgetSeconds) {
        this.pool = pool;
        this.engine = new StatsEngine(pool, StatsEngine.Limits.DEFAULT);
        this.zone = zone;
        this.end = end;
        this.runs = runs;
        this.budgetNanos = budgetSeconds * 1_000_000_000L;
    }

    /** @param wholeOrganization {@code teams} are all the teams of {@code org} */
    Outcome measure(Report report, String scope, String org, List<String> teams, boolean wholeOrganization)
            throws SQLException {
        StatsQuery query = report.query(org, teams, wholeOrganization, end, zone);
        StatsResult[] answer = new StatsResult[1];
        List<Double> ours = timed(() -> answer[0] = engine.execute(query));
        Baseline[] base = new Baseline[1];
        List<Double> naive;
        try (Connection c = pool.getConnection()) {
            naive = timed(() -> base[0] = baseline(c, report, org, teams));
        }
        Map<String, Long> mine = new TreeMap<>();
        for (StatsRow row : answer[0].rows()) {
            mine.merge(report.key(row, zone), report.count(row), Long::sum);
        }
        mine.values().removeIf(v -> v == 0);
        boolean agree = mine.equals(base[0].counts());
        long requests =
                base[0].counts().values().stream().mapToLong(Long::longValue).sum();
        String check = check(report, answer[0], mine, base[0], agree, org, teams);
        String plan = Timings.percentile(ours, 95) >= Benchmark.QUERY_GOAL_MS ? explain(query) : null;
        return new Outcome(report, scope, ours, naive, agree, requests, check, plan);
    }

    /** The engine alone, timed as in {@link #measure}: the same query at another data size. */
    List<Double> measureEngine(Report report, String org, List<String> teams, boolean wholeOrganization)
            throws SQLException {
        StatsQuery query = report.query(org, teams, wholeOrganization, end, zone);
        return timed(() -> engine.execute(query));
    }

    /** One warm-up run, then timed runs: {@code runs} of them, fewer (but at least five) past the time budget. */
    private List<Double> timed(SqlRun run) throws SQLException {
        run.run();
        List<Double> ms = new ArrayList<>();
        long deadline = System.nanoTime() + budgetNanos;
        while (ms.size() < runs && (ms.size() < MIN_RUNS || System.nanoTime() < deadline)) {
            long t = System.nanoTime();
            run.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return ms;
    }

    /** A query run. */
    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    private Baseline baseline(Connection c, Report report, String org, List<String> teams) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, double[]> percentiles = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(report.sql(zone))) {
            ps.setString(1, org);
            ps.setArray(2, c.createArrayOf("text", teams.toArray()));
            ps.setTimestamp(3, Timestamp.from(report.start(end)));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    counts.put(key, rs.getLong(2));
                    if (report == Report.PERCENTILES && rs.getArray(3) != null) {
                        Double[] p = (Double[]) rs.getArray(3).getArray();
                        percentiles.put(key, new double[] {p[0], p[1], p[2]});
                    } else if (report == Report.HOURLY_P95) {
                        percentiles.put(key, new double[] {rs.getDouble(3)});
                    }
                }
            }
        }
        counts.values().removeIf(v -> v == 0);
        return new Baseline(counts, percentiles);
    }

    private String check(
            Report report,
            StatsResult answer,
            Map<String, Long> mine,
            Baseline base,
            boolean agree,
            String org,
            List<String> teams)
            throws SQLException {
        long ours = mine.values().stream().mapToLong(Long::longValue).sum();
        long theirs = base.counts().values().stream().mapToLong(Long::longValue).sum();
        String counts = agree
                ? String.format("counts agree (%,d in %d groups)", theirs, mine.size())
                : String.format(
                        "COUNTS DIFFER: ours %,d in %d groups, naive %,d in %d groups",
                        ours, mine.size(), theirs, base.counts().size());
        String source = String.format(
                "; %s, %d rollup + %d raw pieces", answer.source(), answer.rollupPieces(), answer.rawPieces());
        return counts + source + latencyCheck(report, answer, base, org, teams);
    }

    /**
     * How far the engine's sketch percentiles are from the exact ones: percentile_disc over the same raw events (what
     * the engine promises to within 1%), read by an extra, untimed statement; the naive percentile_cont is shown too.
     */
    private String latencyCheck(Report report, StatsResult answer, Baseline base, String org, List<String> teams)
            throws SQLException {
        if (report != Report.PERCENTILES && report != Report.HOURLY_P95) {
            return "";
        }
        double[] levels = report == Report.PERCENTILES ? new double[] {50, 95, 99} : new double[] {95};
        Map<String, double[]> exact = exactPercentiles(report, org, teams, levels);
        double worst = 0;
        String worstAt = "";
        for (StatsRow row : answer.rows()) {
            double[] disc = exact.get(report.key(row, zone));
            for (int i = 0; disc != null && i < levels.length; i++) {
                double error = Math.abs(row.figures().latencyPercentile(levels[i]) - disc[i]) / disc[i];
                if (error > worst) {
                    worst = error;
                    worstAt = String.format(
                            "%s p%.0f %,.0f vs %,.0f ms",
                            report.key(row, zone), levels[i], row.figures().latencyPercentile(levels[i]), disc[i]);
                }
            }
        }
        String verdict = worst <= 0.0101 ? "within" : "SKETCH ERROR OVER 1%:";
        String shown = "";
        if (report == Report.PERCENTILES
                && !answer.rows().isEmpty()
                && base.percentiles().containsKey("all")) {
            var f = answer.rows().get(0).figures();
            double[] p = base.percentiles().get("all");
            shown = String.format(
                    "; p50/p95/p99 %,.0f/%,.0f/%,.0f ms (naive percentile_cont %,.0f/%,.0f/%,.0f)",
                    f.latencyPercentile(50), f.latencyPercentile(95), f.latencyPercentile(99), p[0], p[1], p[2]);
        }
        return String.format(
                "%s; %s %.2f%% of percentile_disc over %d groups (worst: %s)",
                shown, verdict, worst * 100, exact.size(), worstAt);
    }

    private Map<String, double[]> exactPercentiles(Report report, String org, List<String> teams, double[] levels)
            throws SQLException {
        String key = report == Report.PERCENTILES
                ? "'all'"
                : "to_char(date_trunc('hour', occurred_at at time zone 'UTC'), 'YYYY-MM-DD\"T\"HH24')";
        StringBuilder fractions = new StringBuilder();
        for (double level : levels) {
            fractions.append(fractions.length() == 0 ? "" : ", ").append(level / 100);
        }
        String sql = "select " + key + ", percentile_disc(array[" + fractions + "]) within group (order by latency_ms)"
                + " from usage_event where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?"
                + " group by 1";
        Map<String, double[]> exact = new TreeMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org);
            ps.setArray(2, c.createArrayOf("text", teams.toArray()));
            ps.setTimestamp(3, Timestamp.from(report.start(end)));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] values = (Object[]) rs.getArray(2).getArray();
                    double[] d = new double[values.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = ((Number) values[i]).doubleValue();
                    }
                    exact.put(rs.getString(1), d);
                }
            }
        }
        return exact;
    }

    /** The engine's statements for this query, run under EXPLAIN (ANALYZE, BUFFERS). */
    private String explain(StatsQuery query) throws SQLException {
        List<SqlCapture.Captured> captured = new ArrayList<>();
        new StatsEngine(SqlCapture.wrap(pool, captured), StatsEngine.Limits.DEFAULT).execute(query);
        try (Connection c = pool.getConnection()) {
            return SqlCapture.explain(c, captured);
        }
    }
}
