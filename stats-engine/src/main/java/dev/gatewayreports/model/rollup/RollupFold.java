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

    /**
     * JIT off for the rest of the transaction: the fold's grouped inserts are estimated costly for a large claim, and
     * compiling rollup_admin's for a 700-event claim took 11.8 s (jit_optimize on, load average 20 on 2 cores)
     * against 0.6 s to run it.
     */
    static final String NO_JIT = "select set_config('jit', 'off', true)";

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
        // Read once per fold and passed down (it was asked for by every sketch table's read and the event check).
        boolean distributed = WorkQueue.distributed(c);
        Deltas deltas = new Deltas();
        WorkQueue.readEvents(c, claim, distributed, deltas::fold);
        WorkQueue.lockTeams(c, deltas.teams());
        SqlFold.Events events = WorkQueue.claimed(c, claim);
        write(c, distributed, deltas, events);
        // Each kept list's candidates of the claim, then its team-days trimmed back, before the mark (which also marks
        // the batches kept in every list): all commit together, so a batch's events are in slowest_request and
        // newest_error exactly when it is kept.
        KeptList.keep(c, claim.orgId(), deltas.teamDays(claim.orgId()), events);
        WorkQueue.markDone(c, claim);
        return deltas.events();
    }

    /**
     * Writes every rollup: the shapes with a latency sketch from {@code deltas} (their sketches are merged in Java),
     * the others folded in SQL straight from {@code events}, the same events {@code deltas} holds. Not the
     * kept lists: the caller adds to them ({@link KeptList#add}) the events of the batches it marks kept.
     */
    public static void write(Connection c, Deltas deltas, SqlFold.Events events) throws SQLException {
        write(c, WorkQueue.distributed(c), deltas, events);
    }

    /** {@link #write(Connection, Deltas, SqlFold.Events)}; {@code distributed}: whether this is a Citus cluster. */
    static void write(Connection c, boolean distributed, Deltas deltas, SqlFold.Events events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NO_JIT)) {
            ps.execute();
        }
        for (Shape shape : Shape.values()) {
            if (shape.latency) {
                RollupWriter.apply(c, shape, deltas.rows(shape), distributed);
            } else {
                SqlFold.apply(c, shape, events);
            }
        }
    }
}
