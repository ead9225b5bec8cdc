package dev.gatewayreports.reportapi.alerts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's history, written by scheduler-service: its events ({@code alert_event}) and their notifications
 * ({@code alert_notification}, the delivery log), read newest first in keyset pages.
 */
@ApplicationScoped
public class AlertHistoryRepository {
    /** Events of a rule before a position (occurred_at, event_id), newest first. */
    static final String EVENTS = """
            select event_id, alert_id, kind, episode_key, value, threshold, forecast, window_start, window_end,
                   occurred_at
              from alert_event
             where org_id = ? and alert_id = ?
               and (?::timestamptz is null or (occurred_at, event_id) < (?::timestamptz, ?))
             order by occurred_at desc, event_id desc
             limit ?""";

    /** Notifications of a rule before a position (created_at, notification_id), newest first. */
    static final String DELIVERIES = """
            select notification_id, event_id, channel, target, status, attempts, response_status, last_error,
                   created_at, sent_at
              from alert_notification
             where org_id = ? and alert_id = ?
               and (?::timestamptz is null or (created_at, notification_id) < (?::timestamptz, ?))
             order by created_at desc, notification_id desc
             limit ?""";

    private final AgroalDataSource dataSource;

    public AlertHistoryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} events after the cursor's position (from the newest when null). */
    public List<AlertEventResponse> events(String orgId, String alertId, AlertCursor.Position after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = page(c, EVENTS, orgId, alertId, after, limit);
                ResultSet rs = ps.executeQuery()) {
            List<AlertEventResponse> events = new ArrayList<>();
            while (rs.next()) {
                events.add(new AlertEventResponse(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        AlertResponse.decimal(rs.getBigDecimal(5)),
                        AlertResponse.decimal(rs.getBigDecimal(6)),
                        AlertResponse.decimal(rs.getBigDecimal(7)),
                        AlertRepository.instant(rs, 8),
                        AlertRepository.instant(rs, 9),
                        AlertRepository.instant(rs, 10)));
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the alert's events failed", e);
        }
    }

    /** Up to {@code limit} notifications after the cursor's position (from the newest when null). */
    public List<AlertDeliveryResponse> deliveries(String orgId, String alertId, AlertCursor.Position after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = page(c, DELIVERIES, orgId, alertId, after, limit);
                ResultSet rs = ps.executeQuery()) {
            List<AlertDeliveryResponse> deliveries = new ArrayList<>();
            while (rs.next()) {
                deliveries.add(new AlertDeliveryResponse(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getObject(7, Integer.class),
                        rs.getString(8),
                        AlertRepository.instant(rs, 9),
                        AlertRepository.instant(rs, 10)));
            }
            return deliveries;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the alert's deliveries failed", e);
        }
    }

    private static PreparedStatement page(
            Connection c, String sql, String orgId, String alertId, AlertCursor.Position after, int limit)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, orgId);
        ps.setString(2, alertId);
        ps.setObject(3, after == null ? null : AlertRepository.utc(after.at()));
        ps.setObject(4, after == null ? null : AlertRepository.utc(after.at()));
        ps.setString(5, after == null ? "" : after.id());
        ps.setInt(6, limit);
        return ps;
    }
}
