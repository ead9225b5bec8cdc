package dev.gatewayreports.reportapi.platform;

import static dev.gatewayreports.testing.MigrationDatabase.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V16 (a team is (organization, team id)) over data in the V15 shape: each test migrates a schema of its own to V15,
 * seeds it as the previous version wrote it, migrates to V16 and checks that every row and every count is kept, each
 * under its team's organization, and that the new keys allow what they should and refuse what they should.
 */
class TeamIdentityMigrationTest {
    private static final MigrationDatabase DATABASE = new MigrationDatabase();

    /** One event per (team, hour): request ids repeat across teams, as they may. */
    private static final String SEED = """
            select usage_event_ensure_partitions('2025-03-01', '2025-03-02');
            insert into organization (org_id) values ('org_a'), ('org_b');
            insert into team (team_id, org_id, name, registered_by) values
                ('team_x', 'org_a', 'X', 'admin'), ('team_y', 'org_a', 'Y', 'ingest'), ('team_z', 'org_b', 'Z', 'admin');
            update organization set default_team_id = 'team_x' where org_id = 'org_a';
            insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at, rolled_up_at) values
                ('org_a', 4, '2025-03-01T00:00Z', '2025-03-02T23:00Z', now()),
                ('org_b', 4, '2025-03-01T00:00Z', '2025-03-02T23:00Z', now());
            -- team_orphan: events and identities of org_b, but no team row.
            insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model, status,
                                     latency_ms, service_tier, cost_source, input_tokens, cost_usd)
            select t.team, '2025-03-01T00:00Z'::timestamptz + h * interval '1 hour', 'req_' || h,
                   (select min(batch_id) from ingest_batch where org_id = t.org), t.org, 'anthropic', 'm',
                   case when h % 5 = 0 then 'error' else 'success' end, 100 + h, 'standard', 'reported', 10 * h,
                   h * 0.25
              from (values ('team_x', 'org_a'), ('team_y', 'org_a'), ('team_z', 'org_b'), ('team_orphan', 'org_b'))
                   as t (team, org)
             cross join generate_series(0, 47) h;
            insert into usage_event_key (team_id, request_id) select team_id, request_id from usage_event;
            -- Rollups as the worker wrote them: keyed by team.
            insert into rollup_team (team_id, grain, bucket_start, request_count, error_count, input_tokens, cost_usd,
                                     latency_sum)
            select team_id, g, to_timestamp(floor(extract(epoch from occurred_at) / g) * g), count(*),
                   count(*) filter (where status = 'error'), sum(input_tokens), sum(cost_usd), sum(latency_ms)
              from usage_event cross join unnest(array[900, 3600, 86400]) g group by 1, 2, 3;
            insert into rollup_model (team_id, grain, bucket_start, provider, model, request_count, cost_usd)
            select team_id, g, to_timestamp(floor(extract(epoch from occurred_at) / g) * g), provider, model, count(*),
                   sum(cost_usd)
              from usage_event cross join unnest(array[3600, 86400]) g group by 1, 2, 3, 4, 5;
            insert into rollup_api_key (team_id, grain, bucket_start, api_key_id, request_count, cost_usd)
            select team_id, 86400, date_trunc('day', occurred_at), api_key_id, count(*), sum(cost_usd)
              from usage_event group by 1, 2, 3, 4;
            insert into rollup_error (team_id, grain, bucket_start, provider, model, error_type, error_count)
            select team_id, 86400, date_trunc('day', occurred_at), provider, model, 'timeout', count(*)
              from usage_event where status = 'error' group by 1, 2, 3, 4, 5;
            insert into rollup_admin (team_id, grain, bucket_start, model, service_tier, request_count, input_tokens,
                                      cost_usd)
            select team_id, 86400, date_trunc('day', occurred_at), model, service_tier, count(*), sum(input_tokens),
                   sum(cost_usd)
              from usage_event group by 1, 2, 3, 4, 5;
            insert into rollup_org (org_id, grain, bucket_start, request_count)
            select org_id, 86400, date_trunc('day', occurred_at), count(*) from usage_event group by 1, 2, 3;
            insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency, schedule_time, timezone,
                                         days, recipients, format, next_run_at) values
                ('sch_x', 'org_a', 'team_x', 'usage', 'daily', '09:00', 'UTC', 1, '{a@example.com}', 'none', now()),
                ('sch_z', 'org_b', 'team_z', 'usage', 'daily', '09:00', 'UTC', 1, '{b@example.com}', 'none', now());
            insert into report_delivery (delivery_id, org_id, team_id, schedule_id, scheduled_for, report_type, timezone,
                                         period_start, period_end, format, recipients, status, next_attempt_at,
                                         frequency) values
                ('dlv_x', 'org_a', 'team_x', 'sch_x', now(), 'usage', 'UTC', now() - interval '1 day', now(), 'none',
                 '{a@example.com}', 'sent', now(), 'daily'),
                ('dlv_z', 'org_b', 'team_z', null, null, 'usage', 'UTC', now() - interval '1 day', now(), 'none',
                 '{b@example.com}', 'pending', now(), null);
            """;

