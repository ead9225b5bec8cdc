package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The all-new identity claim ({@link UsageEventRepository#claimAllKeys}) tells ingest whether every identity was new
 * by the count of identities it inserted alone, with no error code: the count must be exactly the identities no
 * committed transaction holds, also when another transaction holds one uncommitted (the claim waits for it). Runs in
 * the Citus suite too, where the claim is an {@code insert … select} through the coordinator (whose update count is
 * the rows read, not the rows inserted: this test is how that was found).
 */
@QuarkusTest
class IdentityClaimTest {
    @Inject
    AgroalDataSource dataSource;

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void shouldCountOnlyTheIdentitiesNotStoredBefore() throws SQLException {
        String org = Tenants.newOrg();
        UUID[] keys = keys(5);
        try (Connection c = transaction()) {
            assertEquals(3, commitKeysOnly(c, org, claim(c, org, keys[0], keys[1], keys[2])));

            assertEquals(2, claim(c, org, keys).claimed(), "three of five stored before");
            c.rollback();
            assertEquals(0, claim(c, org, keys[2], keys[0], keys[1]).claimed(), "all stored before");
            c.rollback();
            assertEquals(
                    3, claim(c, Tenants.newOrg(), keys[0], keys[1], keys[2]).claimed(), "another organization's");
            c.rollback();
        }
        assertEquals(3, Db.count("select count(*) from usage_event_key where org_id = ?", org));
        assertEquals(0, Db.count("select count(*) from ingest_batch where org_id = ?", org), "rolled back: none added");
    }

    @Test
    void shouldWaitForAnUncommittedClaimAndCountByItsOutcome() throws Exception {
        assertEquals(1, claimedBeside(keys(2), true), "the identity the other transaction committed is not new");
        assertEquals(2, claimedBeside(keys(2), false), "the identity the other transaction rolled back is new");
    }

    /**
     * Claims all keys while another transaction holds the first one uncommitted: the claim must wait for it, which
     * then commits or rolls back. Answers the claim's count.
     */
    private int claimedBeside(UUID[] keys, boolean commit) throws Exception {
        String org = Tenants.newOrg();
        try (Connection holder = transaction();
                Connection racer = transaction()) {
            UsageEventRepository.AllKeysClaim held = claim(holder, org, keys[0]);
            assertEquals(1, held.claimed());
            CompletableFuture<Integer> raced = CompletableFuture.supplyAsync(() -> claimed(racer, org, keys));
            assertThrows(
                    TimeoutException.class,
                    () -> raced.get(500, TimeUnit.MILLISECONDS),
                    "the claim waits for the identity another transaction holds uncommitted");
            if (commit) {
                commitKeysOnly(holder, org, held);
            } else {
                holder.rollback();
            }
            try {
                return raced.get(30, TimeUnit.SECONDS);
            } finally {
                racer.rollback();
            }
        }
    }

    /**
     * Commits the claimed identities without their batch row: a batch row whose events never come would stay pending
     * for the worker, and the tests that fold everything after this one would wait on it. Answers the count.
     */
    private static int commitKeysOnly(Connection c, String org, UsageEventRepository.AllKeysClaim claim)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from ingest_batch where org_id = ? and batch_id = ?")) {
            ps.setString(1, org);
            ps.setLong(2, claim.batchId());
            assertEquals(1, ps.executeUpdate());
        }
        c.commit();
        return claim.claimed();
    }

    private static int claimed(Connection c, String org, UUID[] keys) {
        try {
            return claim(c, org, keys).claimed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UsageEventRepository.AllKeysClaim claim(Connection c, String org, UUID... keys) throws SQLException {
        return UsageEventRepository.claimAllKeys(c, org, keys, AT, AT.plusSeconds(60));
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static UUID[] keys(int n) {
        UUID[] keys = new UUID[n];
        for (int i = 0; i < n; i++) {
            keys[i] = UUID.randomUUID();
        }
        return keys;
    }
}
