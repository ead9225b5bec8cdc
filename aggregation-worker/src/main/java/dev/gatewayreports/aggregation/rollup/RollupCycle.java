package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.jdbc.Transactions;
import dev.gatewayreports.model.rollup.KeptList;
import dev.gatewayreports.model.rollup.RollupFold;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
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
    static final String SHARED_LOCK = RollupFold.SHARED_LOCK;

    private final AgroalDataSource dataSource;

    public RollupCycle(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Folds one claim of pending batches, up to {@code maxEvents} events (at least one batch); answers how many
     * events it folded, or -1 when nothing was pending.
     */
    public long runOnce(int maxEvents, Runnable beforeCommit) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            long folded = RollupFold.fold(c, maxEvents);
            beforeCommit.run();
            return folded;
        });
    }

    /**
     * Adds to a kept list (slowest_request, newest_error) the events of batches a worker of an older version folded
     * during a rolling update without them (KeptList#repair), one transaction of up to 20 batches of one list; answers
     * the batches repaired, 0 when none is left.
     */
    public int repairKept() throws SQLException {
        return Transactions.inTransaction(dataSource, KeptList::repair);
    }
}
