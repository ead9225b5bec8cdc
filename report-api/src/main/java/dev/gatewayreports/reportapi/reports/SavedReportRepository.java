package dev.gatewayreports.reportapi.reports;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Saved reports, stored whole (the report object as json: its text exactly as written, V21) so they render the same however old they are. */
@ApplicationScoped
public class SavedReportRepository {
    static final String INSERT = """
            insert into saved_report (report_id, org_id, team_id, report_type, generated_at, period_start, period_end,
                                      created_by, creator_subject, body)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json)""";

    static final String FIND =
            "select team_id, body, creator_subject from saved_report where report_id = ? and org_id = ?";

    static final String DELETE = "delete from saved_report where report_id = ? and org_id = ?";

    /** Newest first after a (generated_at, report_id) keyset position; teams null means every team. */
    static final String PAGE = """
            select report_id, report_type, team_id, generated_at, period_start, period_end
              from saved_report
             where org_id = ?
               and (?::text[] is null or team_id = any(?::text[]))
               and (?::text is null or report_type = ?)
               and (generated_at, report_id) < (?, ?)
             order by generated_at desc, report_id desc
             limit ?""";

    /** A saved report's place in the history. */
    public record Entry(
            String reportId,
            String reportType,
            String teamId,
            Instant generatedAt,
            Instant periodStart,
            Instant periodEnd) {}

    /**
     * A saved report's team, body and creator.
     *
     * @param creatorSubject the OIDC subject that saved it; null for reports saved before V23
     */
    public record Stored(String teamId, String body, String creatorSubject) {}

    private final AgroalDataSource dataSource;

    public SavedReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String orgId, Entry entry, String createdBy, String creatorSubject, String body) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, entry.reportId());
            ps.setString(2, orgId);
            ps.setString(3, entry.teamId());
            ps.setString(4, entry.reportType());
            ps.setTimestamp(5, Timestamp.from(entry.generatedAt()));
            ps.setTimestamp(6, Timestamp.from(entry.periodStart()));
            ps.setTimestamp(7, Timestamp.from(entry.periodEnd()));
            ps.setString(8, createdBy);
            ps.setString(9, creatorSubject);
            ps.setString(10, body);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("saving the report failed", e);
        }
    }

    public Stored find(String orgId, String reportId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, reportId);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Stored(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the report failed", e);
        }
    }

    public boolean delete(String orgId, String reportId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, reportId);
            ps.setString(2, orgId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the report failed", e);
        }
    }

    /** Up to {@code limit} entries before the position, newest first. */
    public List<Entry> page(
            String orgId, List<String> teams, String type, Instant beforeAt, String beforeId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(PAGE)) {
            java.sql.Array teamArray = teams == null ? null : c.createArrayOf("text", teams.toArray());
            ps.setString(1, orgId);
            ps.setArray(2, teamArray);
            ps.setArray(3, teamArray);
            ps.setString(4, type);
            ps.setString(5, type);
            ps.setTimestamp(6, Timestamp.from(beforeAt));
            ps.setString(7, beforeId);
            ps.setInt(8, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("listing reports failed", e);
        }
    }
}
