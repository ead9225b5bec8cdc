package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.reports.ReportNumbers.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The per-request lists of a report, read from raw events: the slowest requests and the newest errors. */
@ApplicationScoped
public class ReportEventsRepository {
    /** How many requests each list holds. */
    static final int LIMIT = 100;

    static final String SLOWEST = """
            select request_id, occurred_at, provider, model, latency_ms, status
              from usage_event
             where team_id = any(?) and occurred_at >= ? and occurred_at < ?
             order by latency_ms desc, occurred_at desc, request_id
             limit ?""";

    static final String NEWEST_ERRORS = """
            select request_id, occurred_at, provider, model, error_type, http_status, error_message, latency_ms
              from usage_event
             where team_id = any(?) and occurred_at >= ? and occurred_at < ? and status = 'error'
             order by occurred_at desc, request_id desc
             limit ?""";

    private final AgroalDataSource dataSource;

    public ReportEventsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ArrayNode slowest(List<String> teams, Instant start, Instant end) {
        ArrayNode rows = JSON.arrayNode();
        query(SLOWEST, teams, start, end, rs -> {
            ObjectNode o = rows.addObject();
            o.put("request_id", rs.getString(1));
            o.put("occurred_at", rs.getTimestamp(2).toInstant().toString());
            o.put("provider", rs.getString(3));
            o.put("model", rs.getString(4));
            o.put("latency_ms", rs.getInt(5));
            o.put("status", rs.getString(6));
        });
        return rows;
    }

    public ArrayNode newestErrors(List<String> teams, Instant start, Instant end) {
        ArrayNode rows = JSON.arrayNode();
        query(NEWEST_ERRORS, teams, start, end, rs -> {
            ObjectNode o = rows.addObject();
            o.put("request_id", rs.getString(1));
            o.put("occurred_at", rs.getTimestamp(2).toInstant().toString());
            o.put("provider", rs.getString(3));
            o.put("model", rs.getString(4));
            o.put("error_type", rs.getString(5));
            int status = rs.getInt(6);
            if (rs.wasNull()) {
                o.putNull("http_status");
            } else {
                o.put("http_status", status);
            }
            o.put("error_message", rs.getString(7));
            o.put("latency_ms", rs.getInt(8));
        });
        return rows;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<String> teams, Instant start, Instant end, RowReader reader) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", teams.toArray()));
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setInt(4, LIMIT);
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
