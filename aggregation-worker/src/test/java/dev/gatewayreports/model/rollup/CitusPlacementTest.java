package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a Citus coordinator (deploy/citus/run.sh test): the migrations' afterMigrate step placed every table as
 * deploy/SCALING.md §6 says, and the fold's event read for one claim is a router query (one shard). Skipped on plain
 * PostgreSQL, where the step does nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class CitusPlacementTest {
    private static final List<String> DISTRIBUTED = List.of(
            "usage_event",
            "usage_event_key",
            "rollup_team",
            "rollup_model",
            "rollup_api_key",
            "rollup_error",
            "rollup_admin",
            "rollup_org",
            "rollup_org_model",
            "rollup_org_error",
            "ingest_batch",
            "slowest_request",
            "newest_error");
    private static final List<String> COORDINATOR = List.of(
            "organization",
            "team",
            "service_key",
            "saved_report",
            "report_schedule",
            "report_delivery",
            "ingest_rate",
            "audit_event",
            "alert_rule",
            "alert_event",
            "alert_notification");

    private final AgroalDataSource ds;

    CitusPlacementTest(AgroalDataSource ds) {
        this.ds = ds;
    }

    @BeforeEach
    void onCitusOnly() {
        assumeTrue(Db.count("select count(*) from pg_extension where extname = 'citus'") == 1, "not a Citus database");
    }

    private static Map<String, String> placement() {
        // partmethod h: hash-distributed, n: reference or coordinator-local; repmodel s for coordinator-local.
        return Db.query("""
                        select logicalrelid::text as t, partmethod::text || repmodel::text || ':' || colocationid as p
                        from pg_dist_partition
                        """).stream().collect(Collectors.toMap(r -> (String) r.get("t"), r -> (String) r.get("p")));
    }

    @Test
    void shouldDistributeByOrganizationCoLocatedAndKeepTheRestWhereTheListsSay() {
        Map<String, String> placed = placement();
        String events = placed.get("usage_event");
        assertTrue(events.startsWith("hs:"), "usage_event is hash-distributed: " + events);
        for (String table : DISTRIBUTED) {
            assertEquals(events, placed.get(table), table + " co-located with usage_event");
            assertEquals(
                    "org_id",
                    Db.one(
                                    "select column_to_column_name(logicalrelid, partkey) as c from pg_dist_partition"
                                            + " where logicalrelid = ?::regclass",
                                    table)
                            .get("c"));
        }
        assertTrue(placed.get("price").startsWith("nt:"), "price is a reference table: " + placed.get("price"));
        for (String table : COORDINATOR) {
            assertTrue(placed.get(table).startsWith("ns:"), table + " is coordinator-local: " + placed.get(table));
        }
        assertEquals(0, Db.count("select count(*) from pg_dist_partition where autoconverted"), "added on purpose");
        // Partitions made later (ingest's usage_event_ensure_partitions) are distributed with their parent.
        Db.query("select usage_event_ensure_partitions(date '2031-01-01', date '2031-01-01')");
        assertEquals(events, placement().get("usage_event_p20310101"));
    }

    @Test
    void shouldReadOneClaimsEventsFromOneShard() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain " + WorkQueue.EVENTS)) {
            bindClaimed(c, ps, 1);
            assertOneShard(ps);
        }
    }

    @Test
    void shouldClaimAndFoldInSqlOnOneShard() throws SQLException {
        // The claim (ingest_batch is co-located with the events) and each grouped insert of the SQL fold run on the
        // organization's shard group: the fold is a local transaction on one node.
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain " + WorkQueue.CLAIM)) {
            ps.setString(1, "org_router");
            ps.setString(2, "org_router");
            ps.setString(3, "org_router");
            ps.setLong(4, 1000);
            ps.setInt(5, 1000);
            assertOneShard(ps);
        }
        for (Shape shape : Shape.values()) {
            if (shape.latency) {
                continue;
            }
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("explain " + SqlFold.sql(shape, WorkQueue.CLAIMED))) {
                ps.setArray(1, c.createArrayOf("int4", new Integer[] {3600, 86400}));
                bindClaimed(c, ps, 2);
                assertOneShard(ps);
            }
        }
    }

    @Test
    void shouldKeepTheListsOnOneShard() throws SQLException {
        // The fold's candidate inserts and trims of slowest_request (V37) and newest_error (V38) stay in the
        // organization's shard group too.
        for (KeptList list : KeptList.ALL) {
            boolean floored = list.floor() != null;
            try (Connection c = ds.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("explain " + list.insertSql(WorkQueue.CLAIMED, floored))) {
                int p = bindClaimed(c, ps, 1);
                if (floored) {
                    ps.setArray(p++, c.createArrayOf("text", new String[] {"team_a"}));
                    ps.setArray(p++, c.createArrayOf("text", new String[] {"2026-12-01"}));
                    ps.setArray(p, c.createArrayOf("text", new String[] {"5"}));
                }
                assertOneShard(ps);
            }
            if (floored) {
                try (Connection c = ds.getConnection();
                        PreparedStatement ps =
                                c.prepareStatement("explain " + list.floor().read())) {
                    ps.setArray(1, c.createArrayOf("text", new String[] {"team_a"}));
                    ps.setArray(2, c.createArrayOf("text", new String[] {"2026-12-01"}));
                    ps.setString(3, "org_router");
                    assertOneShard(ps);
                }
            }
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("explain " + list.trim())) {
                ps.setArray(1, c.createArrayOf("text", new String[] {"team_a"}));
                ps.setArray(2, c.createArrayOf("text", new String[] {"2026-12-01"}));
                ps.setString(3, "org_router");
                ps.setString(4, "org_router");
                assertOneShard(ps);
            }
        }
    }

    /** Binds WorkQueue.CLAIMED's parameters from {@code first}; answers the next position. */
    private static int bindClaimed(Connection c, PreparedStatement ps, int first) throws SQLException {
        ps.setString(first, "org_router");
        ps.setArray(first + 1, c.createArrayOf("int8", new Long[] {1L, 2L}));
        ps.setTimestamp(first + 2, Timestamp.from(Instant.parse("2031-01-01T00:00:00Z")));
        ps.setTimestamp(first + 3, Timestamp.from(Instant.parse("2031-01-01T12:00:00Z")));
        return first + 4;
    }

    private static void assertOneShard(PreparedStatement ps) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        assertTrue(plan.toString().contains("Task Count: 1"), plan.toString());
        assertTrue(plan.toString().contains("Custom Scan (Citus Adaptive)"), plan.toString());
    }
}
