package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.model.jdbc.Transactions;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class RollupCycleTest {
    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] teams = {team(), team(), team()};

    RollupCycleTest(AgroalDataSource ds, RollupCycle cycle) {
        this.ds = ds;
        this.cycle = cycle;
    }

    private static String team() {
        return "team_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void drain() throws SQLException {
        while (cycle.runOnce(5_000, () -> {}) >= 0) {
            // folds until nothing is pending, several batches per claim
        }
    }

    private void ingest(int n, Instant from, Duration span, double seed) throws SQLException {
        RawEvents.insert(
                ds,
                org,
                teams,
                n,
                from,
                from.plus(span),
                seed,
                UUID.randomUUID().toString());
    }

    @Test
    void shouldMatchRawEventsAtEveryGrainIncludingLateEvents() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ingest(6_000, now.minus(Duration.ofDays(9)), Duration.ofDays(9), 0.11);
        drain();
        ingest(2_000, now.minus(Duration.ofDays(3)), Duration.ofHours(30), 0.22); // late: lands in old buckets
        ingest(1_500, now.minus(Duration.ofHours(2)), Duration.ofHours(2), 0.33);
        drain();
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
    }

    @Test
    void shouldLeaveBatchesPendingWhenACycleFailsAndCountThemOnceLater() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        drain();
        ingest(3_000, now.minus(Duration.ofDays(2)), Duration.ofDays(2), 0.44);
        assertThrows(
                IllegalStateException.class,
                () -> cycle.runOnce(1_000_000, () -> {
                    throw new IllegalStateException("crash after writing rollups, before commit");
                }));
        assertEquals(0, RollupCheckSql.rollupRequests(ds, teams));
        drain();
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
    }

    @Test
    void shouldClaimBatchesUntilTheirEventsReachTheBudgetAndLockOnlyThose() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        drain();
        for (int i = 0; i < 4; i++) {
            ingest(1_000, now.minus(Duration.ofDays(1)), Duration.ofDays(1), 0.07 * i);
        }
        long[] claimableMeanwhile = new long[1];
        // 1,000 + 1,000 < 2,500: a third batch is taken, and with it the budget is reached.
        long folded = cycle.runOnce(2_500, () -> claimableMeanwhile[0] = claimable());
        assertEquals(3_000, folded);
        assertEquals(1, claimableMeanwhile[0]);
        assertEquals(1_000, cycle.runOnce(1, () -> {}));
        assertEquals(-1, cycle.runOnce(1, () -> {}));
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
    }

    /** This organization's pending batches another transaction could claim now (one shard on Citus). */
    private long claimable() {
        try (Connection c = ds.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement(
                        "select count(*) from (select 1 from ingest_batch where org_id = ? and rolled_up_at is null"
                                + " for update skip locked) pending")) {
                    ps.setString(1, org);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldCountEveryEventOnceWithConcurrentWorkers() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 12; i++) {
            ingest(1_000, now.minus(Duration.ofDays(4)), Duration.ofDays(4), 0.05 * i);
        }
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                try {
                    while (cycle.runOnce(1, () -> {}) >= 0) {
                        // each worker claims one batch at a time, skipping the ones others hold
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        workers.forEach(CompletableFuture::join);
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
        assertEquals(12_000, RollupCheckSql.rollupRequests(ds, teams));
    }

    @Test
    void shouldFoldTeamsOfTheSameIdInTwoOrganizationsIntoRowsOfTheirOwn() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String other = "org_" + UUID.randomUUID().toString().substring(0, 8);
        String requestIds = UUID.randomUUID().toString();
        // Same team ids, same request ids, other figures, in one claim.
        RawEvents.insert(ds, org, teams, 2_000, now.minus(Duration.ofDays(2)), now, 0.61, requestIds);
        RawEvents.insert(ds, other, teams, 3_000, now.minus(Duration.ofDays(2)), now, 0.62, requestIds);
        drain();
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
        RollupCheck.assertRollupsMatchRawEvents(ds, other, teams);
        assertEquals(5_000, RollupCheckSql.rollupRequests(ds, teams));
    }
}
