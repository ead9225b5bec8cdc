package dev.gatewayreports.model.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The ingest batches waiting to be rolled up, claimed so that each is folded by exactly one transaction. */
public final class WorkQueue {
    /** Claimed batches: their ids, the time span their events cover and how many events they hold. */
    record Claim(Long[] batchIds, Timestamp from, Timestamp to, long events) {}

    /**
     * Pending batches oldest first, locked as they are fetched: read one row at a time, so a claim locks only the
     * batches it takes. At most one batch per event of the budget can be taken, hence the limit.
     */
    static final String CLAIM = """
            select batch_id, min_occurred_at, max_occurred_at, event_count from ingest_batch
            where rolled_up_at is null
            order by batch_id
            limit ?
            for update skip locked
            """;
    /** The claimed batches' events, a predicate over {@code usage_event e}. */
    static final String CLAIMED = "e.ingest_batch_id = any(?) and e.occurred_at between ? and ?";

    static final String EVENTS = "select " + EventRow.SELECT_COLUMNS + " from usage_event e where " + CLAIMED;
    static final String LOCK_TEAMS = "select pg_advisory_xact_lock(hashtext('rollup:' || t)) from unnest(?::text[]) t";
    static final String DONE = "update ingest_batch set rolled_up_at = now() where batch_id = any(?)";
    /**
     * The age of the oldest pending batch by the database's clock (which also stamped {@code received_at}), and how
     * many are pending. Two sub-selects, so that min() is one probe of ingest_batch_pending_received_idx (V20)
     * rather than part of the count's scan.
     */
    static final String OLDEST_PENDING = """
            select coalesce(extract(epoch from now() - (select min(received_at) from ingest_batch
                                                        where rolled_up_at is null)), 0),
                   (select count(*) from ingest_batch where rolled_up_at is null)
            """;

    /**
     * The work waiting now.
     *
     * @param oldestPendingSeconds seconds since the oldest pending batch was received (0 when none)
     * @param pendingBatches batches not rolled up yet
     */
    public record Backlog(double oldestPendingSeconds, long pendingBatches) {}

    private WorkQueue() {}

    /**
     * Locks pending batches no other transaction holds, oldest first, until their events reach {@code maxEvents}
     * (always at least one batch, whatever its size: a batch is folded whole); null when there are none. The budget
     * bounds the memory of a fold whatever the batches' sizes. Needs a transaction (the rows are fetched through a
     * cursor).
     */
    static Claim claim(Connection c, int maxEvents) throws SQLException {
        List<Long> ids = new ArrayList<>();
        Timestamp from = null;
        Timestamp to = null;
        long events = 0;
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, Math.max(1, maxEvents));
            ps.setFetchSize(1);
            try (ResultSet rs = ps.executeQuery()) {
                while (events < maxEvents && rs.next()) {
                    ids.add(rs.getLong(1));
                    from = from == null || rs.getTimestamp(2).before(from) ? rs.getTimestamp(2) : from;
                    to = to == null || rs.getTimestamp(3).after(to) ? rs.getTimestamp(3) : to;
                    events += rs.getInt(4);
                }
            }
        }
        return ids.isEmpty() ? null : new Claim(ids.toArray(Long[]::new), from, to, events);
    }

    /** The claimed batches' events, for a fold in SQL. */
    static SqlFold.Events claimed(Connection c, Claim claim) {
        return new SqlFold.Events(CLAIMED, (ps, p) -> bindClaimed(c, ps, p, claim));
    }

    private static int bindClaimed(Connection c, PreparedStatement ps, int p, Claim claim) throws SQLException {
        ps.setArray(p++, c.createArrayOf("int8", claim.batchIds()));
        ps.setTimestamp(p++, claim.from());
        ps.setTimestamp(p++, claim.to());
        return p;
    }

    static void readEvents(Connection c, Claim claim, Consumer<EventRow> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            bindClaimed(c, ps, 1, claim);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(EventRow.read(rs));
                }
            }
        }
    }

    /** The advisory lock name of a team's rollup rows: a team is its organization and its id there. */
    static String teamLock(String orgId, String teamId) {
        return "team:" + orgId + "/" + teamId;
    }

    /** The advisory lock name of an organization's organization-wide rollup rows. */
    static String orgLock(String orgId) {
        return "org:" + orgId;
    }

    /** Serialises rollup writers per team (sorted, so two writers never wait on each other in a cycle). */
    static void lockTeams(Connection c, Iterable<String> sortedTeams) throws SQLException {
        List<String> teams = new ArrayList<>();
        sortedTeams.forEach(teams::add);
        try (PreparedStatement ps = c.prepareStatement(LOCK_TEAMS)) {
            ps.setArray(1, c.createArrayOf("text", teams.toArray()));
            ps.execute();
        }
    }

    static void markDone(Connection c, Claim claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DONE)) {
            ps.setArray(1, c.createArrayOf("int8", claim.batchIds()));
            ps.executeUpdate();
        }
    }

    /** Seconds since the oldest pending batch arrived (0 when none), and how many are pending, as of now. */
    public static Backlog backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OLDEST_PENDING);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Backlog(Math.max(0, rs.getDouble(1)), rs.getLong(2));
        }
    }
}
