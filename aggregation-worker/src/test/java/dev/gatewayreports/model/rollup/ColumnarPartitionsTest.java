package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V35/V36: every daily partition carries its own BRIN batch index (none on the parent), and
 * usage_event_set_columnar_before turns closed partitions columnar where the database has columnar storage (the
 * Citus suite, deploy/citus/run.sh test) and changes nothing on plain PostgreSQL. Uses days of 1990, which no other
 * test writes, and drops them afterwards.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class ColumnarPartitionsTest {
    private static final String ORG = "org_columnar";
    /** Figures of the closed day, computed by the database from the rows as stored. */
    private static final String FIGURES = """
            select count(*) as n, sum(input_tokens) as tokens, sum(cost_usd) as cost,
                   count(*) filter (where status = 'error') as errors
              from usage_event
             where org_id = ? and occurred_at >= '1990-01-01T00:00:00Z' and occurred_at < '1990-01-02T00:00:00Z'
            """;

    private static boolean columnarInstalled() {
        return Db.count("select count(*) from pg_am where amname = 'columnar'") == 1;
    }

    private static String accessMethod(String table) {
        return (String) Db.one(
                        "select a.amname::text as am from pg_class c join pg_am a on a.oid = c.relam"
                                + " where c.oid = ?::regclass",
                        table)
                .get("am");
    }

    private static long indexes(String table, String name) {
        return Db.count("select count(*) from pg_indexes where tablename = ? and indexname = ?", table, name);
    }

    @AfterEach
    void dropTheDays() {
        Db.query("select usage_event_drop_partitions_before(date '1990-01-03')");
    }

    @Test
    void shouldKeepTheBatchIndexPerPartitionAndTurnClosedDaysColumnarWhereAvailable() {
        assertEquals(0, Db.count("select count(*) from pg_indexes where indexname = 'usage_event_batch_brin'"));
        Db.query("select usage_event_ensure_partitions(date '1990-01-01', date '1990-01-02')");
        assertEquals(1, indexes("usage_event_p19900101", "usage_event_p19900101_batch_brin"));
        assertEquals(1, indexes("usage_event_p19900102", "usage_event_p19900102_batch_brin"));
        // Every other partition has its own too (V35 made them for the partitions that existed).
        assertEquals(0, Db.count("""
                        select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                         join pg_am a on a.oid = c.relam
                         where i.inhparent = 'usage_event'::regclass and a.amname = 'heap'
                           and not exists (select 1 from pg_indexes x
                                           where x.tablename = c.relname and x.indexname = c.relname || '_batch_brin')
                        """));

        Db.execute("""
                insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                                         status, latency_ms, service_tier, input_tokens, cost_usd, cost_source)
                select 'team_' || (i % 3), timestamptz '1990-01-01T00:00:00Z' + i * interval '17 seconds',
                       'req_' || i, 1, ?, 'anthropic', 'claude-sonnet-4',
                       case when i % 7 = 0 then 'error' else 'success' end, i % 900, 'standard', i,
                       i * 0.000001::numeric, 'reported'
                  from generate_series(1, 5000) i
                """, ORG);
        Map<String, Object> before = Db.one(FIGURES, ORG);
        // Independent: 1 + … + 5000, and i·10⁻⁶ summed, and the multiples of 7 up to 5000.
        assertEquals(5000L, ((Number) before.get("n")).longValue());
        assertEquals(
                new BigDecimal("12502500"), new BigDecimal(before.get("tokens").toString()));
        assertEquals(0, new BigDecimal("12.502500").compareTo((BigDecimal) before.get("cost")));
        assertEquals(714L, ((Number) before.get("errors")).longValue());

        long turned = ((Number) Db.one("select usage_event_set_columnar_before(date '1990-01-02') as n")
                        .get("n"))
                .longValue();
        if (!columnarInstalled()) {
            assertEquals(0, turned, "no columnar storage: nothing changes");
            assertEquals("heap", accessMethod("usage_event_p19900101"));
            assertEquals(1, indexes("usage_event_p19900101", "usage_event_p19900101_batch_brin"));
            return;
        }
        assertEquals(1, turned, "only the day before the cut-off");
        assertEquals("columnar", accessMethod("usage_event_p19900101"));
        assertEquals(0, indexes("usage_event_p19900101", "usage_event_p19900101_batch_brin"));
        assertEquals("heap", accessMethod("usage_event_p19900102"));
        assertEquals(1, indexes("usage_event_p19900102", "usage_event_p19900102_batch_brin"));
        assertTrue(
                Db.count("select count(*) from pg_inherits where inhrelid = 'usage_event_p19900101'::regclass") == 1,
                "still a partition of usage_event");
        assertEquals(before, Db.one(FIGURES, ORG), "the same rows after the rewrite");
        // A late event is still accepted (columnar takes inserts), and a second call has nothing left to turn.
        Db.execute("""
                insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                                         status, latency_ms, service_tier, input_tokens, cost_source)
                values ('team_0', '1990-01-01T23:00:00Z', 'req_late', 2, ?, 'anthropic', 'claude-sonnet-4',
                        'success', 10, 'standard', 1, 'unpriced')
                """, ORG);
        assertEquals(5001L, ((Number) Db.one(FIGURES, ORG).get("n")).longValue());
        assertEquals(0, Db.count("select usage_event_set_columnar_before(date '1990-01-02')"));
    }
}
