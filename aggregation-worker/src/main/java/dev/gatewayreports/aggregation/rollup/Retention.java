package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.model.audit.AuditWriter;
import dev.gatewayreports.model.jdbc.Transactions;
import dev.gatewayreports.model.rollup.KeptList;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Drops raw events older than the raw retention (whole daily partitions: no row-by-row delete, no bloat) with the
 * kept lists' rows (slowest requests, newest errors) of those days, and rollup rows older than the rollup retention, once a day. Safe while ingest runs: the ingest window
 * ({@code reports.ingest.max-age}) should not reach past the raw retention.
 *
 * <p>One transaction with its audit row (no organization: retention is system-wide). The rollup rows go first and
 * the partitions last, so the lock dropping a partition takes on {@code usage_event} is held only until the commit
 * right after it.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final String DROP_PARTITIONS = "select usage_event_drop_partitions_before(?)";
    static final String COLUMNAR_PARTITIONS = "select usage_event_set_columnar_before(?)";
    /** Who runs the nightly retention, in the audit log. */
    static final Actor NIGHTLY = Actor.system("aggregation-worker");

    private final AgroalDataSource dataSource;
    private final RollupConfig config;

    public Retention(AgroalDataSource dataSource, RollupConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(cron = "0 17 3 * * ?")
    void nightly() throws SQLException {
        apply(LocalDate.now(ZoneOffset.UTC), NIGHTLY);
    }

    /**
     * Applies both retentions as of {@code today} for {@code actor}, then turns partitions older than {@code
     * aggregation.columnar-after-days} columnar (where the database has columnar storage); answers [partitions
     * dropped, rows deleted, partitions turned columnar].
     */
    public long[] apply(LocalDate today, Actor actor) throws SQLException {
        LocalDate rawBefore = today.minusDays(config.rawRetentionDays());
        LocalDate rollupsBefore = today.minusDays(config.rollupRetentionDays());
        LocalDate columnarBefore =
                config.columnarAfterDays().map(today::minusDays).orElse(null);
        // One transaction (rollup deletes, then the drops, then the audit row), each statement allowed up to the
        // maintenance statement timeout rather than the service's default.
        long[] droppedDeleted = Transactions.inTransaction(dataSource, c -> {
            Transactions.setLocal(c, "statement_timeout", config.maintenanceStatementTimeout());
            long deleted = deleteRollups(c, rollupsBefore);
            deleteKept(c, rawBefore);
            long dropped = partitions(c, DROP_PARTITIONS, rawBefore);
            // After the drops: no partition about to go is rewritten first.
            long columnar = columnarBefore == null ? 0 : partitions(c, COLUMNAR_PARTITIONS, columnarBefore);
            AuditWriter.insert(c, audit(actor, rawBefore, rollupsBefore, dropped, deleted, columnarBefore, columnar));
            return new long[] {dropped, deleted, columnar};
        });
        LOG.infof(
                "retention: dropped %d raw partitions, deleted %d rollup rows, turned %d partitions columnar",
                droppedDeleted[0], droppedDeleted[1], droppedDeleted[2]);
        return droppedDeleted;
    }

    private static long deleteRollups(Connection c, LocalDate before) throws SQLException {
        long deleted = 0;
        for (Shape shape : Shape.values()) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + shape.table + " where bucket_start < ?")) {
                ps.setObject(1, before.atStartOfDay().atOffset(ZoneOffset.UTC));
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /**
     * The kept lists' rows of the days whose raw partitions go (slowest_request V37, newest_error V38): the report lists
     * raw events only, so it must not keep showing requests whose events are dropped.
     */
    private static void deleteKept(Connection c, LocalDate rawBefore) throws SQLException {
        for (KeptList list : KeptList.ALL) {
            list.deleteDays(c, LocalDate.of(1, 1, 1), rawBefore);
        }
    }

    /** Calls one of the partition functions with its cut-off day; answers the partitions it changed. */
    private static long partitions(Connection c, String function, LocalDate before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(function)) {
            ps.setObject(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static AuditEntry audit(
            Actor actor,
            LocalDate rawBefore,
            LocalDate rollupsBefore,
            long dropped,
            long deleted,
            LocalDate columnarBefore,
            long columnar) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("raw_before", rawBefore.toString());
        details.put("rollups_before", rollupsBefore.toString());
        details.put("partitions_dropped", dropped);
        details.put("rollup_rows_deleted", deleted);
        if (columnarBefore != null) {
            details.put("columnar_before", columnarBefore.toString());
            details.put("partitions_columnar", columnar);
        }
        return new AuditEntry(null, actor, AuditAction.RETENTION_APPLIED, "retention", null, details);
    }
}
