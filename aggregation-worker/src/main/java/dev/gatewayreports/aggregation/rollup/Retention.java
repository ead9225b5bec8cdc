package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.rollup.Shape;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Drops raw events older than the raw retention (whole daily partitions: no row-by-row delete, no bloat) and
 * rollup rows older than the rollup retention, once a day. Safe while ingest runs: the ingest window
 * ({@code reports.ingest.max-age}) should not reach past the raw retention.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final String DROP_PARTITIONS = "select usage_event_drop_partitions_before(?)";

    private final AgroalDataSource dataSource;
    private final RollupConfig config;

    public Retention(AgroalDataSource dataSource, RollupConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(cron = "0 17 3 * * ?")
    void nightly() throws SQLException {
        apply(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Applies both retentions as of {@code today}; answers [partitions dropped, rollup rows deleted]. The drop and
     * the deletes commit separately (the drop's locks on usage_event must not wait for the deletes), each in a
     * transaction whose statements may run up to the maintenance statement timeout.
     */
    public long[] apply(LocalDate today) throws SQLException {
        long dropped;
        long deleted;
        try (Connection c = dataSource.getConnection()) {
            dropped = inMaintenanceTransaction(c, () -> dropPartitions(c, today));
            deleted = inMaintenanceTransaction(c, () -> deleteRollups(c, today));
        }
        LOG.infof("retention: dropped %d raw partitions, deleted %d rollup rows", dropped, deleted);
        return new long[] {dropped, deleted};
    }

    private long dropPartitions(Connection c, LocalDate today) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DROP_PARTITIONS)) {
            ps.setObject(1, today.minusDays(config.rawRetentionDays()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long deleteRollups(Connection c, LocalDate today) throws SQLException {
        long deleted = 0;
        for (Shape shape : Shape.values()) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + shape.table + " where bucket_start < ?")) {
                ps.setObject(
                        1,
                        today.minusDays(config.rollupRetentionDays())
                                .atStartOfDay()
                                .atOffset(ZoneOffset.UTC));
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    private long inMaintenanceTransaction(Connection c, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            RollupRebuild.setLocal(c, "statement_timeout", config.maintenanceStatementTimeout());
            long result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Statements of one maintenance transaction. */
    private interface Work {
        long run() throws SQLException;
    }
}
