package dev.gatewayreports.reportapi.support;

import dev.gatewayreports.model.rollup.KeptList;
import dev.gatewayreports.model.rollup.RollupFold;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.SQLException;

/** Folds every pending ingest batch into the rollups with the worker's own code, as the worker would. */
public final class Rollups {
    private Rollups() {}

    public static void foldAll() {
        untilNone(c -> RollupFold.fold(c, 20) >= 0);
    }

    /** What the worker does after its folds: adds to the kept lists the events of batches older workers folded. */
    public static void repairKept() {
        untilNone(c -> KeptList.repair(c) > 0);
    }

    private interface Step {
        boolean didSome(Connection c) throws SQLException;
    }

    /** Runs {@code step}, committing each, until it does nothing; rolls back a failed one. */
    private static void untilNone(Step step) {
        AgroalDataSource ds = CDI.current().select(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                while (step.didSome(c)) {
                    c.commit();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fold failed", e);
        }
    }
}
