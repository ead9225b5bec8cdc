package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.LatencySketches;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Compares every rollup row of some teams with the same figures computed by SQL straight from the raw events:
 * counts, tokens and money must be identical; sketch percentiles within 1% of percentile_disc. Rows are compared per
 * (organization, team): teams of the same id in other organizations are other rows.
 */
final class RollupCheck {
    private static final String MODEL_MISMATCHES = """
            with raw as (
                select org_id, team_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                       provider, model, count(*) as request_count, count(*) filter (where status = 'error') as error_count,
                       sum(input_tokens) as input_tokens, sum(cache_read_input_tokens) as cache_read,
                       sum(cache_creation_5m_input_tokens) as cache_5m, sum(output_tokens) as output_tokens,
                       sum(web_search_requests) as web_search, sum(code_execution_hours) as code_hours,
                       coalesce(sum(cost_code_execution_usd), 0) as cost_code, coalesce(sum(credits), 0) as credits,
                       coalesce(sum(cost_usd), 0) as cost_usd, coalesce(sum(cost_input_usd), 0) as cost_input_usd,
                       sum(latency_ms) as latency_sum, min(latency_ms) as latency_min, max(latency_ms) as latency_max
                from usage_event where team_id = any(?) group by 1, 2, 3, 4, 5
            ), roll as (
                select * from rollup_model where team_id = any(?) and grain = ?
            )
            select count(*) from raw full join roll using (org_id, team_id, bucket_start, provider, model)
            where raw.request_count is distinct from roll.request_count
               or raw.error_count is distinct from roll.error_count
               or raw.input_tokens is distinct from roll.input_tokens
               or raw.cache_read is distinct from roll.cache_read_input_tokens
               or raw.cache_5m is distinct from roll.cache_creation_5m_input_tokens
               or raw.output_tokens is distinct from roll.output_tokens
               or raw.web_search is distinct from roll.web_search_requests
               or raw.code_hours is distinct from roll.code_execution_hours
               or raw.cost_code is distinct from roll.cost_code_execution_usd
               or raw.credits is distinct from roll.credits
               or raw.cost_usd is distinct from roll.cost_usd
               or raw.cost_input_usd is distinct from roll.cost_input_usd
               or raw.latency_sum is distinct from roll.latency_sum
               or raw.latency_min is distinct from roll.latency_min
               or raw.latency_max is distinct from roll.latency_max
            """;
    private static final String API_KEY_MISMATCHES = """
            select count(*) from (
                 select org_id, team_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                        api_key_id, count(*) as n, coalesce(sum(cost_usd), 0) as cost
                 from usage_event where team_id = any(?) group by 1, 2, 3, 4) raw
               full join (select * from rollup_api_key where team_id = any(?) and grain = ?) roll
                 on raw.org_id = roll.org_id and raw.team_id = roll.team_id and raw.bucket_start = roll.bucket_start
                and raw.api_key_id is not distinct from roll.api_key_id
               where raw.n is distinct from roll.request_count or raw.cost is distinct from roll.cost_usd
            """;
    private static final String ERROR_MISMATCHES = """
            select count(*) from (
                 select org_id, team_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                        provider, model, error_type, count(*) as n
                 from usage_event where team_id = any(?) and status = 'error' group by 1, 2, 3, 4, 5, 6) raw
               full join (select * from rollup_error where team_id = any(?) and grain = ?) roll
                 using (org_id, team_id, bucket_start, provider, model, error_type)
               where raw.n is distinct from roll.error_count
            """;
    private static final String TEAM_MISMATCHES = """
            select count(*) from (
                select org_id, team_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                       count(*) as n, count(*) filter (where status = 'error') as errors,
                       coalesce(sum(cost_usd), 0) as cost, coalesce(sum(credits), 0) as credits,
                       sum(output_tokens) as output_tokens, sum(latency_ms) as latency_sum,
                       min(latency_ms) as latency_min, max(latency_ms) as latency_max
                from usage_event where team_id = any(?) group by 1, 2, 3) raw
            full join (select * from rollup_team where team_id = any(?) and grain = ?) roll
              using (org_id, team_id, bucket_start)
            where raw.n is distinct from roll.request_count or raw.errors is distinct from roll.error_count
               or raw.cost is distinct from roll.cost_usd or raw.credits is distinct from roll.credits
               or raw.output_tokens is distinct from roll.output_tokens
               or raw.latency_sum is distinct from roll.latency_sum
               or raw.latency_min is distinct from roll.latency_min
               or raw.latency_max is distinct from roll.latency_max
            """;
    private static final String ORG_MISMATCHES = """
            select
              (select count(*) from (
                 select org_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                        count(*) as n, coalesce(sum(cost_usd), 0) as cost, sum(latency_ms) as latency_sum,
                        max(latency_ms) as latency_max
                 from usage_event where org_id = ? group by 1, 2) raw
               full join (select * from rollup_org where org_id = ? and grain = ?) roll using (org_id, bucket_start)
               where raw.n is distinct from roll.request_count or raw.cost is distinct from roll.cost_usd
                  or raw.latency_sum is distinct from roll.latency_sum
                  or raw.latency_max is distinct from roll.latency_max)
            + (select count(*) from (
                 select org_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                        provider, model, count(*) as n, coalesce(sum(credits), 0) as credits,
                        sum(input_tokens) as input_tokens
                 from usage_event where org_id = ? group by 1, 2, 3, 4) raw
               full join (select * from rollup_org_model where org_id = ? and grain = ?) roll
                 using (org_id, bucket_start, provider, model)
               where raw.n is distinct from roll.request_count or raw.credits is distinct from roll.credits
                  or raw.input_tokens is distinct from roll.input_tokens)
            """;
    private static final String PERCENTILES = """
            select r.latency_sketch, e.p50, e.p95, e.p99
            from rollup_model r
            join (select org_id, team_id,
                         to_timestamp(floor(extract(epoch from occurred_at) / 86400) * 86400) as bucket_start,
                         provider, model,
                         percentile_disc(0.5) within group (order by latency_ms) as p50,
                         percentile_disc(0.95) within group (order by latency_ms) as p95,
                         percentile_disc(0.99) within group (order by latency_ms) as p99
                  from usage_event where team_id = any(?) group by 1, 2, 3, 4, 5) e
              using (org_id, team_id, bucket_start, provider, model)
            where r.grain = 86400
            """;

