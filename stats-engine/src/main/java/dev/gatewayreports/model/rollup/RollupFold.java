package dev.gatewayreports.model.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The worker's unit of rollup work on a connection the caller owns and commits: claim pending batches (SKIP
 * LOCKED), read their events' latencies, lock their teams, fold the events into every rollup, mark the batches done. A
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
        SqlFold.Events events = WorkQueue.claimed(c, claim);
        Deltas deltas = Deltas.read(c, events);
        WorkQueue.checkVisible(c, claim, deltas.events());
        WorkQueue.lockTeams(c, deltas.teams());
        write(c, deltas, events);
        WorkQueue.markDone(c, claim);
        return deltas.events();
    }

    /**
     * Writes every rollup: one statement per shape folds its figures in SQL straight from {@code events}; the latency
     * sketches come from {@code deltas}, which holds the same events' latencies (merged in Java).
     */
    public static void write(Connection c, Deltas deltas, SqlFold.Events events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NO_JIT)) {
            ps.execute();
        }
        for (Shape shape : Shape.values()) {
            SqlFold.apply(c, shape, events, shape.latency ? deltas.rows(shape) : null);
        }
    }
}
