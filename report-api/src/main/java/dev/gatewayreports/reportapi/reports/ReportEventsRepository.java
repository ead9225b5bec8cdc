package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.SlowRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The per-request lists of a report, read from raw events: the slowest requests and the newest errors. */
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
     * Per team of the organization (one index scan per daily partition, in latency order, thanks to
     * usage_event_slowest_idx), then merged: the same rows as one sort over every event of the window, without reading
     * them all.
     */
    static final String SLOWEST = """
            select s.request_id, s.occurred_at, s.provider, s.model, s.latency_ms, s.status
              from unnest(?::text[]) as t(team_id)
             cross join (select ?::text) as o(org_id)
             cross join lateral (
                   select e.request_id, e.occurred_at, e.provider, e.model, e.latency_ms, e.status
                     from usage_event e
                    where %s = %s
                      and e.org_id = o.org_id and e.team_id = t.team_id and e.occurred_at >= ? and e.occurred_at < ?
                    order by e.latency_ms desc, e.occurred_at desc, e.request_id
                    limit ?) s
             order by s.latency_ms desc, s.occurred_at desc, s.request_id
             limit ?""".formatted(
                    OWNER_DIGEST.formatted("e.org_id", "e.team_id"), OWNER_DIGEST.formatted("o.org_id", "t.team_id"));

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
        query(
                SLOWEST,
                orgId,
                teams,
                start,
                end,
                rs -> rows.add(new SlowRequest(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant().toString(),
                        rs.getString(3),
                        rs.getString(4),
                        BigDecimal.valueOf(rs.getInt(5)),
                        rs.getString(6))));
        return rows;
    }

    /**
     * The newest errors. Of several teams: first of the window's last UTC day (one daily partition of usage_event),
     * then, when that day holds fewer than {@link #LIMIT}, of the rest of the window. Every error of the later span is
     * newer than every error of the earlier one, so the newest {@link #LIMIT} of the two, in that order, are the
     * window's. The read takes up to {@link #LIMIT} errors from each team: for all 50 teams of the 1M benchmark the
     * whole window's read took 5,000 rows (5,529 buffers) where the last day holds the list; one team's read takes
     * no more than the list, so it reads the whole window at once.
     */
    public List<RecentError> newestErrors(String orgId, List<String> teams, Instant start, Instant end) {
        Instant lastDay = end.minusNanos(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        if (teams.size() < 2 || !lastDay.isAfter(start)) {
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
