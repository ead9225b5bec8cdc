package dev.gatewayreports.model.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps {@code slowest_request} (V37): per organization, team and UTC day, the {@link #KEEP} slowest folded events in
 * the report's order (latency_ms desc, occurred_at desc, request_id), so the report reads closed days from there and not
 * every raw event of the window in latency order.
 *
 * <p>A fold adds its events' candidates (the {@link #KEEP} slowest of its own events per team-day), then trims every
 * team-day it touched back to its {@link #KEEP} slowest, in the transaction that marks its batches folded. Exact,
 * because top(A ∪ B) = top(top(A) ∪ B): the stored rows are top(A) of the events folded before, the candidates hold
 * top(B) of this fold's, and nothing outside them can be in the new top.
 *
 * <p>Concurrent folds. Two folds of the same team are serialised by the team's advisory lock ({@link
 * WorkQueue#lockTeams}, taken before this runs and held to the commit), so each trim sees the other's committed rows
 * (READ COMMITTED: a new snapshot per statement). Should two ever trim the same team-day without seeing each other —
 * each sees the committed rows S and its own candidates, A or B — each deletes only rows outside its own view's top:
 * a row of top(S ∪ A ∪ B) is in top(S ∪ A) if it is in S ∪ A (a superset's top, restricted to a subset, lies in that
 * subset's top), so neither deletes it, and the other's uncommitted candidates are invisible to it and not deleted at
 * all. The table then holds a superset of the true top, never less; the report's read orders and limits, so it still
 * lists exactly the true top. The next fold of that team-day trims the surplus. (SlowestFoldTest runs both cases.)
 */
public final class SlowestFold {
    /** Rows kept per organization, team and UTC day: the report's list length. */
    public static final int KEEP = 100;

    /** The report's order, over an alias. */
    static String order(String alias) {
        return alias + ".latency_ms desc, " + alias + ".occurred_at desc, " + alias + ".request_id";
    }

    static final String DAY = "(e.occurred_at at time zone 'UTC')::date";

    /** The {@link #KEEP} slowest of the given events per organization, team and UTC day, added as candidates. */
    static String insertSql(String where) {
        return "insert into slowest_request (day, latency_ms, occurred_at, org_id, team_id, request_id, provider,"
                + " model, status) select day, latency_ms, occurred_at, org_id, team_id, request_id, provider, model,"
                + " status from (select " + DAY + " as day, e.latency_ms, e.occurred_at, e.org_id, e.team_id,"
                + " e.request_id, e.provider, e.model, e.status, row_number() over (partition by e.org_id, e.team_id, "
                + DAY + " order by " + order("e") + ") as rn from usage_event e where (" + where
                + ")) c where rn <= " + KEEP;
    }

    /**
     * Deletes every row of the given team-days of one organization beyond its {@link #KEEP} slowest, and every second
     * copy of an event. By physical row (ctid), not by request id: by construction an event is added once (a batch's
     * candidates only in the transaction that marks it kept; the rebuild deletes the day first), but should a copy ever
     * be stored twice (an aborted test run left candidates of batches still pending, which their fold added again), a
     * trim by request id whose boundary fell between the two copies deleted both and with them one of the true
     * {@link #KEEP}. Copies of an event are neighbours in the report's order and share its dense rank: the day keeps its
     * slowest distinct events, one row each. Filtered by the
     * one org_id: a single-shard statement on Citus, where ctid is the shard's row.
     */
    static final String TRIM = """
            delete from slowest_request s
             using (select x.ctid as row_id, dense_rank() over w as rank,
                           x.request_id = lag(x.request_id) over w as copy
                      from slowest_request x
                      join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                        on x.team_id = k.team_id and x.day = k.day
                     where x.org_id = ?
                    window w as (partition by x.team_id, x.day order by %s)) r
             where s.org_id = ? and s.ctid = r.row_id and (r.rank > %d or r.copy)
            """.formatted(order("x"), KEEP);

    /**
     * Organizations with batches folded but not kept: folded by a worker of the version before V37 during a rolling
     * update (it marks rolled_up_at only). Through ingest_batch_unkept_idx, which holds only batches not kept.
     */
    static final String UNKEPT_ORGS = """
            select org_id from ingest_batch
             where not slowest_kept and rolled_up_at is not null
             group by org_id
             limit ?""";

    /** One organization's batches folded but not kept that no other repair holds: a single-shard statement on Citus. */
    static final String UNKEPT = """
            select batch_id, org_id, min_occurred_at, max_occurred_at, event_count from ingest_batch
             where org_id = ? and not slowest_kept and rolled_up_at is not null
             order by batch_id
             limit ?
               for update skip locked""";

    /** The team-days of some events (a predicate over {@code usage_event e} follows). */
    static final String TEAM_DAYS = "select distinct e.team_id, " + DAY + " from usage_event e where ";

    static final String KEPT = "update ingest_batch set slowest_kept = true where org_id = ? and batch_id = any(?)";

    /** Batches one repair takes at most (an old worker's folds of a rollout's last minutes: a few claims' worth). */
    static final int REPAIR_BATCHES = 20;

    private SlowestFold() {}

    /**
     * Adds the events of batches folded but not kept (a worker of the version before V37 folded them during a
     * rollout) and marks them kept, the way a fold does: the teams locked, candidates added, touched team-days trimmed,
     * in the caller's transaction, under the rebuild lock shared as folds take it. Until then the report reads those
     * batches' raw events, so its list is exact before and after. Answers the batches repaired, 0 when there are none.
     */
    public static int repair(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RollupFold.SHARED_LOCK)) {
            ps.execute();
        }
        List<String> orgs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UNKEPT_ORGS)) {
            ps.setInt(1, WorkQueue.ORGS_TRIED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
        }
        for (String org : orgs) {
            WorkQueue.Claim claim = unkept(c, org);
            if (claim != null) {
                repair(c, claim);
                return claim.batchIds().length;
            }
        }
        return 0;
    }

    private static WorkQueue.Claim unkept(Connection c, String org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNKEPT)) {
            ps.setString(1, org);
            ps.setInt(2, REPAIR_BATCHES);
            return WorkQueue.claimed(org, ps);
        }
    }

    private static void repair(Connection c, WorkQueue.Claim claim) throws SQLException {
        SqlFold.Events events = WorkQueue.claimed(c, claim);
        SortedSet<TeamDay> touched = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(TEAM_DAYS + events.where())) {
            events.binder().bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(new TeamDay(
                            rs.getString(1), rs.getObject(2, LocalDate.class).toEpochDay()));
                }
            }
        }
        // The locks a fold of these teams takes, in the same (sorted) order, so the two never wait on each other in a
        // cycle: a fold and a repair of one team-day trim one after the other.
        SortedSet<String> locks = new TreeSet<>();
        touched.forEach(t -> locks.add(WorkQueue.teamLock(claim.orgId(), t.team())));
        WorkQueue.lockTeams(c, locks);
        add(c, events);
        trim(c, claim.orgId(), touched);
        try (PreparedStatement ps = c.prepareStatement(KEPT)) {
            ps.setString(1, claim.orgId());
            ps.setArray(2, c.createArrayOf("int8", claim.batchIds()));
            ps.executeUpdate();
        }
    }

    /** Adds the candidates of {@code events}: the {@link #KEEP} slowest per organization, team and UTC day. */
    public static void add(Connection c, SqlFold.Events events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql(events.where()))) {
            events.binder().bind(ps, 1);
            ps.executeUpdate();
        }
    }

    /** Trims the team-days {@code deltas} touched (all of organization {@code orgId}) back to their slowest. */
    static void trim(Connection c, String orgId, Deltas deltas) throws SQLException {
        trim(c, orgId, deltas.teamDays(orgId));
    }

    /** Trims the given team-days of organization {@code orgId} back to their {@link #KEEP} slowest. */
    static void trim(Connection c, String orgId, Set<TeamDay> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        List<String> teams = new ArrayList<>(touched.size());
        List<String> days = new ArrayList<>(touched.size());
        for (TeamDay t : touched) {
            teams.add(t.team());
            days.add(LocalDate.ofEpochDay(t.epochDay()).toString());
        }
        try (PreparedStatement ps = c.prepareStatement(TRIM)) {
            ps.setArray(1, c.createArrayOf("text", teams.toArray()));
            ps.setArray(2, c.createArrayOf("text", days.toArray()));
            ps.setString(3, orgId);
            ps.setString(4, orgId);
            ps.executeUpdate();
        }
    }

    /** A team's UTC day (days since the epoch). */
    record TeamDay(String team, long epochDay) implements Comparable<TeamDay> {
        @Override
        public int compareTo(TeamDay o) {
            int t = team.compareTo(o.team);
            return t != 0 ? t : Long.compare(epochDay, o.epochDay);
        }
    }
}
