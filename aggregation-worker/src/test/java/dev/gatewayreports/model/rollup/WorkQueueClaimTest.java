package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.aggregation.rollup.RollupCycle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim is one organization's pending batches, the oldest unheld batch's organization first, so that on Citus the
 * fold reads and writes one shard; a second worker meanwhile claims another organization's batches.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class WorkQueueClaimTest {
    private static final String NEW_BATCH = """
            insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)
            values (?, ?, now() - interval '1 hour', now()) returning batch_id
            """;

    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final String orgA = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final String orgB = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Long> made = new ArrayList<>();

    WorkQueueClaimTest(AgroalDataSource ds, RollupCycle cycle) {
        this.ds = ds;
        this.cycle = cycle;
    }

    @BeforeEach
    void drainOthers() throws SQLException {
        while (cycle.runOnce(50, () -> {}) >= 0) {
            // earlier tests' pending batches are folded, so the queue holds only this test's
        }
    }

    @AfterEach
    void markOwnDone() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("update ingest_batch set rolled_up_at = now() where batch_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("int8", made.toArray()));
            ps.executeUpdate();
        }
    }

    private long batch(String org) throws SQLException {
        return batch(org, 0);
    }

    private long batch(String org, int events) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(NEW_BATCH)) {
            ps.setString(1, org);
            ps.setInt(2, events);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                made.add(rs.getLong(1));
                return rs.getLong(1);
            }
        }
    }

    @Test
    void shouldClaimTheOldestBatchesOrganizationAndLeaveTheOtherToASecondWorker() throws SQLException {
        long a1 = batch(orgA);
        long b1 = batch(orgB);
        long a2 = batch(orgA);
        long b2 = batch(orgB);
        long a3 = batch(orgA);
        try (Connection first = ds.getConnection();
                Connection second = ds.getConnection();
                Connection third = ds.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            third.setAutoCommit(false);

            WorkQueue.Claim one = WorkQueue.claim(first, 10);
            assertEquals(orgA, one.orgId());
            assertArrayEquals(new Long[] {a1, a2, a3}, one.batchIds());

            WorkQueue.Claim two = WorkQueue.claim(second, 10);
            assertEquals(orgB, two.orgId());
            assertArrayEquals(new Long[] {b1, b2}, two.batchIds());

            assertNull(WorkQueue.claim(third, 10), "every pending batch is held");

            first.rollback();
            WorkQueue.Claim again = WorkQueue.claim(third, 2);
            assertEquals(orgA, again.orgId());
            assertArrayEquals(new Long[] {a1, a2}, again.batchIds(), "at most the limit, oldest first");
            second.rollback();
            third.rollback();
        }
    }

    @Test
    void shouldLeaveABatchPendingWhileFewerEventsThanItHoldsAreVisible() throws SQLException {
        // As a batch looks on Citus between the coordinator's commit of its row and the worker's of its events; on one
        // PostgreSQL the two commit together and a shortfall means deleted events, which fold without them.
        assumeTrue(citus(), "not a Citus database");
        long early = batch(orgA, 3);
        SQLException refused = assertThrows(SQLException.class, () -> cycle.runOnce(10, () -> {}));
        assertTrue(refused.getMessage().contains("0 are visible yet"), refused.getMessage());
        assertEquals(1, pending(early), "still pending");
    }

    private boolean citus() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(WorkQueue.CITUS);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private long pending(long batchId) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from ingest_batch where batch_id = ? and rolled_up_at is null")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
