package dev.gatewayreports.aggregation.rollup;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One unit of rollup work, all in one transaction: claim pending batches (SKIP LOCKED), read their events, lock
 * their teams, add the deltas to every rollup, mark the batches done, commit. A crash or a lost connection
 * anywhere before the commit rolls everything back and leaves the batches pending, so every event is counted
 * exactly once whatever fails, and any number of workers can run.
 */
@ApplicationScoped
public class RollupCycle {
    /** Taken shared by every cycle and exclusively by a rebuild, so the two never interleave. */
    static final String SHARED_LOCK = "select pg_advisory_xact_lock_shared(hashtext('rollup:rebuild'))";

    private final AgroalDataSource dataSource;

    public RollupCycle(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Folds one claim of batches; answers how many events it folded, or -1 when nothing was pending. */
    public long runOnce(int batches, Runnable beforeCommit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long folded = fold(c, batches);
                beforeCommit.run();
                c.commit();
                return folded;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static long fold(Connection c, int batches) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SHARED_LOCK)) {
            ps.execute();
        }
        WorkQueue.Claim claim = WorkQueue.claim(c, batches);
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