    private RollupCheck() {}

    /** Also checks the organization-wide rollups of {@code org}, whose only teams must be {@code teams}. */
    static void assertRollupsMatchRawEvents(AgroalDataSource ds, String org, String[] teams) throws SQLException {
        assertRollupsMatchRawEvents(ds, teams);
        try (Connection c = ds.getConnection()) {
            for (int grain : new int[] {900, 3600, 86400}) {
                assertEquals(
                        0,
                        count(c, ORG_MISMATCHES, grain, grain, org, org, grain, grain, grain, org, org, grain),
                        "rollup_org / rollup_org_model " + grain);
            }
        }
    }

    static void assertRollupsMatchRawEvents(AgroalDataSource ds, String[] teams) throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (int grain : new int[] {900, 3600, 86400}) {
                assertEquals(0, count(c, TEAM_MISMATCHES, grain, grain, teams, teams, grain), "rollup_team " + grain);
            }
            for (int grain : new int[] {3600, 86400}) {
                assertEquals(0, count(c, MODEL_MISMATCHES, grain, grain, teams, teams, grain), "rollup_model " + grain);
                assertEquals(0, count(c, ERROR_MISMATCHES, grain, grain, teams, teams, grain), "rollup_error " + grain);
            }
            for (int grain : new int[] {3600, 86400, 604800}) {
                assertEquals(
                        0, count(c, API_KEY_MISMATCHES, grain, grain, teams, teams, grain), "rollup_api_key " + grain);
            }
            assertPercentiles(c, teams);
        }
    }

    private static void assertPercentiles(Connection c, String[] teams) throws SQLException {
        int checked = 0;
        try (PreparedStatement ps = c.prepareStatement(PERCENTILES)) {
            ps.setArray(1, c.createArrayOf("text", teams));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DDSketch sketch = LatencySketches.decode(rs.getBytes(1));
                    double[] ps100 = {50, 95, 99};
                    for (int i = 0; i < 3; i++) {
                        double exact = rs.getInt(2 + i);
                        double estimate = LatencySketches.percentileDisc(sketch, ps100[i]);
                        assertTrue(
                                Math.abs(estimate - exact) <= 0.01 * exact + 1e-9,
                                "p" + ps100[i] + " " + estimate + " vs exact " + exact);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 0, "no percentile was compared");
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof String[] a ? c.createArrayOf("text", a) : args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
