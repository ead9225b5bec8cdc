package dev.gatewayreports.reportapi.reports;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-request lists of a report: the slowest requests (closed UTC days from slowest_request, which the fold keeps;
 * the rest from raw events) and the newest errors (raw events).
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
     * Raw events of one span, per team of the organization (one index scan per daily partition, in latency order,
     * thanks to usage_event_slowest_idx): the same rows as one sort over every event of the span, without reading them
     * all. Only events at least as slow as the whole days' 100th ({@code floor} of {@link #SLOWEST}): no slower one can
     * enter the list, and the index scan in latency order stops there. Parameters: the teams, the organization twice,
     * the span's start and end.
     */
    static final String RAW_SPAN = """
            select s.request_id, s.occurred_at, s.provider, s.model, s.latency_ms, s.status
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status
                     from usage_event e
                    where %s = %s
                      and e.org_id = ? and e.team_id = t.team_id and e.occurred_at >= ? and e.occurred_at < ?
                      and e.latency_ms >= (select f.ms from floor f)
                    order by e.latency_ms desc, e.occurred_at desc, e.request_id
                    limit %d) s""".formatted(
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
     * rounding of a nanosecond instant, the event's time COPY's truncation; 11 of the report-api suite's events were). Parameters: the organization twice, the days' start and end (for the
     * batches), the teams, the days' start and end (for the events).
     */
    static final String PENDING_DAYS = """
            select e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status
              from ingest_batch b
              join usage_event e
                on e.org_id = b.org_id and e.ingest_batch_id = b.batch_id
               and e.occurred_at >= b.min_occurred_at - interval '1 second'
               and e.occurred_at <= b.max_occurred_at + interval '1 second'
             where b.org_id = ? and e.org_id = ? and not b.slowest_kept
               and b.max_occurred_at + interval '1 second' >= ? and b.min_occurred_at - interval '1 second' < ?
               and e.team_id = any(?::text[]) and e.occurred_at >= ? and e.occurred_at < ?""";

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

    /** Per team through the partial index on error events (usage_event_errors_idx), newest first, then merged. */
    static final String NEWEST_ERRORS = """
            select s.request_id, s.occurred_at, s.provider, s.model, s.error_type, s.http_status, s.error_message,
                   s.latency_ms
              from unnest(?::text[]) as t(team_id)
             cross join lateral (
                   select e.request_id, e.occurred_at, e.provider, e.model, e.error_type, e.http_status,
                          e.error_message, e.latency_ms
                     from usage_event e
                    where e.org_id = ? and e.team_id = t.team_id and e.occurred_at >= ? and e.occurred_at < ?
                      and e.status = 'error'
                    order by e.occurred_at desc, e.request_id desc
                    limit ?) s
             order by s.occurred_at desc, s.request_id desc
             limit ?""";

    private final AgroalDataSource dataSource;

    public ReportEventsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SlowRequest> slowest(String orgId, List<String> teams, Instant start, Instant end) {
        List<SlowRequest> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SLOWEST)) {
            bindSlowest(c, ps, orgId, teams, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SlowRequest(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant().toString(),
                            rs.getString(3),
                            rs.getString(4),
                            BigDecimal.valueOf(rs.getInt(5)),
                            rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report event list failed", e);
        }
        return rows;
    }

    /**
     * Binds {@link #SLOWEST} for the window [start, end): its whole UTC days [from, to), the partial days at its edges
     * [start, from) and [to, end), each possibly empty (no whole day: the window is one raw span).
     */
    static void bindSlowest(
            Connection c, PreparedStatement ps, String orgId, List<String> teams, Instant start, Instant end)
            throws SQLException {
        Instant from = start.truncatedTo(ChronoUnit.DAYS);
        if (from.isBefore(start)) {
            from = from.plus(1, ChronoUnit.DAYS);
        }
        Instant to = end.truncatedTo(ChronoUnit.DAYS);
        if (!from.isBefore(to)) {
            from = end;
            to = end;
        }
        Array teamIds = c.createArrayOf("text", teams.toArray());
        Timestamp fromAt = Timestamp.from(from);
        Timestamp toAt = Timestamp.from(to);
        int p = 1;
        // FOLDED_DAYS
        ps.setArray(p++, teamIds);
        ps.setString(p++, orgId);
        ps.setTimestamp(p++, fromAt);
        ps.setTimestamp(p++, toAt);
        // PENDING_DAYS
        ps.setString(p++, orgId);
        ps.setString(p++, orgId);
        ps.setTimestamp(p++, fromAt);
        ps.setTimestamp(p++, toAt);
        ps.setArray(p++, teamIds);
        ps.setTimestamp(p++, fromAt);
        ps.setTimestamp(p++, toAt);
        // RAW_SPAN: the first edge, then the last
        for (Instant[] span : List.of(new Instant[] {start, from}, new Instant[] {to, end})) {
            ps.setArray(p++, teamIds);
            ps.setString(p++, orgId);
            ps.setString(p++, orgId);
            ps.setTimestamp(p++, Timestamp.from(span[0]));
            ps.setTimestamp(p++, Timestamp.from(span[1]));
        }
    }

    /**
     * The newest errors: first of the window's last UTC day (one daily partition of usage_event), then, when that day
     * holds fewer than {@link #LIMIT}, of the rest of the window. Every error of the later span is newer than every
     * error of the earlier one, so the newest {@link #LIMIT} of the two, in that order, are the window's. The read
     * takes up to {@link #LIMIT} errors from each team: for all 50 teams of the 1M benchmark the whole window's read
     * took 5,000 rows (5,529 buffers) where the last day holds the list. One team reads the last day first too: over
     * the whole window its newest-first index scan starts in every daily partition at once (a merge), which over 30
     * columnar partitions on Citus took 7–8 s at 10M events (deploy/SCALING.md §6), where the last day is heap.
     */
    public List<RecentError> newestErrors(String orgId, List<String> teams, Instant start, Instant end) {
        Instant lastDay = end.minusNanos(1).truncatedTo(ChronoUnit.DAYS);
        if (!lastDay.isAfter(start)) {
            return newestErrorsOf(orgId, teams, start, end);
        }
        List<RecentError> rows = new ArrayList<>(newestErrorsOf(orgId, teams, lastDay, end));
        if (rows.size() < LIMIT) {
            List<RecentError> earlier = newestErrorsOf(orgId, teams, start, lastDay);
            rows.addAll(earlier.subList(0, Math.min(earlier.size(), LIMIT - rows.size())));
        }
        return rows;
    }

    private List<RecentError> newestErrorsOf(String orgId, List<String> teams, Instant start, Instant end) {
        List<RecentError> rows = new ArrayList<>();
        query(NEWEST_ERRORS, orgId, teams, start, end, rs -> {
            int status = rs.getInt(6);
            Integer httpStatus = rs.wasNull() ? null : status;
            rows.add(new RecentError(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant().toString(),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    httpStatus,
                    rs.getString(7),
                    BigDecimal.valueOf(rs.getInt(8))));
        });
        return rows;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String orgId, List<String> teams, Instant start, Instant end, RowReader reader) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", teams.toArray()));
            ps.setString(2, orgId);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, Timestamp.from(end));
            ps.setInt(5, LIMIT);
            ps.setInt(6, LIMIT);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report event list failed", e);
        }
    }
}
