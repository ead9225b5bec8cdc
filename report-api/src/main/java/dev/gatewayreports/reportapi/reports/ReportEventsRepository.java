package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.jdbc.Transactions;
import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.SlowRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-request lists of a report: the slowest requests and the newest errors, each with closed UTC days from a table
 * the fold keeps (slowest_request, newest_error) and the rest from raw events.
 */
@ApplicationScoped
public class ReportEventsRepository {
    /** How many requests each list holds. */
    static final int LIMIT = 100;

    /**
     * The owner digest usage_event_slowest_idx leads with (V30): the first 32 bits of md5(org_id || ' ' || team_id).
     * A query must repeat it word for word for the planner to use that index; it narrows the scan only, the ids are
     * still compared exactly, so owners whose digests collide never see each other's rows.
     */
    static final String OWNER_DIGEST = "('x' || substr(md5(%s || ' ' || %s), 1, 8))::bit(32)::integer";

    /**
     * Raw events of one span, in one of two forms chosen by a flag bound twice (a constant under the custom plans
     * {@link #list} forces, so the form not chosen is planned as an empty result and reads nothing):
     * <ul>
     *   <li><b>per team</b> (heap partitions): one index scan per team and daily partition, in latency order, thanks to
     *       usage_event_slowest_idx: the same rows as one sort over every event of the span, without reading them all.
     *   <li><b>one scan</b> (a columnar partition, Citus): the span's events of every team read once, sorted, the first
     *       {@link #LIMIT}. On columnar the per-team form scanned the whole partition once per team, its index scans
     *       included (10M events, a closed day of all 50 teams: 86–91 ms per team, 4.3 s; one scan 72 ms).
     * </ul>
     * Only events at least as slow as the whole days' 100th ({@code floor} of {@link #SLOWEST}): no slower one can
     * enter the list, and the index scan in latency order stops there. Parameters: {@link #bindRaw}.
     */
    static final String RAW_SPAN = """
            select s.request_id, s.occurred_at, s.provider, s.model, s.latency_ms, s.status
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status
                     from usage_event e
                    where not ?::boolean
                      and %1$s = %2$s
                      and e.org_id = ? and e.team_id = t.team_id and e.occurred_at >= ? and e.occurred_at < ?
                      and e.latency_ms >= (select f.ms from floor f)
                    order by e.latency_ms desc, e.occurred_at desc, e.request_id
                    limit %3$d) s
            union all
            select o.* from (
                   select e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status
                     from usage_event e
                    where ?::boolean
                      and e.org_id = ? and e.team_id = any(?::text[]) and e.occurred_at >= ? and e.occurred_at < ?
                      and e.latency_ms >= (select f.ms from floor f)
                    order by e.latency_ms desc, e.occurred_at desc, e.request_id
                    limit %3$d) o""".formatted(
            OWNER_DIGEST.formatted("e.org_id", "e.team_id"), OWNER_DIGEST.formatted("?::text", "t.team_id"), LIMIT);

    /**
     * Whole UTC days from slowest_request (V37: at least the slowest {@link #LIMIT} of each team-day's folded events,
     * kept by the fold), per team in the report's order (slowest_request_read_idx). Parameters: the teams, the
     * organization, the days' start and end.
     */
    static final String FOLDED_DAYS = """
            select s.request_id, s.occurred_at, s.provider, s.model, s.latency_ms, s.status
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select k.request_id, k.occurred_at, k.provider, k.model, k.latency_ms, k.status
                     from slowest_request k
                    where k.org_id = ? and k.team_id = t.team_id and k.occurred_at >= ? and k.occurred_at < ?
                    order by k.latency_ms desc, k.occurred_at desc, k.request_id
                    limit %d) s""".formatted(LIMIT);

    /**
     * Whole UTC days' raw events of the batches not kept (V37's slowest_kept: their events are not in slowest_request
     * yet), found through the queue (ingest_batch_unkept_idx): the pending ones and, during a rolling update, those a
     * worker of the version before folded without adding them. A batch's recorded bounds are widened by a second (the
     * engine's PendingBatches widens them to whole seconds, the fold's claim by a second): a batch recorded before
     * ingest kept occurred_at to the microsecond may hold an event 1 µs outside them (its bound was the server's
     * rounding of a nanosecond instant, the event's time COPY's truncation; 11 of the report-api suite's events were).
     * Parameters: {@link #pending}'s.
     */
    static final String PENDING_DAYS =
            pending("e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status", "slowest_kept", "true");

