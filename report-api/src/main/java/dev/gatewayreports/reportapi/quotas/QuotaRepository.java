package dev.gatewayreports.reportapi.quotas;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The quotas' state in PostgreSQL: shared by every report-api replica. */
@ApplicationScoped
public class QuotaRepository {
    /**
     * Serialises the ad-hoc sends of one organization until the caller's transaction ends, on every replica: the
     * count below and the insert of the new delivery cannot interleave with another send's.
     */
    static final String LOCK_SENDS = "select pg_advisory_xact_lock(hashtext('reports:send-quota'), hashtext(?))";

    /** The organization's and the user's ad-hoc sends since {@code from}, and the oldest of each. */
    static final String COUNT_SENDS = """
            select count(*) filter (where requested_by = ?) as mine,
                   min(created_at) filter (where requested_by = ?) as my_oldest,
                   count(*) as org,
                   min(created_at) as org_oldest
              from report_delivery
             where org_id = ? and schedule_id is null and created_at > ?
            """;

    /**
     * Counts one ingest request of {@code events} events in the credential's current fixed window, unless that
     * would pass a limit: answers the row only when the request fits. One statement per request.
     */
    static final String TAKE_INGEST = """
            insert into ingest_rate as r (credential, window_start, requests, events)
            values (?, ?, 1, ?)
            on conflict (credential) do update
               set window_start = excluded.window_start,
                   requests = (case when r.window_start = excluded.window_start then r.requests else 0 end) + 1,
                   events = (case when r.window_start = excluded.window_start then r.events else 0 end)
                            + excluded.events
             where (case when r.window_start = excluded.window_start then r.requests else 0 end) + 1 <= ?
               and (case when r.window_start = excluded.window_start then r.events else 0 end)
                   + excluded.events <= ?
            returning requests
            """;

    /** The credential's counts in {@code window_start}'s window (read only after a refusal, to name the limit). */
    static final String INGEST_COUNTS = """
            select requests, events from ingest_rate where credential = ? and window_start = ?
            """;

    /** Recent ad-hoc sends of an organization and of one of its users. */
    record Sends(long mine, Instant myOldest, long organization, Instant organizationOldest) {}

    private final AgroalDataSource dataSource;

    public QuotaRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the organization's send lock (for the caller's transaction) and counts its sends since {@code from}. */
    Sends lockAndCountSends(String orgId, String user, Instant from) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(LOCK_SENDS)) {
                ps.setString(1, orgId);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(COUNT_SENDS)) {
                ps.setString(1, user);
                ps.setString(2, user);
                ps.setString(3, orgId);
                ps.setTimestamp(4, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Sends(
                            rs.getLong(1), instant(rs.getTimestamp(2)), rs.getLong(3), instant(rs.getTimestamp(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting sends failed", e);
        }
    }

    /** True when the request fits the credential's window (and is counted); false when a limit would pass. */
    boolean takeIngest(String credential, Instant windowStart, long events, long maxRequests, long maxEvents) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TAKE_INGEST)) {
            ps.setString(1, credential);
            ps.setTimestamp(2, Timestamp.from(windowStart));
            ps.setLong(3, events);
            ps.setLong(4, maxRequests);
            ps.setLong(5, maxEvents);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the ingest rate failed", e);
        }
    }

    /** [requests, events] the credential has used in the window starting at {@code windowStart}. */
    long[] ingestCounts(String credential, Instant windowStart) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INGEST_COUNTS)) {
            ps.setString(1, credential);
            ps.setTimestamp(2, Timestamp.from(windowStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the ingest rate failed", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
