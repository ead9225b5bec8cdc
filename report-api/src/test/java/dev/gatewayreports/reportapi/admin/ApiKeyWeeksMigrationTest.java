package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.testing.MigrationDatabase.execute;
import static dev.gatewayreports.testing.MigrationDatabase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.testing.MigrationDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V39 (rollup_api_key keeps epoch weeks) over the hour and day rows the previous version wrote: every row is kept, each
 * week row is the sum of its days (summed here in Java), and a fold of the version before, which does not name
 * with_weeks, can no longer write: neither a new row nor an addition to an existing one.
 */
class ApiKeyWeeksMigrationTest {
    private static final MigrationDatabase DATABASE = new MigrationDatabase();
    private static final long WEEK = 604_800;

    /** 40 days (several epoch weeks, partial ones at both ends) of two owners and three keys, a null key among them. */
    private static final String SEED = """
            insert into rollup_api_key (org_id, team_id, grain, bucket_start, api_key_id, request_count, error_count,
                                        input_tokens, output_tokens, credits, cost_usd)
            select o, t, g, '2025-03-01T00:00Z'::timestamptz + (h * g) * interval '1 second', k, h + 1, h % 3, 10 * h,
                   7 * h, 0.000001 * h + 0.5, 0.000000000001 * h + 1.25
              from (values ('org_a', 'team_x'), ('org_b', 'team_x')) as owner (o, t)
             cross join (values ('key_1'), ('key_2'), (null)) as key (k)
             cross join (values (3600, 30), (86400, 40)) as grain (g, n)
             cross join lateral generate_series(0, n - 1) h
            """;

    private static final String ROWS = """
            select org_id, team_id, grain, extract(epoch from bucket_start)::bigint, coalesce(api_key_id, '-'),
                   request_count, error_count, input_tokens, output_tokens, credits, cost_usd
              from rollup_api_key where grain in (%s)
             order by 1, 2, 3, 4, 5
            """;

    /** The fold of the version before V39, as SqlFold wrote it: no with_weeks. */
    private static final String OLD_FOLD = """
            insert into rollup_api_key (org_id, team_id, grain, bucket_start, api_key_id, request_count, cost_usd)
            values ('org_a', 'team_x', 86400, '%s', 'key_1', 1, 0.5)
            on conflict (org_id, team_id, grain, bucket_start, api_key_id)
            do update set request_count = rollup_api_key.request_count + excluded.request_count,
                          cost_usd = rollup_api_key.cost_usd + excluded.cost_usd
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
    void shouldSumEachWeekFromItsDaysAndStopFoldsThatDoNotWriteWeeks() throws SQLException {
        String schema = "v39_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DATABASE.connect(schema)) {
            DATABASE.flyway(schema, "38").migrate();
            execute(c, SEED);
            List<List<Object>> before = rows(c, ROWS.formatted("3600, 86400"));
            assertEquals(2 * 3 * (30 + 40), before.size(), "the seed's rows");

            DATABASE.flyway(schema, "39").migrate();

            assertEquals(before, rows(c, ROWS.formatted("3600, 86400")), "every hour and day row, every column");
            // Each day row into its epoch week (Thursday 00:00 UTC), in Java.
            Map<String, List<Object>> weeks = new TreeMap<>();
            for (List<Object> day : before) {
                if (((Number) day.get(2)).intValue() != 86_400) {
                    continue;
                }
                long week = Math.floorDiv(((Number) day.get(3)).longValue(), WEEK) * WEEK;
                String key = day.get(0) + "|" + day.get(1) + "|" + week + "|" + day.get(4);
                List<Object> sum = weeks.computeIfAbsent(
                        key, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L, BigDecimal.ZERO, BigDecimal.ZERO)));
                for (int i = 0; i < 4; i++) {
                    sum.set(i, (Long) sum.get(i) + ((Number) day.get(5 + i)).longValue());
                }
                for (int i = 4; i < 6; i++) {
                    sum.set(i, ((BigDecimal) sum.get(i)).add((BigDecimal) day.get(5 + i)));
                }
            }
            Map<String, List<Object>> stored = new TreeMap<>();
            for (List<Object> row : rows(c, ROWS.formatted("604800"))) {
                stored.put(
                        row.get(0) + "|" + row.get(1) + "|" + row.get(3) + "|" + row.get(4),
                        List.of(
                                ((Number) row.get(5)).longValue(),
                                ((Number) row.get(6)).longValue(),
                                ((Number) row.get(7)).longValue(),
                                ((Number) row.get(8)).longValue(),
                                ((BigDecimal) row.get(9)).stripTrailingZeros(),
                                ((BigDecimal) row.get(10)).stripTrailingZeros()));
            }
            weeks.replaceAll((k, v) -> List.of(
                    v.get(0),
                    v.get(1),
                    v.get(2),
                    v.get(3),
                    ((BigDecimal) v.get(4)).stripTrailingZeros(),
                    ((BigDecimal) v.get(5)).stripTrailingZeros()));
            assertEquals(2 * 3 * 6, weeks.size(), "40 days from a Saturday touch six epoch weeks");
            assertEquals(weeks, stored, "each week the sum of its days");

            // A worker of the version before: its claim's statement fails, into a new row or onto an existing one.
            for (Instant at : List.of(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"))) {
                SQLException refused = assertThrows(SQLException.class, () -> execute(c, OLD_FOLD.formatted(at)));
                assertEquals("23502", refused.getSQLState(), "not-null violation of with_weeks: " + refused);
            }
        } finally {
            DATABASE.dropSchema(schema);
        }
    }
}