    /**
     * Raw events of whole UTC days of the batches not kept in a list (its flag), the batches first (the queue's partial
     * index of batches not kept) and each one's events through a lateral read kept apart by {@code offset 0} (else the
     * planner flattens it into a join): nothing is planned to scan events before a batch is found, so with none pending
     * no partition is read. As a join, over columnar closed days on Citus, the planner hashed the empty queue and
     * started a parallel columnar scan of the days first: 200–400 ms of a 1M newest-errors read that found nothing.
     * Parameters: the organization, the teams, the events' span (the days, narrowed by {@link #bindPending} to the
     * pending batches' span), the organization, the days' start and end (for the batches).
     */
    private static String pending(String columns, String flag, String filter) {
        return pendingEvents(columns, filter) + pendingBatches(flag);
    }

    private static String pendingEvents(String columns, String filter) {
        return """
                select p.*
                  from ingest_batch b
                 cross join lateral (
                       select %s
                         from usage_event e
                        where e.org_id = ? and e.ingest_batch_id = b.batch_id
                          and e.occurred_at >= b.min_occurred_at - interval '1 second'
                          and e.occurred_at <= b.max_occurred_at + interval '1 second'
                          and e.team_id = any(?::text[]) and e.occurred_at >= ? and e.occurred_at < ? and %s
                       offset 0) p
                """.formatted(columns, filter);
    }

    /** The batches not kept in a list (its flag) that may hold events of [from, to). Parameters: org, from, to. */
    private static String pendingBatches(String flag) {
        return """
                 where b.org_id = ? and not b.%s
                   and b.max_occurred_at + interval '1 second' >= ?
                   and b.min_occurred_at - interval '1 second' < ?""".formatted(flag);
    }

    /**
     * The span of event times [lo, hi) that the batches not kept in a list (its flag) may hold over [from, to), each
     * batch's recorded bounds widened by a second as {@link #pending} explains (hi by two: the bound is exclusive);
     * nulls when there is none. Read before the list's statement, in its snapshot: that statement's pending part reads
     * only the daily partitions of this span. Bound to the whole window's days, PostgreSQL planned a bitmap scan of
     * each of the window's 30 partitions for the pending part on every request (the batches are only known when it
     * runs), planning the slowest-requests statement took 15–20 ms where it then ran in 10 (10M events, all 50 teams);
     * with no batch pending, 3.8 ms. Parameters: org, from, to.
     */
    private static String pendingSpan(String flag) {
        return """
                select min(b.min_occurred_at) - interval '1 second', max(b.max_occurred_at) + interval '2 seconds'
                  from ingest_batch b
                """ + pendingBatches(flag);
    }

    static final String PENDING_SPAN_SLOWEST = pendingSpan("slowest_kept");
    static final String PENDING_SPAN_ERRORS = pendingSpan("errors_kept");

    /**
     * The slowest requests of the window, in one statement (one snapshot: a fold committing meanwhile moves a batch's
     * events into slowest_request and marks it kept at once, so each event counts once, kept or not). The window's whole
     * UTC days come from {@link #FOLDED_DAYS} and {@link #PENDING_DAYS}; the partial days at its edges (a zone's
     * midnight, a start/end window) from raw events, {@link #RAW_SPAN} (an empty span where there is none). Each folded
     * team-day holds its own slowest, so the window's slowest are among these parts' rows: merged in the report's order.
     * The whole days' list is taken first ({@code days}); its 100th latency ({@code floor}, or none while it holds
     * fewer) bounds the edges' raw reads, which otherwise walked a partial day's index in latency order until 100 of
     * each team fell inside it (America/New_York, 1M events, all teams: the report's p95 75 → 188 ms).
     */
    static final String SLOWEST = """
            with days as (
                 select d.request_id, d.occurred_at, d.provider, d.model, d.latency_ms, d.status
                   from (%s
                         union all
                         %s) d
                  order by d.latency_ms desc, d.occurred_at desc, d.request_id
                  limit %d),
            floor as (select case when count(*) < %d then -1 else min(latency_ms) end as ms from days)
            select r.request_id, r.occurred_at, r.provider, r.model, r.latency_ms, r.status
              from (select * from days
                    union all
                    %s
                    union all
                    %s) r
             order by r.latency_ms desc, r.occurred_at desc, r.request_id
             limit %d""".formatted(FOLDED_DAYS, PENDING_DAYS, LIMIT, LIMIT, RAW_SPAN, RAW_SPAN, LIMIT);

