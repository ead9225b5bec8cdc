package dev.gatewayreports.model.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The ingest batches waiting to be rolled up, claimed so that each is folded by exactly one transaction. */
public final class WorkQueue {
    /**
     * Claimed batches, all of one organization: their ids, how many events they hold and the span those cover.
     */
    record Claim(String orgId, Long[] batchIds, long events, Timestamp from, Timestamp to) {}

    /**
     * The organizations with pending batches, the one with the oldest first: where a claim looks for work. No lock (a
     * read across every shard on Citus, where FOR UPDATE SKIP LOCKED is single-shard only); the claim itself is
     * {@link #CLAIM}, one organization at a time.
     */
    static final String ORGS = """
            select org_id from ingest_batch
            where rolled_up_at is null
            group by org_id
            order by min(batch_id)
            limit ?
            """;
    /** How many organizations one claim tries (each busy one is held by another worker's claim). */
    static final int ORGS_TRIED = 8;

    /**
     * One organization's oldest pending batch no other transaction holds, then its pending batches from there, oldest
     * first, while the events before each stay under the budget (at least that first batch; at most one batch per
     * event of the budget, so batches without events cannot make a claim unbounded), locked unless another
     * transaction holds them. The budget is applied in SQL rather than by fetching row by row, so only the batches
     * taken are locked also on Citus, whose executor reads a statement's rows whole. Every part filters one org_id:
     * on Citus, where ingest_batch is distributed by organization and co-located with the events and rollups
     * (deploy/SCALING.md §6), the claim is a single-shard statement, and the fold that follows runs on one node.
     */
    static final String CLAIM = """
            with first as (
                select batch_id from ingest_batch
                where org_id = ? and rolled_up_at is null
                order by batch_id
                limit 1
                for update skip locked
            ), budget as (
                select batch_id, sum(event_count) over (order by batch_id) - event_count as before
                from ingest_batch
                where org_id = ? and rolled_up_at is null and batch_id >= (select batch_id from first)
            )
            select batch_id, org_id, min_occurred_at, max_occurred_at, event_count from ingest_batch
            where org_id = ? and rolled_up_at is null
              and batch_id in (select batch_id from budget where before < ?)
            order by batch_id
            limit ?
            for update skip locked
            """;
    /** The claimed batches' events, a predicate over {@code usage_event e}: one organization, so one shard on Citus. */
    static final String CLAIMED = "e.org_id = ? and e.ingest_batch_id = any(?) and e.occurred_at between ? and ?";

    static final String EVENTS = "select " + EventRow.SELECT_COLUMNS + " from usage_event e where " + CLAIMED;
    static final String CITUS = "select exists (select 1 from pg_extension where extname = 'citus')";
    static final String LOCK_TEAMS = "select pg_advisory_xact_lock(hashtext('rollup:' || t)) from unnest(?::text[]) t";
    /**
     * Folded, and their events in every kept list (slowest_request V37, newest_error V38: the fold adds them in the same
     * transaction).
     */
    static final String DONE = "update ingest_batch set rolled_up_at = now(), slowest_kept = true, errors_kept = true"
            + " where org_id = ? and batch_id = any(?)";
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
     * Locks pending batches of one organization that no other transaction holds, oldest first, until their events
     * reach {@code maxEvents} (always at least one batch, whatever its size: a batch is folded whole); null when there
     * are none it can take. The organizations are tried oldest pending batch first, at most {@link #ORGS_TRIED}. The
     * budget bounds the memory of a fold whatever the batches' sizes. Needs a transaction.
     */
    static Claim claim(Connection c, int maxEvents) throws SQLException {
        List<String> orgs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ORGS)) {
            ps.setInt(1, ORGS_TRIED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
        }
        for (String org : orgs) {
            Claim claim = claim(c, org, maxEvents);
            if (claim != null) {
                return claim;
            }
        }
        return null;
    }

    private static Claim claim(Connection c, String org, int maxEvents) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, org);
            ps.setString(2, org);
            ps.setString(3, org);
            ps.setLong(4, Math.max(1, maxEvents));
            ps.setInt(5, Math.max(1, maxEvents));
            return claimed(org, ps);
        }
    }

    /**
     * The batches a claiming statement locked (columns batch_id, org_id, min_occurred_at, max_occurred_at,
     * event_count) as one claim of {@code org}; null when it locked none.
     */
    static Claim claimed(String org, PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long events = 0;
        Timestamp from = null;
        Timestamp to = null;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                from = from == null || rs.getTimestamp(3).before(from) ? rs.getTimestamp(3) : from;
                to = to == null || rs.getTimestamp(4).after(to) ? rs.getTimestamp(4) : to;
                events += rs.getLong(5);
            }
        }
        return ids.isEmpty() ? null : new Claim(org, ids.toArray(Long[]::new), events, from, to);
    }

    /** The claimed batches' events, for a fold in SQL. */
    static SqlFold.Events claimed(Connection c, Claim claim) {
        return new SqlFold.Events(CLAIMED, (ps, p) -> bindClaimed(c, ps, p, claim));
    }

    /**
     * The batches' recorded time bounds, widened by a second: they only prune partitions (the batch ids select the
     * events), and a batch recorded before ingest kept times to the microsecond may hold an event 1 µs outside them
     * (its bound was the server's rounding of a nanosecond instant, the event's time COPY's truncation of it).
     */
    private static int bindClaimed(Connection c, PreparedStatement ps, int p, Claim claim) throws SQLException {
        ps.setString(p++, claim.orgId());
        ps.setArray(p++, c.createArrayOf("int8", claim.batchIds()));
        ps.setTimestamp(p++, Timestamp.from(claim.from().toInstant().minusSeconds(1)));
        ps.setTimestamp(p++, Timestamp.from(claim.to().toInstant().plusSeconds(1)));
        return p;
    }

    /**
     * Hands every event of the claimed batches to {@code sink}; fails (so the caller rolls back and the batches stay
     * pending) when fewer than the batches hold are visible. A batch row and its events commit together: on one
     * PostgreSQL, and on Citus too now that ingest_batch is co-located with usage_event (one node, one local
     * transaction). The check stays on Citus as a guard should a batch and its events ever be placed apart (with the
     * queue on the coordinator, ingest committed the batch row there before its events on a worker, and folding such a
     * batch would have lost them). On one PostgreSQL a shortfall can only mean events were removed since (a dropped
     * partition, a test's delete): the check would keep such a batch pending for ever, so it applies only on Citus
     * ({@code distributed}, {@link #distributed} as the caller read it for this fold).
     */
    static void readEvents(Connection c, Claim claim, boolean distributed, Consumer<EventRow> sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            bindClaimed(c, ps, 1, claim);
            ps.setFetchSize(10_000);
            long read = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(EventRow.read(rs));
                    read++;
                }
            }
            if (read < claim.events() && distributed) {
                throw new SQLException("batches " + Arrays.toString(claim.batchIds()) + " hold " + claim.events()
                        + " events but " + read + " are visible yet; left pending");
            }
        }
    }

    /** Whether this database is a Citus cluster. */
    static boolean distributed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CITUS);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
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
            ps.setString(1, claim.orgId());
            ps.setArray(2, c.createArrayOf("int8", claim.batchIds()));
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
