package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.testing.MigrationDatabase.execute;
import static dev.gatewayreports.testing.MigrationDatabase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V29 (rollup_admin keeps UTC days only) over rows the previous version wrote at both grains: every daily row is
 * kept with every column, the hourly rows are gone, and the table refuses new hourly rows but still takes the
 * worker's upsert of a daily one.
 */
class AdminRollupMigrationTest {
    private static final MigrationDatabase DATABASE = new MigrationDatabase();

    /** Both grains, null dimensions included, every figure column non-zero somewhere. */
    private static final String SEED = """
            insert into rollup_admin (org_id, team_id, grain, bucket_start, api_key_id, model, service_tier,
                                      context_window, inference_geo, request_count, input_tokens,
                                      cache_read_input_tokens, cache_creation_5m_input_tokens,
                                      cache_creation_1h_input_tokens, output_tokens, web_search_requests, cost_usd,
                                      cost_input_usd, cost_output_usd, cost_cache_read_usd, cost_cache_creation_5m_usd,
                                      cost_cache_creation_1h_usd, cost_web_search_usd, code_execution_hours,
                                      cost_code_execution_usd)
            select o, t, g, '2025-03-01T00:00Z'::timestamptz + (h * g) * interval '1 second',
                   case when h % 3 = 0 then null else 'key_' || h end, 'model_' || (h % 4),
                   case when h % 2 = 0 then 'standard' else 'batch' end,
                   case when h % 5 = 0 then null else '0-200k' end, case when h % 7 = 0 then null else 'us' end,
                   h + 1, 10 * h, 11 * h, 12 * h, 13 * h, 14 * h, h % 3, 0.000000000001 * h + 1.5, 0.25 * h,
                   0.125 * h, 0.0625 * h, 0.03125 * h, 0.015625 * h, 0.01 * h, 0.000001 * h, 0.00005 * h
              from (values ('org_a', 'team_x'), ('org_a', 'team_y'), ('org_b', 'team_x')) as owner (o, t)
             cross join (values (3600), (86400)) as grain (g)
             cross join generate_series(0, 29) h;
            """;

    private static final String DAILY_ROWS = """
            select org_id, team_id, bucket_start, api_key_id, model, service_tier, context_window, inference_geo,
                   request_count, input_tokens, cache_read_input_tokens, cache_creation_5m_input_tokens,
                   cache_creation_1h_input_tokens, output_tokens, web_search_requests, cost_usd, cost_input_usd,
                   cost_output_usd, cost_cache_read_usd, cost_cache_creation_5m_usd, cost_cache_creation_1h_usd,
                   cost_web_search_usd, code_execution_hours, cost_code_execution_usd
              from rollup_admin where grain = 86400
             order by org_id, team_id, bucket_start, api_key_id, model
            """;

    @BeforeAll
    static void startPostgres() {
        DATABASE.start();
    }

    @AfterAll
    static void stopPostgres() {
        DATABASE.stop();
    }

    @Test
    void shouldKeepEveryDailyRowAndNoHourlyOne() throws SQLException {
        String schema = "v29_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DATABASE.connect(schema)) {
            DATABASE.flyway(schema, "28").migrate();
            execute(c, SEED);
            List<List<Object>> daily = rows(c, DAILY_ROWS);
            assertEquals(90, daily.size(), "the seed's daily rows");

            DATABASE.flyway(schema, "29").migrate();

            assertEquals(daily, rows(c, DAILY_ROWS), "every daily row, every column");
            assertEquals(List.of(List.of(90L)), rows(c, "select count(*) from rollup_admin"), "no hourly row");
            SQLException hourly = assertThrows(
                    SQLException.class,
                    () -> execute(
                            c,
                            "insert into rollup_admin (org_id, team_id, grain, bucket_start, model, service_tier)"
                                    + " values ('org_a', 'team_x', 3600, '2025-04-01T00:00Z', 'm', 'standard')"));
            assertTrue(hourly.getMessage().contains("rollup_admin_grain_check"), hourly.getMessage());
            // The worker's upsert adds to the day's row (nulls equal in the key), as before.
            execute(c, """
                    insert into rollup_admin (org_id, team_id, grain, bucket_start, api_key_id, model, service_tier,
                                              context_window, inference_geo, request_count, cost_usd)
                    values ('org_a', 'team_x', 86400, '2025-03-01T00:00Z', null, 'model_0', 'standard', null, null, 2,
                            0.5)
                    on conflict (org_id, team_id, grain, bucket_start, api_key_id, model, service_tier, context_window,
                                 inference_geo)
                    do update set request_count = rollup_admin.request_count + excluded.request_count,
                                  cost_usd = rollup_admin.cost_usd + excluded.cost_usd
                    """);
            assertEquals(
                    List.of(List.of(3L, new java.math.BigDecimal("2.000000000000"))),
                    rows(
                            c,
                            "select request_count, cost_usd from rollup_admin where org_id = 'org_a'"
                                    + " and team_id = 'team_x' and bucket_start = '2025-03-01T00:00Z'"));
        } finally {
            DATABASE.dropSchema(schema);
        }
    }
}