    /** The columns of a newest-errors row, in {@link RecentError}'s order. */
    static final String ERROR_COLUMNS =
            "request_id, occurred_at, provider, model, error_type, http_status, error_message, latency_ms";

    /**
     * Raw error events of one span, newest first, in {@link #RAW_SPAN}'s two forms: per team (heap partitions: one scan
     * of usage_event_errors_idx per team and daily partition, the first {@link #LIMIT} of each team) or one scan of
     * every team's errors (a columnar partition), the first {@link #LIMIT}. Parameters: {@link #bindRaw}.
     */
    static final String RAW_ERRORS = """
            select s.*
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select %1$s
                     from usage_event e
                    where not ?::boolean
                      and e.org_id = ? and e.team_id = t.team_id and e.occurred_at >= ? and e.occurred_at < ?
                      and e.status = 'error'
                    order by e.occurred_at desc, e.request_id desc
                    limit %2$d) s
            union all
            select o.* from (
                   select %1$s
                     from usage_event e
                    where ?::boolean
                      and e.org_id = ? and e.team_id = any(?::text[]) and e.occurred_at >= ? and e.occurred_at < ?
                      and e.status = 'error'
                    order by e.occurred_at desc, e.request_id desc
                    limit %2$d) o""".formatted(prefixed("e"), LIMIT);

    /**
     * Kept errors of whole UTC days from newest_error (V38: at least the newest {@link #LIMIT} of each team-day's kept
     * errors), per team newest first (newest_error_read_idx). Parameters: the teams, the organization, the days' start
     * and end.
     */
    static final String FOLDED_ERRORS = """
            select k.*
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select %s
                     from newest_error n
                    where n.org_id = ? and n.team_id = t.team_id and n.occurred_at >= ? and n.occurred_at < ?
                    order by n.occurred_at desc, n.request_id desc
                    limit %d) k""".formatted(prefixed("n"), LIMIT);

    /**
     * Raw errors of whole UTC days of the batches not kept (errors_kept, found through ingest_batch_errors_unkept_idx:
     * the pending ones and, during a rolling update, those an older worker folded), a batch's bounds widened by a
     * second as {@link #PENDING_DAYS} explains. Parameters: {@link #pending}'s.
     */
    static final String PENDING_ERRORS = pending(prefixed("e"), "errors_kept", "e.status = 'error'");

    private static String prefixed(String alias) {
        return alias + "." + ERROR_COLUMNS.replace(", ", ", " + alias + ".");
    }