    /** Per team-keyed table: rows and sums by team, which V16 must keep exactly. */
    private static final List<String> FIGURES = List.of(
            "select team_id, count(*), sum(request_count), sum(input_tokens), sum(cost_usd) from rollup_team"
                    + " group by 1 order by 1",
            "select team_id, count(*), sum(request_count), sum(cost_usd) from rollup_model group by 1 order by 1",
            "select team_id, count(*), sum(request_count), sum(cost_usd) from rollup_api_key group by 1 order by 1",
            "select team_id, count(*), sum(error_count) from rollup_error group by 1 order by 1",
            "select team_id, count(*), sum(request_count), sum(input_tokens), sum(cost_usd) from rollup_admin"
                    + " group by 1 order by 1",
            "select org_id, count(*), sum(request_count) from rollup_org group by 1 order by 1",
            "select team_id, count(*) from usage_event_key group by 1 order by 1",
            "select team_id, count(*), sum(cost_usd) from usage_event group by 1 order by 1",
            "select schedule_id, org_id, team_id, report_type, recipients::text from report_schedule order by 1",
            "select delivery_id, org_id, team_id, schedule_id, status from report_delivery order by 1");

    @BeforeAll
    static void startPostgres() {
        DATABASE.start();
    }

    @AfterAll
    static void stopPostgres() {
        DATABASE.stop();
    }

