package dev.gatewayreports.model.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The worker's unit of rollup work on a connection the caller owns and commits: claim pending batches (SKIP
 * LOCKED), read their events, lock their teams, add the deltas to every rollup, mark the batches done. A
 * rollback anywhere before the commit leaves the batches pending, so every event is counted exactly once.
 */
public final class RollupFold {
    /** Taken shared by every fold and exclusively by a rebuild, so the two never interleave. */
    public static final String SHARED_LOCK = "select pg_advisory_xact_lock_shared(hashtext('rollup:rebuild'))";

    private RollupFold() {}

    /**
     * Folds one claim: pending batches until their events reach {@code maxEvents} (at least one batch); answers the
     * events folded, or -1 when none was pending.
     */
    public static long fold(Connection c, int maxEvents) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SHARED_LOCK)) {
            ps.execute();
        }
        WorkQueue.Claim claim = WorkQueue.claim(c, maxEvents);
        if (claim == null) {
            return -1;
        }
        Deltas deltas = new Deltas();
        WorkQueue.readEvents(c, claim, deltas::fold);
        WorkQueue.lockTeams(c, deltas.teams());
        for (Shape shape : Shape.values()) {
            RollupWriter.apply(c, shape, deltas.rows(shape));
        }
        WorkQueue.markDone(c, claim);
        return deltas.events();
    }
}