    /**
     * The newest errors of the window, in one statement (one snapshot: a fold committing meanwhile moves a batch's
     * errors into newest_error and marks it kept at once, so each counts once, kept or not), newest part first, each
     * part the first {@link #LIMIT} of its rows:
     * <ol start="0">
     *   <li>the partial day at the window's end [to, end), {@link #RAW_ERRORS};
     *   <li>its last whole UTC day [last, to) from newest_error, and the errors of batches not kept over every whole day
     *       [from, to) (one read of the queue);
     *   <li>the whole days before [from, last) from newest_error;
     *   <li>the partial day at the window's start [start, from), {@link #RAW_ERRORS}.
     * </ol>
     * Merged in the report's order and limited: each part holds the newest {@link #LIMIT} of its spans per team, so
     * the window's list is among them. A part is read only while the newer spans hold fewer than the list (a condition
     * without columns of its own: a one-time filter, nothing under it scanned when it fails): errors of part 1 at or
     * after {@code last} are newer than all of part 2, every whole day's error newer than all of part 3. So the usual
     * window reads its last day or two (1M events on PostgreSQL, all 50 teams: every whole day of newest_error read
     * together was 5,000 rows), and the start's partial day, on Citus possibly a columnar partition, only when the
     * window's newer errors are fewer than the list. Parameters: {@link #bindNewestErrors}.
     */
    static final String NEWEST_ERRORS = """
            with p0 as (
                 select x.* from (%1$s) x
                  order by x.occurred_at desc, x.request_id desc limit %5$d),
            p1 as (
                 select x.* from (%2$s union all %3$s) x
                  where (select count(*) from p0) < %5$d
                  order by x.occurred_at desc, x.request_id desc limit %5$d),
            p2 as (
                 select x.* from (%2$s) x
                  where (select count(*) from p0) + (select count(*) from p1 where p1.occurred_at >= ?) < %5$d
                  order by x.occurred_at desc, x.request_id desc limit %5$d),
            p3 as (
                 select x.* from (%4$s) x
                  where (select count(*) from p0) + (select count(*) from p1) + (select count(*) from p2) < %5$d
                  order by x.occurred_at desc, x.request_id desc limit %5$d)
            select r.*
              from (select * from p0 union all select * from p1 union all select * from p2 union all select * from p3) r
             order by r.occurred_at desc, r.request_id desc
             limit %5$d""".formatted(RAW_ERRORS, FOLDED_ERRORS, PENDING_ERRORS, RAW_ERRORS, LIMIT);

    private final AgroalDataSource dataSource;

