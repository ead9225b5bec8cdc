package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import dev.gatewayreports.model.alerts.WireName;
import dev.gatewayreports.model.jdbc.Transactions;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The sender's SQL over {@code alert_notification}: the claim with leases, and the attempt-guarded outcomes. */
@ApplicationScoped
public class NotificationRepository {

    /**
     * Takes due notifications (pending, or sending with an expired lease) and leases them, in one statement, as
     * {@code DueRepository.CLAIM} does for report deliveries: fair across organizations (each organization's
     * oldest first, then every organization's second…), the due conditions repeated beside {@code FOR UPDATE SKIP
     * LOCKED} so that a row another replica claimed after this statement's snapshot is skipped, the first claim
     * stamping {@code first_attempt_at}. The event, the rule as it is now (its secret: a rotated one signs the next
     * attempt), the team's and organization's names and the organization's recipient domains come along.
     */
    static final String CLAIM = """
            with due as (
                select notification_id, next_attempt_at,
                       row_number() over (partition by org_id order by next_attempt_at, notification_id) as turn
                  from alert_notification
                 where status in ('pending', 'sending')
                   and next_attempt_at <= ?
                   and (locked_until is null or locked_until <= ?)
            ), picked as materialized (
                select n.notification_id
                  from alert_notification n
                  join due on due.notification_id = n.notification_id
                 where due.turn <= ?
                   and n.status in ('pending', 'sending')
                   and n.next_attempt_at <= ?
                   and (n.locked_until is null or n.locked_until <= ?)
                 order by due.turn, due.next_attempt_at, due.notification_id
                 for update of n skip locked
                 limit ?
            ), claimed as (
                update alert_notification n
                   set status = 'sending', attempts = n.attempts + 1, locked_until = ?,
                       first_attempt_at = coalesce(n.first_attempt_at, ?)
                  from picked
                 where n.notification_id = picked.notification_id
                returning n.*)
            select c.notification_id, c.event_id, c.alert_id, c.org_id, c.channel, c.target, c.attempts,
                   c.first_attempt_at,
                   e.kind as event_kind, e.episode_key, e.team_id, e.value, e.threshold as event_threshold,
                   e.forecast, e.window_start, e.window_end, e.occurred_at,
                   r.name, r.kind as rule_kind, r.measure, r.window_kind, r.comparison, r.threshold as rule_threshold,
                   r.timezone, r.webhook_secret_enc,
                   t.name as team_name, o.name as org_name, o.recipient_domains
              from claimed c
              join alert_event e on e.event_id = c.event_id
              left join alert_rule r on r.alert_id = c.alert_id
              left join team t on t.org_id = e.org_id and t.team_id = e.team_id
              left join organization o on o.org_id = c.org_id
             order by row_number() over (partition by c.org_id order by c.next_attempt_at, c.notification_id),
                      c.next_attempt_at
            """;

    /** Guarded by the attempt number: a sender whose lease was taken over cannot overwrite the newer attempt. */
    static final String RENEW_LEASE = """
            update alert_notification set locked_until = ?
             where notification_id = ? and attempts = ? and status = 'sending'
            """;

    static final String MARK_SENT = """
            update alert_notification
               set status = 'sent', sent_at = ?, locked_until = null, last_error = null, response_status = ?
             where notification_id = ? and attempts = ? and status = 'sending'
            """;

    static final String MARK_RETRY = """
            update alert_notification
               set status = 'pending', next_attempt_at = ?, locked_until = null, last_error = ?, response_status = ?
             where notification_id = ? and attempts = ? and status = 'sending'
            """;

    static final String MARK_FAILED = """
            update alert_notification
               set status = 'failed', locked_until = null, last_error = ?, response_status = ?
             where notification_id = ? and attempts = ? and status = 'sending'
            """;

    private final AgroalDataSource dataSource;

    public NotificationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims up to {@code limit} due notifications until {@code leaseUntil}; committed when this returns. */
    List<ClaimedNotification> claim(Instant now, Instant leaseUntil, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                Timestamp at = Timestamp.from(now);
                int p = 1;
                ps.setTimestamp(p++, at);
                ps.setTimestamp(p++, at);
                ps.setInt(p++, limit);
                ps.setTimestamp(p++, at);
                ps.setTimestamp(p++, at);
                ps.setInt(p++, limit);
                ps.setTimestamp(p++, Timestamp.from(leaseUntil));
                ps.setTimestamp(p, at);
                List<ClaimedNotification> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(notification(rs));
                    }
                }
                return claimed;
            }
        });
    }

    /** Extends this attempt's lease; false when the notification is no longer this attempt's. */
    boolean renewLease(ClaimedNotification n, Instant until) {
        return update(RENEW_LEASE, Timestamp.from(until), n.notificationId(), n.attempts());
    }

    boolean markSent(ClaimedNotification n, Instant sentAt, Integer responseStatus) {
        return update(MARK_SENT, Timestamp.from(sentAt), responseStatus, n.notificationId(), n.attempts());
    }

    boolean markRetry(ClaimedNotification n, Instant nextAttemptAt, String error, Integer responseStatus) {
        return update(
                MARK_RETRY, Timestamp.from(nextAttemptAt), error, responseStatus, n.notificationId(), n.attempts());
    }

    boolean markFailed(ClaimedNotification n, String error, Integer responseStatus) {
        return update(MARK_FAILED, error, responseStatus, n.notificationId(), n.attempts());
    }

    private boolean update(String sql, Object... args) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] == null) {
                        // Only response_status is ever null here.
                        ps.setNull(i + 1, java.sql.Types.INTEGER);
                    } else {
                        ps.setObject(i + 1, args[i]);
                    }
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        try {
            return Transactions.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("notification database work failed: " + e.getMessage(), e);
        }
    }

    private static ClaimedNotification notification(ResultSet rs) throws SQLException {
        ClaimedNotification.Event event = new ClaimedNotification.Event(
                WireName.of(AlertEventKind.class, rs.getString("event_kind")),
                rs.getString("episode_key"),
                rs.getString("team_id"),
                rs.getBigDecimal("value"),
                rs.getBigDecimal("event_threshold"),
                rs.getBigDecimal("forecast"),
                instant(rs, "window_start"),
                instant(rs, "window_end"),
                instant(rs, "occurred_at"));
        ClaimedNotification.Rule rule = rs.getString("name") == null
                ? null
                : new ClaimedNotification.Rule(
                        rs.getString("name"),
                        WireName.of(AlertKind.class, rs.getString("rule_kind")),
                        WireName.of(AlertMeasure.class, rs.getString("measure")),
                        WireName.of(WindowKind.class, rs.getString("window_kind")),
                        WireName.of(Comparison.class, rs.getString("comparison")),
                        rs.getBigDecimal("rule_threshold"),
                        rs.getString("timezone"),
                        rs.getString("webhook_secret_enc"));
        Array domains = rs.getArray("recipient_domains");
        return new ClaimedNotification(
                rs.getString("notification_id"),
                rs.getString("event_id"),
                rs.getString("alert_id"),
                rs.getString("org_id"),
                rs.getString("channel"),
                rs.getString("target"),
                rs.getInt("attempts"),
                instant(rs, "first_attempt_at"),
                event,
                rule,
                rs.getString("team_name"),
                rs.getString("org_name"),
                domains == null
                        ? List.of()
                        : Arrays.stream((Object[]) domains.getArray())
                                .map(String::valueOf)
                                .toList());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
