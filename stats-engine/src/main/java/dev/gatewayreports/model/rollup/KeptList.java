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
 * A per-request list of the report that the fold keeps beside the rollups: per organization, team and UTC day, the
 * {@link #KEEP} first of the day's folded events in the list's order, so the report reads closed days from there and
 * not every raw event of the window. Two lists: {@link #SLOWEST} (slowest_request, V37) and {@link #NEWEST_ERRORS}
 * (newest_error, V38). A batch's events are in a list's table exactly when its flag (ingest_batch.slowest_kept,
 * errors_kept) is true: set in the transaction that adds them.
 *
 * <p>A fold adds its events' candidates (the {@link #KEEP} first of its own events per team-day), then trims every
 * team-day it touched back to its {@link #KEEP} first, in the transaction that marks its batches folded. Exact, because
 * top(A ∪ B) = top(top(A) ∪ B): the stored rows are top(A) of the events folded before, the candidates hold top(B) of
 * this fold's, and nothing outside them can be in the new top.
 *
 * <p>Concurrent folds. Two folds of the same team are serialised by the team's advisory lock ({@link
 * WorkQueue#lockTeams}, taken before this runs and held to the commit), so each trim sees the other's committed rows
 * (READ COMMITTED: a new snapshot per statement). Should two ever trim the same team-day without seeing each other —
 * each sees the committed rows S and its own candidates, A or B — each deletes only rows outside its own view's top:
 * a row of top(S ∪ A ∪ B) is in top(S ∪ A) if it is in S ∪ A (a superset's top, restricted to a subset, lies in that
 * subset's top), so neither deletes it, and the other's uncommitted candidates are invisible to it and not deleted at
 * all. The table then holds a superset of the true top, never less; the report's read orders and limits, so it still
 * lists exactly the true top. The next fold of that team-day trims the surplus. (KeptListFoldTest runs both
 * cases for both lists.)
 *
 * <p>Rolling updates. A worker of an older version folds batches without adding them to a list it does not know (V36:
 * neither; V37: the slowest only, marking slowest_kept). Those batches stay not kept for that list: the report reads
 * their raw events, and {@link #repair} adds them, the way a fold does.
 *
 * @param table its table
 * @param flag the ingest_batch column saying a batch's events are in it
 * @param columns the table's columns, as usage_event names them but {@code day} (the UTC date of occurred_at)
 * @param filter which events the list holds, a predicate over {@code usage_event e}
 * @param order the list's order over {@code usage_event e}
 * @param floor what a candidate must reach to be added ({@link Floor}); null: the fold adds every candidate
 * @param trim the statement trimming team-days ({@link #trimSql})
 * @param ofDays the table's rows of UTC days [from, to), a predicate with two date parameters
 */
public record KeptList(
        String table,
        String flag,
        List<String> columns,
        String filter,
        String order,
        Floor floor,
        String trim,
        String ofDays) {
    /** Rows kept per organization, team and UTC day: the report's list length. */
    public static final int KEEP = 100;

    static final String DAY = "(e.occurred_at at time zone 'UTC')::date";

    /** A row {@code x} of slowest_request belongs to the team-day {@code k (team_id, day)} besides its team. */
    private static final String SLOWEST_TEAM_DAY = "x.day = k.day";

    /**
     * A row {@code x} of newest_error belongs to the team-day {@code k (team_id, day)} besides its team: newest_error
     * has no day column, a team-day is a range of occurred_at (newest_error_read_idx).
     */
    private static final String ERRORS_TEAM_DAY = "x.occurred_at >= k.day::timestamp at time zone 'UTC'"
            + " and x.occurred_at < (k.day + 1)::timestamp at time zone 'UTC'";

    /** The slowest requests: latency_ms desc, occurred_at desc, request_id; every event. */
    public static final KeptList SLOWEST = new KeptList(
            "slowest_request",
            "slowest_kept",
            List.of(
                    "day",
                    "latency_ms",
                    "occurred_at",
                    "org_id",
                    "team_id",
                    "request_id",
                    "provider",
                    "model",
                    "status"),
            "true",
            SlowestFold.order("e"),
            Floor.of("slowest_request", "latency_ms", "integer", SlowestFold.order("x"), SLOWEST_TEAM_DAY),
            trimSql("slowest_request", SlowestFold.order("x"), SLOWEST_TEAM_DAY),
            "day >= ? and day < ?");

    /** The newest errors: occurred_at desc, request_id desc; error events only. */
    public static final KeptList NEWEST_ERRORS = new KeptList(
            "newest_error",
            "errors_kept",
            List.of(
                    "occurred_at",
                    "org_id",
                    "team_id",
                    "request_id",
                    "provider",
                    "model",
                    "error_type",
                    "http_status",
                    "latency_ms",
                    "error_message"),
            "e.status = 'error'",
            NewestErrorFold.order("e"),
            // No floors: a claim of live traffic holds a team-day's newest errors, which pass any floor, and few
            // of them (a 50,000-event claim: ≈ 30 per team-day), so reading the floors cost more than it saved
            // (deploy/SCALING.md §6 "The kept lists' floors").
            null,
            trimSql("newest_error", NewestErrorFold.order("x"), ERRORS_TEAM_DAY),
            "occurred_at >= (?::date)::timestamp at time zone 'UTC' and occurred_at < (?::date)::timestamp at time zone 'UTC'");

    /**
     * A trim statement: deletes every row of the given team-days of one organization beyond its {@link #KEEP} first in
     * the list's order, and every second copy of an event. By physical row (ctid), not by request id: by construction an
     * event is added once (a batch's candidates only in the transaction that marks it kept; the rebuild deletes the day
     * first), but should one ever be stored twice (an aborted test run left candidates of batches still pending, which
     * their fold added again), a trim by request id whose boundary fell between the two copies deleted both and with
     * them one of the true {@link #KEEP}. Copies of an event are neighbours in the list's order and share its dense
     * rank: the day keeps its first distinct events, one row each. Filtered by the one org_id: a single-shard statement
     * on Citus, where ctid is the shard's row. Parameters: the teams, their UTC days as text, the organization twice.
     *
     * @param table the list's table, aliased {@code x}
     * @param order the list's order over {@code x}
     * @param onTeamDay how a row of {@code x} belongs to the team-day {@code k (team_id, day)} besides its team
     */
    static String trimSql(String table, String order, String onTeamDay) {
        return """
                delete from %1$s s
                 using (select x.ctid as row_id, dense_rank() over w as rank,
                               x.request_id = lag(x.request_id) over w as copy
                          from %1$s x
                          join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                            on x.team_id = k.team_id and %3$s
                         where x.org_id = ?
                        window w as (partition by x.team_id, k.day order by %2$s)) r
                 where s.org_id = ? and s.ctid = r.row_id and (r.rank > %4$d or r.copy)
                """.formatted(table, order, onTeamDay, KEEP);
    }

    /**
     * A team-day's floor: the {@link #KEEP}th distinct stored event's value of the column the list's order leads with,
     * descending. A candidate below its team-day's floor cannot enter the day's list ({@link #KEEP} stored events all
     * come first), so the fold does not add it only for the trim to delete it.
     *
     * @param column that column
     * @param type its SQL type
     * @param read the statement reading the floors of given team-days of one organization ({@link #of})
     */
    public record Floor(String column, String type, String read) {
        /**
         * The floor of a list: its {@link #read} gives each given team-day's team, day and floor as text, a team-day
         * holding fewer than {@link #KEEP} no row. Ranked as the trim ranks (dense_rank: two stored copies of one
         * event, should there ever be any, count once, so the floor is never above the true {@link #KEEP}th), one row
         * per team-day. Shaped like the trim (the team-days joined, ranked in a window, filtered by the one org_id): a
         * single-shard statement on Citus. Parameters: the teams, their UTC days as text, the organization.
         *
         * @param table the list's table, aliased {@code x}
         * @param column the column the list's order leads with, descending
         * @param type its SQL type
         * @param order the list's order over {@code x}
         * @param onTeamDay how a row of {@code x} belongs to the team-day {@code k (team_id, day)} besides its team
         */
        static Floor of(String table, String column, String type, String order, String onTeamDay) {
            return new Floor(column, type, """
                    select distinct r.team_id, r.day::text, r.floor::text
                      from (select x.team_id, k.day, x.%2$s as floor, dense_rank() over w as rank
                              from %1$s x
                              join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                                on x.team_id = k.team_id and %4$s
                             where x.org_id = ?
                            window w as (partition by x.team_id, k.day order by %3$s)) r
                     where r.rank = %5$d
                    """.formatted(table, column, order, onTeamDay, KEEP));
        }
    }

    /** Every list, in the order a fold keeps them. */
    public static final List<KeptList> ALL = List.of(SLOWEST, NEWEST_ERRORS);

    /** Batches one repair takes at most (an old worker's folds of a rollout's last minutes: a few claims' worth). */
    static final int REPAIR_BATCHES = 20;

    /** The team-days of some events (a predicate over {@code usage_event e} follows). */
    static final String TEAM_DAYS = "select distinct e.team_id, " + DAY + " from usage_event e where ";

    /**
     * The {@link #KEEP} first of the given events per organization, team and UTC day, added as candidates; {@code
     * floors}: only where they reach their team-day's {@link Floor} (the list must have one), the floors given as three more
     * parameters after those of {@code where} (the teams, UTC days and values, as text arrays; a team-day without one
     * adds every candidate). Without floors for a rebuild, whose days were deleted first and whose events span every
     * organization of a day (on Citus a multi-shard statement, which typed an empty array's day as text).
     */
    public String insertSql(String where, boolean floors) {
        String names = String.join(", ", columns);
        String values = String.join(
                ", ",
                columns.stream()
                        .map(n -> n.equals("day") ? DAY + " as day" : "e." + n)
                        .toList());
        String candidates = "(select " + values + ", " + DAY + " as kday, row_number() over (partition by e.org_id,"
                + " e.team_id, " + DAY + " order by " + order + ") as rn"
                + " from usage_event e where (" + filter + ") and (" + where + ")) c";
        String insert = "insert into " + table + " (" + names + ") select "
                + String.join(", ", columns.stream().map(n -> "c." + n).toList()) + " from " + candidates;
        if (!floors) {
            return insert + " where c.rn <= " + KEEP;
        }
        return insert + " left join unnest(?::text[], ?::text[]::date[], ?::text[]::" + floor.type()
                + "[]) as f (team_id, day, floor) on f.team_id = c.team_id and f.day = c.kday"
                + " where c.rn <= " + KEEP + " and (f.floor is null or c." + floor.column() + " >= f.floor)";
    }

    /**
     * Organizations with batches folded but not kept in this list: folded by a worker of an older version during a
     * rolling update (it marks rolled_up_at only). Through the list's partial index of batches not kept.
     */
    String unkeptOrgs() {
        return "select org_id from ingest_batch where not " + flag + " and rolled_up_at is not null"
                + " group by org_id limit ?";
    }

    /** One organization's batches folded but not kept that no other repair holds: one shard on Citus. */
    String unkept() {
        return "select batch_id, org_id, min_occurred_at, max_occurred_at, event_count from ingest_batch"
                + " where org_id = ? and not " + flag + " and rolled_up_at is not null"
                + " order by batch_id limit ? for update skip locked";
    }

    String kept() {
        return "update ingest_batch set " + flag + " = true where org_id = ? and batch_id = any(?)";
    }

    /**
     * Deletes the rows of the UTC days [from, to): a rebuild's day (recomputed), retention's days (their raw partitions
     * go, and the report must not list requests whose events are dropped; {@code from} then before any event).
     */
    public void deleteDays(Connection c, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where " + ofDays)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.executeUpdate();
        }
    }

    /**
     * Keeps every list for a fold: each list's candidates of {@code events}, then the team-days the fold touched (all
     * of organization {@code orgId}) trimmed back. The caller marks the batches kept in the same transaction.
     */
    static void keep(Connection c, String orgId, Set<TeamDay> touched, SqlFold.Events events) throws SQLException {
        for (KeptList list : ALL) {
            list.add(c, events, orgId, touched);
            list.trim(c, orgId, touched);
        }
    }

    /**
     * Adds every candidate of {@code events}: the {@link #KEEP} first per organization, team and UTC day (a rebuild,
     * whose days were deleted first).
     */
    public int add(Connection c, SqlFold.Events events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql(events.where(), false))) {
            events.binder().bind(ps, 1);
            return ps.executeUpdate();
        }
    }

    /**
     * Adds the candidates of {@code events} that reach their team-day's floor, all of organization {@code orgId} and of
     * the team-days {@code touched} (a candidate of any other team-day is added whatever it is); every candidate for a
     * list without floors. Answers the rows added.
     */
    int add(Connection c, SqlFold.Events events, String orgId, Set<TeamDay> touched) throws SQLException {
        if (floor == null) {
            return add(c, events);
        }
        List<String> teams = new ArrayList<>();
        List<String> days = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (!touched.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(floor.read())) {
                bindTeamDays(c, ps, touched);
                ps.setString(3, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        teams.add(rs.getString(1));
                        days.add(rs.getString(2));
                        values.add(rs.getString(3));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insertSql(events.where(), true))) {
            int p = events.binder().bind(ps, 1);
            ps.setArray(p++, c.createArrayOf("text", teams.toArray()));
            ps.setArray(p++, c.createArrayOf("text", days.toArray()));
            ps.setArray(p, c.createArrayOf("text", values.toArray()));
            return ps.executeUpdate();
        }
    }

    /** Binds a team-days statement's first two parameters: the teams, their UTC days as text. */
    private static void bindTeamDays(Connection c, PreparedStatement ps, Set<TeamDay> teamDays) throws SQLException {
        List<String> teams = new ArrayList<>(teamDays.size());
        List<String> days = new ArrayList<>(teamDays.size());
        for (TeamDay t : teamDays) {
            teams.add(t.team());
            days.add(LocalDate.ofEpochDay(t.epochDay()).toString());
        }
        ps.setArray(1, c.createArrayOf("text", teams.toArray()));
        ps.setArray(2, c.createArrayOf("text", days.toArray()));
    }

    /** Trims the given team-days of organization {@code orgId} back to their {@link #KEEP} first. */
    void trim(Connection c, String orgId, Set<TeamDay> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(trim)) {
            bindTeamDays(c, ps, touched);
            ps.setString(3, orgId);
            ps.setString(4, orgId);
            ps.executeUpdate();
        }
    }

    /**
     * Adds the events of batches folded but not kept in some list (a worker of an older version folded them during a
     * rollout) and marks them kept, the way a fold does: the teams locked, candidates added, touched team-days trimmed,
     * in the caller's transaction, under the rebuild lock shared as folds take it. One list's batches of one
     * organization, up to {@link #REPAIR_BATCHES}: a transaction never takes a second set of team locks, so it cannot
     * wait on a fold in a cycle. Until then the report reads those batches' raw events, so its lists are exact before
     * and after. Answers the batches repaired, 0 when there are none.
     */
    public static int repair(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RollupFold.SHARED_LOCK)) {
            ps.execute();
        }
        for (KeptList list : ALL) {
            int repaired = list.repairOne(c);
            if (repaired > 0) {
                return repaired;
            }
        }
        return 0;
    }

    private int repairOne(Connection c) throws SQLException {
        List<String> orgs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(unkeptOrgs())) {
            ps.setInt(1, WorkQueue.ORGS_TRIED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
        }
        for (String org : orgs) {
            WorkQueue.Claim claim;
            try (PreparedStatement ps = c.prepareStatement(unkept())) {
                ps.setString(1, org);
                ps.setInt(2, REPAIR_BATCHES);
                claim = WorkQueue.claimed(org, ps);
            }
            if (claim != null) {
                repair(c, claim);
                return claim.batchIds().length;
            }
        }
        return 0;
    }

    private void repair(Connection c, WorkQueue.Claim claim) throws SQLException {
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
        add(c, events, claim.orgId(), touched);
        trim(c, claim.orgId(), touched);
        try (PreparedStatement ps = c.prepareStatement(kept())) {
            ps.setString(1, claim.orgId());
            ps.setArray(2, c.createArrayOf("int8", claim.batchIds()));
            ps.executeUpdate();
        }
    }

    /** A team's UTC day (days since the epoch). */
    public record TeamDay(String team, long epochDay) implements Comparable<TeamDay> {
        @Override
        public int compareTo(TeamDay o) {
            int t = team.compareTo(o.team);
            return t != 0 ? t : Long.compare(epochDay, o.epochDay);
        }
    }
}
