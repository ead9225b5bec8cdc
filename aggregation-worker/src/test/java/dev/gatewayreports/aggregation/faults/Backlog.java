package dev.gatewayreports.aggregation.faults;

import static org.junit.jupiter.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;

/** What the workers still have to do, and what they are doing now, read from the database. */
final class Backlog {
    private static final String PENDING = "select count(*) from ingest_batch where rolled_up_at is null";
    private static final String PENDING_DETAIL = """
            select b.batch_id, b.org_id, b.event_count, b.received_at,
                   (select count(*) from usage_event e where e.ingest_batch_id = b.batch_id) as stored
            from ingest_batch b where b.rolled_up_at is null order by b.batch_id limit 20
            """;
    /** A session with a transaction id has claimed batches (FOR UPDATE) and not committed yet. */
    private static final String OPEN_TRANSACTIONS =
            "select count(*) from pg_stat_activity where application_name = ? and backend_xid is not null";

    private static final String SESSIONS = """
            select application_name, state, backend_xid is not null as has_xid,
                   now() - xact_start as in_transaction, left(query, 60) as query
            from pg_stat_activity where application_name like 'worker-%' order by application_name
            """;

    private Backlog() {}

    static long pendingBatches(AgroalDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return RollupAudit.count(c, PENDING);
        }
    }

    /** Whether a session of {@code applicationName} is inside a rollup transaction that holds claimed batches. */
    static boolean inTransaction(AgroalDataSource ds, String applicationName) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return RollupAudit.count(c, OPEN_TRANSACTIONS, applicationName) > 0;
        }
    }

    /** Polls until {@code condition} holds; false when {@code timeout} passed first. */
    static boolean await(Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits until the writer is done and no batch is pending; fails with the backlog and the workers' state. */
    static void awaitDrained(
            AgroalDataSource ds, Duration timeout, BooleanSupplier writing, List<WorkerProcess> workers)
            throws Exception {
        if (!await(timeout, () -> !writing.getAsBoolean() && pendingBatches(ds) == 0)) {
            fail("not drained after " + timeout.toSeconds() + " s\n" + describe(ds, workers));
        }
    }

    static String describe(AgroalDataSource ds, List<WorkerProcess> workers) throws SQLException {
        StringJoiner out = new StringJoiner("\n");
        try (Connection c = ds.getConnection()) {
            out.add("pending batches: " + RollupAudit.count(c, PENDING));
            out.add(rows(c, PENDING_DETAIL));
            out.add("worker sessions:");
            out.add(rows(c, SESSIONS));
        }
        for (WorkerProcess w : workers) {
            out.add("--- " + w + (w.isAlive() ? " (alive)" : " (dead)") + ", log tail:");
            out.add(w.logTail(15));
        }
        return out.toString();
    }

    private static String rows(Connection c, String sql) throws SQLException {
        StringJoiner out = new StringJoiner("\n");
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringJoiner row = new StringJoiner(" | ", "  ", "");
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                out.add(row.toString());
            }
        }
        return out.toString();
    }

    /** A condition that may query the database. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
