package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The five report queries, each as our path (a {@link StatsQuery} for StatsEngine) and as the naive SQL a developer
 * would write over raw usage_event. Every naive statement takes (organization, teams text[], start, end) and answers a
 * group key and its request count first, so both answers can be compared group by group.
 */
enum Report {
    DAILY_TREND(
            "(a) daily trend",
            30,
            BucketSpec.DAY,
            List.of(),
            EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.CREDITS, Measure.COST, Measure.TOKENS),
            """
            select (date_trunc('day', occurred_at at time zone '%ZONE%'))::date::text as day, count(*),
                   count(*) filter (where status = 'error'), sum(credits), sum(cost_usd), sum(input_tokens),
                   sum(cache_read_input_tokens), sum(cache_creation_5m_input_tokens),
                   sum(cache_creation_1h_input_tokens), sum(output_tokens), sum(web_search_requests)
            from usage_event
            where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?
            group by 1 order by 1""",
            (row, zone) -> row.bucketStart().atZone(zone).toLocalDate().toString()),
    BY_MODEL(
            "(b) by provider and model",
            30,
            BucketSpec.NONE,
            List.of(Dimension.PROVIDER, Dimension.MODEL),
            EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST),
            """
            select provider || '/' || model, count(*), count(*) filter (where status = 'error'),
                   sum(input_tokens), sum(output_tokens), sum(credits), sum(cost_usd)
            from usage_event
            where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?
            group by provider, model order by 2 desc""",
            (row, zone) -> row.dimensions().get(0) + "/" + row.dimensions().get(1)),
    PERCENTILES(
            "(c) p50/p95/p99 latency",
            30,
            BucketSpec.NONE,
            List.of(),
            EnumSet.of(Measure.REQUESTS, Measure.LATENCY),
            """
            select 'all', count(*), percentile_cont(array[0.5, 0.95, 0.99]) within group (order by latency_ms)
            from usage_event
            where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?""",
            (row, zone) -> "all"),
    HOURLY_P95(
            "(d) hourly p95, 7 days",
            7,
            BucketSpec.seconds(3_600),
            List.of(),
            EnumSet.of(Measure.REQUESTS, Measure.LATENCY),
            // UTC hours are local hours in America/New_York (whole-hour offsets) and stay distinct across DST.
            """
            select to_char(date_trunc('hour', occurred_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24'), count(*),
                   percentile_cont(0.95) within group (order by latency_ms)
            from usage_event
            where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?
            group by 1 order by 1""",
            (row, zone) -> Keys.HOUR.format(row.bucketStart())),
    ERRORS_BY_TYPE(
            "(e) errors by type",
            30,
            BucketSpec.NONE,
            List.of(Dimension.ERROR_TYPE),
            EnumSet.of(Measure.ERRORS),
            """
            select error_type, count(*)
            from usage_event
            where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ? and status = 'error'
            group by error_type order by 2 desc""",
            (row, zone) -> row.dimensions().get(0));

    /** Group keys that enum constants may not reference as their own static fields. */
    private static final class Keys {
        static final DateTimeFormatter HOUR =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    }

    final String title;
    final int days;
    private final BucketSpec buckets;
    private final List<Dimension> groupBy;
    private final Set<Measure> measures;
    private final String sql;
    private final BiFunction<StatsRow, ZoneId, String> key;

    Report(
            String title,
            int days,
            BucketSpec buckets,
            List<Dimension> groupBy,
            Set<Measure> measures,
            String sql,
            BiFunction<StatsRow, ZoneId, String> key) {
        this.title = title;
        this.days = days;
        this.buckets = buckets;
        this.groupBy = groupBy;
        this.measures = measures;
        this.sql = sql;
        this.key = key;
    }

    Instant start(Instant end) {
        return end.minus(Duration.ofDays(days));
    }

    /** @param wholeOrganization {@code teams} are all the organization's: organization-wide rollups may answer */
    StatsQuery query(String org, List<String> teams, boolean wholeOrganization, Instant end, ZoneId zone) {
        return new StatsQuery(
                org,
                teams,
                start(end),
                end,
                zone,
                buckets,
                groupBy,
                Map.of(),
                RawFilters.NONE,
                measures,
                wholeOrganization);
    }

    String sql(ZoneId zone) {
        return sql.replace("%ZONE%", zone.getId());
    }

    /** The group key of one of the engine's rows, as the naive SQL spells it. */
    String key(StatsRow row, ZoneId zone) {
        return key.apply(row, zone);
    }

    /** The engine's count for a row: error reports read error counts (their rollup holds only errors). */
    long count(StatsRow row) {
        return this == ERRORS_BY_TYPE ? row.figures().errors() : row.figures().requests();
    }
}
