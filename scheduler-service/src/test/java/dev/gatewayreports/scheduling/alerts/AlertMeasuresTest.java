package dev.gatewayreports.scheduling.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.rollup.RollupFold;
import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every measure over every window, for a team and for the whole organization, equals an independent computation
 * in SQL and BigDecimal over the same usage_event rows — part folded into rollups by the worker's fold, part in
 * batches not folded yet.
 */
@QuarkusTest
class AlertMeasuresTest {
    /** Midnight UTC, so last_hour and last_day are single /calls/stats buckets in UTC. */
    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    /** 1 November, 00:00 in Kolkata (UTC+5:30). */
    static final Instant KOLKATA_MONTH_START = Instant.parse("2026-10-31T18:30:00Z");

    static final List<String> MEASURES =
            List.of("cost_usd", "credits", "requests", "error_rate", "p95_latency_ms", "tokens");
    static final List<String> WINDOWS = List.of("last_hour", "last_day", "month_to_date");

    /** Random events as ingest writes them (one batch), with errors, unpriced events, every token type. */
    static final String RANDOM_EVENTS = """
            with batch as (
                insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)
                values (?, ?, ?, ?) returning batch_id
            ), gen as (
                select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
                  from generate_series(1, ?) g
            )
            insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model, status,
                latency_ms, service_tier, error_type, input_tokens, output_tokens, cache_read_input_tokens,
                cache_creation_5m_input_tokens, cache_creation_1h_input_tokens, credits, cost_usd, cost_source)
            select case when r1 < 0.6 then ? else ? end,
                   ?::timestamptz + (? * r5) * interval '1 second',
                   ? || '-' || g, (select batch_id from batch), ?, 'openai', 'm-' || floor(r2 * 3)::int,
                   case when r3 < 0.12 then 'error' else 'success' end,
                   floor(exp(ln(600) + 1.2 * (r1 + r2 + r4 - 1.5) * 2))::int, 'standard',
                   case when r3 < 0.12 then 'timeout' end,
                   floor(r1 * 4000)::bigint, floor(r2 * 900)::bigint, floor(r4 * 1500)::bigint,
                   floor(r3 * 300)::bigint, floor(r5 * 200)::bigint,
                   case when r2 < 0.1 then null else round((r1 * 3)::numeric, 6) end,
                   case when r4 < 0.08 then null else round((r1 * 0.01 + r2 * 0.003)::numeric, 12) end,
                   case when r4 < 0.08 then 'unpriced' else 'reported' end
              from gen
            """;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    StatsEngine engine;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldMeasureEveryWindowAsAnIndependentComputationDoes() throws SQLException {
        String[] a = Seeds.team("Measured");
        String b = Seeds.id("team");
        Db.execute("insert into team (team_id, org_id, name, registered_by) values (?, ?, 'Other', 'admin')", b, a[0]);
        // Folded: the 40 days before the last two hours. Pending: the last two hours and a late batch of the month.
        events(a[0], a[1], b, 4_000, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofHours(2)), 0.11);
        foldEverything();
        events(a[0], a[1], b, 600, NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(1)), 0.22);
        events(a[0], a[1], b, 300, KOLKATA_MONTH_START.minus(Duration.ofHours(6)), NOW, 0.33);
        Map<String, String[]> rules = new LinkedHashMap<>();
        for (String measure : MEASURES) {
            for (String window : WINDOWS) {
                for (String team : new String[] {a[1], null}) {
                    String id = new Rule(a[0], team)
                            .measure(measure, window)
                            .zone("Asia/Kolkata")
                            .threshold("gt", "1000000000")
                            .dueAt(NOW)
                            .insert();
                    rules.put(id, new String[] {measure, window, team});
                }
            }
        }

        AlertEvaluator.Result result = evaluator.evaluateDue(NOW);

        assertEquals(36, result.evaluated());
        assertEquals(0, result.failed());
        for (Map.Entry<String, String[]> rule : rules.entrySet()) {
            String measure = rule.getValue()[0];
            String window = rule.getValue()[1];
            String team = rule.getValue()[2];
            List<String> teams = team == null ? List.of(a[1], b) : List.of(team);
            Instant start = switch (window) {
                case "last_hour" -> NOW.minus(Duration.ofHours(1));
                case "last_day" -> NOW.minus(Duration.ofDays(1));
                default -> KOLKATA_MONTH_START;
            };
            Map<String, Object> truth = Db.one("""
                    select count(*) as n, count(*) filter (where status = 'error') as errors,
                           coalesce(sum(cost_usd), 0) as cost, coalesce(sum(credits), 0) as credits,
                           coalesce(sum(input_tokens + output_tokens + cache_read_input_tokens
                                        + cache_creation_5m_input_tokens + cache_creation_1h_input_tokens), 0) as tokens,
                           percentile_disc(0.95) within group (order by latency_ms) as p95,
                           min(latency_ms) as min_latency, max(latency_ms) as max_latency
                      from usage_event
                     where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?
                    """, a[0], teams, start, NOW);
            BigDecimal actual =
                    (BigDecimal) Db.one("select last_value from alert_rule where alert_id = ?", rule.getKey())
                            .get("last_value");
            String what = measure + " " + window + (team == null ? " (organization)" : " (team)");
            long n = ((Number) truth.get("n")).longValue();
            assertTrue(n > 10, what + ": the window holds events");
            switch (measure) {
                case "cost_usd" -> assertSame(what, (BigDecimal) truth.get("cost"), actual);
                case "credits" -> assertSame(what, (BigDecimal) truth.get("credits"), actual);
                case "requests" -> assertSame(what, BigDecimal.valueOf(n), actual);
                case "tokens" -> assertSame(what, (BigDecimal) truth.get("tokens"), actual);
                case "error_rate" ->
                    assertSame(
                            what,
                            BigDecimal.valueOf(((Number) truth.get("errors")).longValue() * 100)
                                    .divide(BigDecimal.valueOf(n), 12, RoundingMode.HALF_UP),
                            actual);
                default -> {
                    double p95 = actual.doubleValue();
                    double exact = ((Number) truth.get("p95")).doubleValue();
                    assertTrue(p95 >= ((Number) truth.get("min_latency")).doubleValue(), what + " below min");
                    assertTrue(p95 <= ((Number) truth.get("max_latency")).doubleValue(), what + " above max");
                    assertTrue(Math.abs(p95 - exact) <= exact * 0.01 + 1, what + ": " + p95 + " vs " + exact);
                    if (team != null && !window.equals("month_to_date")) {
                        assertSame(
                                what + " differs from /calls/stats",
                                BigDecimal.valueOf(callStatsP95(a[0], team, start))
                                        .setScale(12, RoundingMode.HALF_UP),
                                actual);
                    }
                }
            }
        }
    }

    /** The p95 /calls/stats answers for one bucket [start, NOW) of the team (CallStatsService's query). */
    private double callStatsP95(String org, String team, Instant start) {
        List<StatsRow> rows = engine.execute(new StatsQuery(
                        org,
                        List.of(team),
                        start,
                        NOW,
                        ZoneOffset.UTC,
                        BucketSpec.seconds(Duration.between(start, NOW).toSeconds()),
                        List.of(),
                        Map.of(),
                        RawFilters.NONE,
                        EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.LATENCY)))
                .rows();
        assertEquals(1, rows.size());
        return rows.get(0).figures().latencyPercentile(95);
    }

    private static void assertSame(String what, BigDecimal expected, BigDecimal actual) {
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected + ", got " + actual);
    }

    private void events(String org, String teamA, String teamB, int n, Instant from, Instant to, double seed)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select usage_event_ensure_partitions(?, ?)")) {
                ps.setObject(1, from.atOffset(ZoneOffset.UTC).toLocalDate());
                ps.setObject(2, to.atOffset(ZoneOffset.UTC).toLocalDate());
                ps.execute();
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select setseed(?)")) {
                ps.setDouble(1, seed);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(RANDOM_EVENTS)) {
                int p = 1;
                ps.setString(p++, org);
                ps.setInt(p++, n);
                ps.setTimestamp(p++, Timestamp.from(from));
                ps.setTimestamp(p++, Timestamp.from(to));
                ps.setInt(p++, n);
                ps.setString(p++, teamA);
                ps.setString(p++, teamB);
                ps.setTimestamp(p++, Timestamp.from(from));
                ps.setDouble(p++, Duration.between(from, to).toSeconds());
                ps.setString(p++, org + "-" + seed);
                ps.setString(p, org);
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    /** What the aggregation worker does: folds every pending batch into the rollups. */
    private void foldEverything() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            while (RollupFold.fold(c, 50) >= 0) {
                c.commit();
            }
            c.rollback();
        }
        assertTrue(Db.count("select count(*) from ingest_batch where rolled_up_at is null") == 0);
    }
}