    public ReportEventsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The slowest requests of the window ({@link #SLOWEST}). */
    public List<SlowRequest> slowest(String orgId, List<String> teams, Instant start, Instant end) {
        return slowest(orgId, teams, start, end, EdgeScan.BY_STORAGE);
    }

    List<SlowRequest> slowest(String orgId, List<String> teams, Instant start, Instant end, EdgeScan edges) {
        return list(
                SLOWEST,
                (c, ps) -> bindSlowest(c, ps, orgId, teams, start, end, edges),
                rs -> new SlowRequest(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant().toString(),
                        rs.getString(3),
                        rs.getString(4),
                        BigDecimal.valueOf(rs.getInt(5)),
                        rs.getString(6)));
    }

    /** The newest errors of the window ({@link #NEWEST_ERRORS}). */
    public List<RecentError> newestErrors(String orgId, List<String> teams, Instant start, Instant end) {
        return newestErrors(orgId, teams, start, end, EdgeScan.BY_STORAGE);
    }

    List<RecentError> newestErrors(String orgId, List<String> teams, Instant start, Instant end, EdgeScan edges) {
        return list(NEWEST_ERRORS, (c, ps) -> bindNewestErrors(c, ps, orgId, teams, start, end, edges), rs -> {
            int status = rs.getInt(6);
            Integer httpStatus = rs.wasNull() ? null : status;
            return new RecentError(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant().toString(),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    httpStatus,
                    rs.getString(7),
                    BigDecimal.valueOf(rs.getInt(8)));
        });
    }

    /** Which of {@link #RAW_SPAN}'s (and {@link #RAW_ERRORS}') forms reads a window's partial edge days. */
    enum EdgeScan {
        /** Once where a daily partition the edge touches is columnar, else per team: what the reports use. */
        BY_STORAGE,
        /** Per team whatever the storage (both forms answer the same; the tests check each). */
        PER_TEAM,
        /** Once whatever the storage. */
        ONCE
    }

    /**
     * The days among {@code days} whose daily partition of usage_event is columnar (closed days turned by
     * usage_event_set_columnar_before, V35; never on plain PostgreSQL, which has no columnar access method). A read of
     * the catalog on the coordinator, where Citus keeps every partition's access method as on the workers.
     */
    static final String COLUMNAR_DAYS = """
            select d.day::text
              from unnest(?::text[]::date[]) as d(day)
              join pg_class c on c.oid = to_regclass('usage_event_p' || to_char(d.day, 'YYYYMMDD'))
              join pg_am a on a.oid = c.relam
             where a.amname = 'columnar'""";

    /** For each span [from, to), whether its raw read is {@link EdgeScan#ONCE}: an empty span never. */
    static boolean[] scanOnce(Connection c, EdgeScan edges, Instant[]... spans) throws SQLException {
        boolean[] once = new boolean[spans.length];
        if (edges == EdgeScan.PER_TEAM) {
            return once;
        }
        List<List<String>> daysOf = new ArrayList<>();
        Set<String> asked = new TreeSet<>();
        for (Instant[] span : spans) {
            List<String> days = new ArrayList<>();
            if (span[0].isBefore(span[1])) {
                LocalDate last = LocalDate.ofInstant(span[1].minusNanos(1), ZoneOffset.UTC);
                for (LocalDate d = LocalDate.ofInstant(span[0], ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
                    days.add(d.toString());
                }
            }
            daysOf.add(days);
            asked.addAll(days);
        }
        Set<String> columnar = new HashSet<>();
        if (edges == EdgeScan.ONCE) {
            columnar.addAll(asked);
        } else if (!asked.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(COLUMNAR_DAYS)) {
                ps.setArray(1, c.createArrayOf("text", asked.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columnar.add(rs.getString(1));
                    }
                }
            }
        }
        for (int i = 0; i < spans.length; i++) {
            once[i] = daysOf.get(i).stream().anyMatch(columnar::contains);
        }
        return once;
    }

    private interface Binder {
        void bind(Connection c, PreparedStatement ps) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One list's statement, bound and read on a connection of its own, planned with its values every time
     * ({@code plan_cache_mode}): from a pooled connection's sixth run on, PostgreSQL would keep a generic plan of a
     * statement it prepared, which cannot prune the daily partitions nor see the teams, and that plan of
     * {@link #SLOWEST} took 116–248 ms for all 50 teams of the 1M benchmark where planning it with its values took
     * 11–20 ms (the comprehensive report's p95 192 ms). One snapshot (REPEATABLE READ) for the binder's read of the
     * pending batches' span and the statement, so a batch committed between them cannot fall outside the span.
     */
    private <T> List<T> list(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, tx -> {
                Transactions.setLocal(c, "plan_cache_mode", "force_custom_plan");
                List<T> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    binder.bind(c, ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(reader.read(rs));
                        }
                    }
                }
                return rows;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("report event list failed", e);
        }
    }

    /**
     * Binds {@link #SLOWEST} for the window [start, end): its whole UTC days [from, to), the partial days at its edges
     * [start, from) and [to, end), each possibly empty (no whole day: the window is one raw span), each edge read in
     * the form its partitions' storage asks for.
     */
    static void bindSlowest(
            Connection c,
            PreparedStatement ps,
            String orgId,
            List<String> teams,
            Instant start,
            Instant end,
            EdgeScan edges)
            throws SQLException {
        Instant[] days = wholeDays(start, end);
        Instant from = days[0];
        Instant to = days[1];
        Array teamIds = c.createArrayOf("text", teams.toArray());
        boolean[] once = scanOnce(c, edges, new Instant[] {start, from}, new Instant[] {to, end});
        int p = bindSpan(ps, 1, teamIds, orgId, from, to);
        p = bindPending(c, ps, p, PENDING_SPAN_SLOWEST, teamIds, orgId, from, to);
        // RAW_SPAN: the first edge, then the last
        p = bindRaw(ps, p, teamIds, orgId, start, from, once[0], true);
        bindRaw(ps, p, teamIds, orgId, to, end, once[1], true);
    }

    /**
     * Binds {@link #RAW_SPAN} ({@code digest}: its per-team form repeats the organization for the owner digest) or
     * {@link #RAW_ERRORS} for [from, to), in one scan or per team.
     */
    private static int bindRaw(
            PreparedStatement ps,
            int p,
            Array teams,
            String org,
            Instant from,
            Instant to,
            boolean once,
            boolean digest)
            throws SQLException {
        ps.setArray(p++, teams);
        ps.setBoolean(p++, once);
        if (digest) {
            ps.setString(p++, org);
        }
        p = bindBounds(ps, p, org, from, to);
        ps.setBoolean(p++, once);
        ps.setString(p++, org);
        ps.setArray(p++, teams);
        ps.setTimestamp(p++, Timestamp.from(from));
        ps.setTimestamp(p++, Timestamp.from(to));
        return p;
    }

    private static int bindBounds(PreparedStatement ps, int p, String org, Instant from, Instant to)
            throws SQLException {
        ps.setString(p++, org);
        ps.setTimestamp(p++, Timestamp.from(from));
        ps.setTimestamp(p++, Timestamp.from(to));
        return p;
    }

    /**
     * Binds {@link #NEWEST_ERRORS} for the window [start, end): its whole UTC days [from, to), the last of them [last,
     * to) (empty when there are none), the partial days [to, end) and [start, from), each edge read in the form its
     * partitions' storage asks for.
     */
    static void bindNewestErrors(
            Connection c,
            PreparedStatement ps,
            String orgId,
            List<String> teams,
            Instant start,
            Instant end,
            EdgeScan edges)
            throws SQLException {
        Instant[] days = wholeDays(start, end);
        Instant from = days[0];
        Instant to = days[1];
        Instant last = from.isBefore(to) ? to.minus(1, ChronoUnit.DAYS) : to;
        Array teamIds = c.createArrayOf("text", teams.toArray());
        boolean[] once = scanOnce(c, edges, new Instant[] {to, end}, new Instant[] {start, from});
        int p = bindRaw(ps, 1, teamIds, orgId, to, end, once[0], false);
        p = bindSpan(ps, p, teamIds, orgId, last, to);
        p = bindPending(c, ps, p, PENDING_SPAN_ERRORS, teamIds, orgId, from, to);
        p = bindSpan(ps, p, teamIds, orgId, from, last);
        ps.setTimestamp(p++, Timestamp.from(last));
        bindRaw(ps, p, teamIds, orgId, start, from, once[1], false);
    }

    /**
     * Binds {@link #PENDING_DAYS} or {@link #PENDING_ERRORS} for the whole days [from, to): the batches' filter to
     * those days, the events' to those days and the span {@code spanSql} reads on {@code c} (an empty span when no
     * batch is pending), so the statement is planned over that span's partitions only.
     */
    private static int bindPending(
            Connection c,
            PreparedStatement ps,
            int p,
            String spanSql,
            Array teams,
            String org,
            Instant from,
            Instant to)
            throws SQLException {
        Timestamp fromAt = Timestamp.from(from);
        Timestamp toAt = Timestamp.from(to);
        Timestamp lo = fromAt;
        Timestamp hi = fromAt;
        try (PreparedStatement span = c.prepareStatement(spanSql)) {
            span.setString(1, org);
            span.setTimestamp(2, fromAt);
            span.setTimestamp(3, toAt);
            try (ResultSet rs = span.executeQuery()) {
                if (rs.next() && rs.getTimestamp(1) != null) {
                    lo = latest(fromAt, rs.getTimestamp(1));
                    hi = earliest(toAt, rs.getTimestamp(2));
                }
            }
        }
        ps.setString(p++, org);
        ps.setArray(p++, teams);
        ps.setTimestamp(p++, lo);
        ps.setTimestamp(p++, hi.after(lo) ? hi : lo);
        ps.setString(p++, org);
        ps.setTimestamp(p++, fromAt);
        ps.setTimestamp(p++, toAt);
        return p;
    }

    private static Timestamp latest(Timestamp a, Timestamp b) {
        return a.after(b) ? a : b;
    }

    private static Timestamp earliest(Timestamp a, Timestamp b) {
        return a.before(b) ? a : b;
    }

    /** Binds the teams, the organization and a span: FOLDED_DAYS, FOLDED_ERRORS. */
    private static int bindSpan(PreparedStatement ps, int p, Array teams, String org, Instant from, Instant to)
            throws SQLException {
        ps.setArray(p++, teams);
        return bindBounds(ps, p, org, from, to);
    }

    /**
     * The whole UTC days [from, to) of the window [start, end); the partial days at its edges are [start, from) and [to,
     * end), each possibly empty. No whole day: from = to = end, the window is one edge.
     */
    static Instant[] wholeDays(Instant start, Instant end) {
        Instant from = start.truncatedTo(ChronoUnit.DAYS);
        if (from.isBefore(start)) {
            from = from.plus(1, ChronoUnit.DAYS);
        }
        Instant to = end.truncatedTo(ChronoUnit.DAYS);
        if (!from.isBefore(to)) {
            from = end;
            to = end;
        }
        return new Instant[] {from, to};
    }
}
