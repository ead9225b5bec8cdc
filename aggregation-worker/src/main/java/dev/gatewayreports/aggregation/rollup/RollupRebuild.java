package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.model.audit.AuditWriter;
import dev.gatewayreports.model.jdbc.Transactions;
import dev.gatewayreports.model.rollup.Deltas;
import dev.gatewayreports.model.rollup.EventRow;
import dev.gatewayreports.model.rollup.KeptList;
import dev.gatewayreports.model.rollup.RollupFold;
import dev.gatewayreports.model.rollup.Shape;
import dev.gatewayreports.model.rollup.SqlFold;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recomputes the rollups of whole UTC days from raw events, safe while ingest and workers run: it holds the
 * rebuild lock exclusively (cycles take it shared, so none runs meanwhile), recomputes the days' rows of the kept
 * lists (slowest_request, newest_error) with them, and folds only events of batches already rolled up — the pending ones are folded by the workers afterwards, exactly once. The weeks holding those days
 * (rollup_api_key) are then summed again from their day rows. Its audit row (no
 * organization: a rebuild is system-wide) commits with it.
 */
@ApplicationScoped
public class RollupRebuild {
    static final String EXCLUSIVE_LOCK = "select pg_advisory_xact_lock(hashtext('rollup:rebuild'))";
    /**
     * A day's events of the batches meeting {@code batch} (over {@code ingest_batch b}), a predicate over {@code
     * usage_event e}. The batch is matched by organization too: on Citus ingest_batch is co-located with usage_event,
     * so the join stays on each shard.
     */
    private static String ofDay(String batch) {
        return """
                e.occurred_at >= ? and e.occurred_at < ?
                  and exists (select 1 from ingest_batch b
                              where b.org_id = e.org_id and b.batch_id = e.ingest_batch_id and %s)
                """.formatted(batch);
    }

    /** A day's events of batches already rolled up. */
    static final String OF_DAY = ofDay("b.rolled_up_at is not null");

    static final String EVENTS_OF_DAY = "select " + EventRow.SELECT_COLUMNS + " from usage_event e where " + OF_DAY;

    /**
     * A day's events of batches whose events are in a kept list (its flag: V37's slowest_kept, V38's errors_kept): a
     * batch an old worker folded during a rollout is not, and its events are read raw by the report until a worker
     * repairs it.
     */
    static String keptOfDay(KeptList list) {
        return ofDay("b." + list.flag());
    }

    private final AgroalDataSource dataSource;
    private final RollupConfig config;

    public RollupRebuild(AgroalDataSource dataSource, RollupConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Rebuilds every UTC day touching [from, to) for {@code actor}; answers the events folded. */
    public long rebuild(Instant from, Instant to, Actor actor) throws SQLException {
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        Instant endDay = to.truncatedTo(ChronoUnit.DAYS).equals(to)
                ? to
                : to.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return Transactions.inTransaction(dataSource, c -> {
            Transactions.setLocal(c, "statement_timeout", config.maintenanceStatementTimeout());
            execute(c, EXCLUSIVE_LOCK);
            long folded = 0;
            for (Instant day = firstDay; day.isBefore(endDay); day = day.plus(1, ChronoUnit.DAYS)) {
                folded += rebuildDay(c, day);
            }
            // The weeks holding those days: from their day rows, the rebuilt ones and the others.
            for (Shape shape : Shape.values()) {
                SqlFold.deriveFromDays(c, shape, firstDay.getEpochSecond(), endDay.getEpochSecond());
            }
            AuditWriter.insert(c, audit(actor, firstDay, endDay, folded));
            return folded;
        });
    }

    private static AuditEntry audit(Actor actor, Instant firstDay, Instant endDay, long folded) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", firstDay.toString());
        details.put("to", endDay.toString());
        details.put("events", folded);
        return new AuditEntry(null, actor, AuditAction.ROLLUPS_REBUILT, "rollups", null, details);
    }

    private static long rebuildDay(Connection c, Instant day) throws SQLException {
        Timestamp from = Timestamp.from(day);
        Timestamp to = Timestamp.from(day.plus(1, ChronoUnit.DAYS));
        for (Shape shape : Shape.values()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from " + shape.table + " where bucket_start >= ? and bucket_start < ?")) {
                ps.setTimestamp(1, from);
                ps.setTimestamp(2, to);
                ps.executeUpdate();
            }
        }
        // The day's kept lists too (slowest requests, newest errors): the 100 first of the day's kept events per
        // organization and team are added again below (the day's every kept event is read, so no trim is needed).
        LocalDate utcDay = day.atOffset(ZoneOffset.UTC).toLocalDate();
        for (KeptList list : KeptList.ALL) {
            list.deleteDays(c, utcDay, utcDay.plusDays(1));
        }
        Deltas deltas = new Deltas();
        try (PreparedStatement ps = c.prepareStatement(EVENTS_OF_DAY)) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            ps.setFetchSize(10_000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    deltas.fold(EventRow.read(rs));
                }
            }
        }
        SqlFold.Binder ofDay = (ps, p) -> {
            ps.setTimestamp(p++, from);
            ps.setTimestamp(p++, to);
            return p;
        };
        RollupFold.write(c, deltas, new SqlFold.Events(OF_DAY, ofDay));
        for (KeptList list : KeptList.ALL) {
            list.add(c, new SqlFold.Events(keptOfDay(list), ofDay));
        }
        return deltas.events();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