    @Test
    void shouldKeyEverythingByOrganizationAndTeamKeepingEveryCount() throws SQLException {
        String schema = newSchema();
        try (Connection c = DATABASE.connect(schema)) {
            DATABASE.flyway(schema, "15").migrate();
            execute(c, SEED);
            List<List<List<Object>>> before = figures(c);

            DATABASE.flyway(schema, "16").migrate();

            assertEquals(before, figures(c), "every row and sum is kept");
            // Every team-keyed row now names its team's organization; the orphan team's is that of its events.
            for (String table :
                    List.of("rollup_team", "rollup_model", "rollup_api_key", "rollup_error", "rollup_admin")) {
                assertEquals(
                        List.of(
                                List.of("org_a", "team_x"),
                                List.of("org_a", "team_y"),
                                List.of("org_b", "team_orphan"),
                                List.of("org_b", "team_z")),
                        rows(c, "select distinct org_id, team_id from " + table + " order by 1, 2"),
                        table);
            }
            assertEquals(
                    List.of(List.of("org_b", "team_orphan", 48L)),
                    rows(
                            c,
                            "select org_id, team_id, count(*) from usage_event_key where team_id = 'team_orphan'"
                                    + " group by 1, 2"));
            assertEquals(
                    List.of(List.of("org_b", "ingest")),
                    rows(c, "select org_id, registered_by from team where team_id = 'team_orphan'"));
            assertEquals(
                    List.of(List.of("team_x")),
                    rows(c, "select default_team_id from organization where org_id = 'org_a'"));

            // The same team id and request id in another organization is another team and another event.
            execute(c, """
                    insert into team (org_id, team_id, name, registered_by) values ('org_b', 'team_x', 'B''s X', 'admin');
                    insert into usage_event_key (org_id, team_id, request_id) values ('org_b', 'team_x', 'req_1');
                    insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency, schedule_time,
                                                 timezone, days, recipients, format, next_run_at)
                    values ('sch_bx', 'org_b', 'team_x', 'usage', 'daily', '09:00', 'UTC', 1, '{b@example.com}', 'none',
                            now());
                    insert into rollup_team (org_id, team_id, grain, bucket_start, request_count)
                    values ('org_b', 'team_x', 86400, '2025-03-01T00:00Z', 1);
                    """);
            // Within one organization the keys still hold.
            assertRefused(
                    c, "insert into usage_event_key (org_id, team_id, request_id) values ('org_a', 'team_x', 'req_1')");
            assertRefused(
                    c,
                    "insert into team (org_id, team_id, name, registered_by) values ('org_a', 'team_x', 'X', 'admin')");
            assertRefused(
                    c,
                    "insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency,"
                            + " schedule_time, timezone, days, recipients, format, next_run_at) values ('sch_x2', 'org_a',"
                            + " 'team_x', 'usage', 'daily', '09:00', 'UTC', 1, '{a@example.com}', 'none', now())");
            // A schedule, delivery or default team of a team another organization has, but not this one, is refused.
            assertRefused(
                    c,
                    "insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency,"
                            + " schedule_time, timezone, days, recipients, format, next_run_at) values ('sch_bad', 'org_a',"
                            + " 'team_z', 'usage', 'daily', '09:00', 'UTC', 1, '{a@example.com}', 'none', now())");
            assertRefused(c, "update organization set default_team_id = 'team_z' where org_id = 'org_a'");

            // The indexes reports read lead with the owner.
            for (String index : List.of(
                    "rollup_team_pkey",
                    "rollup_model_pkey",
                    "rollup_api_key_owner_key",
                    "rollup_error_pkey",
                    "rollup_admin_owner_key",
                    "usage_event_key_pkey",
                    "usage_event_team_time_idx",
                    "usage_event_errors_idx",
                    "usage_event_slowest_idx",
                    "team_pkey")) {
                String definition = (String) rows(c, "select pg_get_indexdef('" + index + "'::regclass)")
                        .get(0)
                        .get(0);
                assertTrue(definition.contains("(org_id, team_id"), index + ": " + definition);
            }
        } finally {
            DATABASE.dropSchema(schema);
        }
    }

    @Test
    void shouldLeaveBehindRollupRowsOfTeamsThatHaveNoOrganization() throws SQLException {
        String schema = newSchema();
        try (Connection c = DATABASE.connect(schema)) {
            DATABASE.flyway(schema, "15").migrate();
            execute(c, """
                    insert into organization (org_id) values ('org_kept');
                    insert into team (team_id, org_id, name, registered_by) values ('team_kept', 'org_kept', 'Kept', 'admin');
                    insert into rollup_team (team_id, grain, bucket_start, request_count)
                    values ('team_gone', 86400, '2025-03-01T00:00Z', 7), ('team_kept', 86400, '2025-03-01T00:00Z', 5);
                    """);
            DATABASE.flyway(schema, "16").migrate();
            // team_gone has no team row and no events: no organization, and no API could ever read its row.
            assertEquals(
                    List.of(List.of("org_kept", "team_kept", 5L)),
                    rows(c, "select org_id, team_id, request_count from rollup_team"));
        } finally {
            DATABASE.dropSchema(schema);
        }
    }

    private static String newSchema() {
        return "v16_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void assertRefused(Connection c, String sql) {
        assertThrows(SQLException.class, () -> execute(c, sql), sql);
    }

    private static List<List<List<Object>>> figures(Connection c) throws SQLException {
        List<List<List<Object>>> all = new ArrayList<>();
        for (String sql : FIGURES) {
            all.add(rows(c, sql));
        }
        return all;
    }

    /** The rows of a query, numerics without trailing zeros (a sum's scale is not what V16 must keep). */
    private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = MigrationDatabase.rows(c, sql);
        for (List<Object> row : rows) {
            row.replaceAll(value -> value instanceof java.math.BigDecimal d ? d.stripTrailingZeros() : value);
        }
        return rows;
    }
}
