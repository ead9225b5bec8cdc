package dev.gatewayreports.reportapi.audit;

import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.model.audit.AuditWriter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The audit log (table {@code audit_event}, V18): rows written with their change, read newest first. */
@ApplicationScoped
public class AuditRepository {
    static final String COLUMNS = """
            select event_id, occurred_at, actor_kind, actor_subject, actor_email, actor_key_id, actor_client_id,
                   action, target_type, target_id, details::text
              from audit_event""";

    /** An organization's rows in [since, until), newest first after a (occurred_at, event_id) keyset position. */
    static final String PAGE = COLUMNS + """

             where org_id = ?
               and occurred_at >= ? and occurred_at < ?
               and (occurred_at, event_id) < (?, ?)
             order by occurred_at desc, event_id desc
             limit ?""";

    /** The same, of one action (its own statement, so the planner always picks the action index). */
    static final String PAGE_OF_ACTION = COLUMNS + """

             where org_id = ? and action = ?
               and occurred_at >= ? and occurred_at < ?
               and (occurred_at, event_id) < (?, ?)
             order by occurred_at desc, event_id desc
             limit ?""";

    /** Which rows a page reads: the organization, an action or null, [since, until) and the keyset position. */
    public record Query(
            String orgId, String action, Instant since, Instant until, Instant beforeAt, long beforeId, int limit) {}

    private final AgroalDataSource dataSource;

    public AuditRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the row on the current transaction's connection (autocommit outside one). */
    public void insert(AuditEntry entry) {
        try (Connection c = dataSource.getConnection()) {
            AuditWriter.insert(c, entry);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the audit row failed", e);
        }
    }

    /** Up to {@code limit} rows of the query, newest first. */
    public List<AuditEventResponse> page(Query q) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(q.action() == null ? PAGE : PAGE_OF_ACTION)) {
            int p = 1;
            ps.setString(p++, q.orgId());
            if (q.action() != null) {
                ps.setString(p++, q.action());
            }
            ps.setObject(p++, utc(q.since()));
            ps.setObject(p++, utc(q.until()));
            ps.setObject(p++, utc(q.beforeAt()));
            ps.setLong(p++, q.beforeId());
            ps.setInt(p, q.limit());
            List<AuditEventResponse> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed", e);
        }
    }

    private static AuditEventResponse row(ResultSet rs) throws SQLException {
        return new AuditEventResponse(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getString(8),
                new AuditEventResponse.ActorView(
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                new AuditEventResponse.Target(rs.getString(9), rs.getString(10)),
                AuditEventResponse.details(rs.getString(11)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
