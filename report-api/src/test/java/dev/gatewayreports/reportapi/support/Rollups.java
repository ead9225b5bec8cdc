package dev.gatewayreports.reportapi.support;

import dev.gatewayreports.model.rollup.RollupFold;
import dev.gatewayreports.model.rollup.SlowestFold;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.SQLException;

/** Folds every pending ingest batch into the rollups with the worker's own code, as the worker would. */
public final class Rollups {
    private Rollups() {}

    public static void foldAll() {
        AgroalDataSource ds = CDI.current().select(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                while (RollupFold.fold(c, 20) >= 0) {
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

    /** What the worker does after its folds: adds the slowest requests of batches an old worker folded. */
    public static void repairSlowest() {
        AgroalDataSource ds = CDI.current().select(AgroalDataSource.class).get();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                while (SlowestFold.repair(c) > 0) {
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
            throw new IllegalStateException("repair failed", e);
        }
    }
}
