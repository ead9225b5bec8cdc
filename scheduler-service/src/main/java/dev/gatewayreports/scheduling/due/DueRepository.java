package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.model.jdbc.Transactions;
import dev.gatewayreports.model.schedules.ReportWindow;
import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The scheduler's SQL over {@code report_schedule} and {@code report_delivery}. */
@ApplicationScoped
public class DueRepository {

    /**
     * What is due now by the database's clock and not being worked on: deliveries pending (or with an expired
     * lease) whose attempt time has come, the oldest one's wait, and schedules whose slot has come. Reads the
     * partial index report_delivery_due_idx and report_schedule_due_idx.
     */
    static final String DUE_NOW = """
            select count(*), coalesce(extract(epoch from now() - min(next_attempt_at)), 0),
                   (select count(*) from report_schedule where next_run_at <= now())
              from report_delivery
             where status in ('pending', 'sending')
               and next_attempt_at <= now()
               and (locked_until is null or locked_until <= now())
            """;

    /** Due schedules, locked for this transaction; another replica skips them instead of waiting. */
    static final String LOCK_DUE = """
            select schedule_id, org_id, team_id, report_type, frequency, schedule_time, schedule_day, timezone,
                   days, recipients, format, sections::text as sections, webhook_url, next_run_at
              from report_schedule
             where next_run_at <= ?
             order by next_run_at
             for update skip locked
             limit ?
            """;

    /**
     * A schedule's slot becomes one delivery per channel (the mail to its recipients, the POST to its webhook),
     * however often it is seen due.
     */
    static final String INSERT_DELIVERY = """
            insert into report_delivery (delivery_id, org_id, team_id, schedule_id, scheduled_for, report_type,
                                         timezone, period_start, period_end, format, sections, recipients, status,
                                         attempts, next_attempt_at, frequency, channel, webhook_url)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'pending', 0, ?, ?, ?, ?)
            on conflict (schedule_id, scheduled_for, channel) do nothing
            """;

    static final String ADVANCE = """
            update report_schedule set next_run_at = ? where schedule_id = ?
            """;

    /**
     * Takes due work (pending, or sending with an expired lease) and leases it, in one statement; the first claim
     * also stamps {@code first_attempt_at}, from which the retries' deadline runs.
     *
     * <p>Fair across organizations: due deliveries are taken in turns, each organization's oldest first, then
     * every organization's second, and so on, so one tenant with a thousand due mails cannot hold back another's
     * one. The due conditions are repeated beside {@code FOR UPDATE}: PostgreSQL re-checks them on a row another
     * replica claimed after this statement's snapshot, which the window function's level would not.
     */
    static final String CLAIM = """
            with due as (
                select delivery_id, next_attempt_at,
                       row_number() over (partition by org_id order by next_attempt_at, delivery_id) as turn
                  from report_delivery
                 where status in ('pending', 'sending')
                   and next_attempt_at <= ?
                   and (locked_until is null or locked_until <= ?)
            ), picked as materialized (
                select r.delivery_id
                  from report_delivery r
                  join due on due.delivery_id = r.delivery_id
                 where due.turn <= ?
                   and r.status in ('pending', 'sending')
                   and r.next_attempt_at <= ?
                   and (r.locked_until is null or r.locked_until <= ?)
                 order by due.turn, due.next_attempt_at, due.delivery_id
                 for update of r skip locked
                 limit ?
            ), claimed as (
                update report_delivery d
                   set status = 'sending', attempts = d.attempts + 1, locked_until = ?,
                       first_attempt_at = coalesce(d.first_attempt_at, ?)
                  from picked
                 where d.delivery_id = picked.delivery_id
                returning d.*)
            select c.delivery_id, c.org_id, c.team_id, t.name as team_name, c.report_type, c.frequency, c.timezone,
                   c.period_start, c.period_end, c.format, c.sections::text as sections, c.recipients, c.attempts,
                   c.first_attempt_at, c.report_id, o.recipient_domains,
                   coalesce(c.scheduled_for, c.first_attempt_at) as due_since,
                   c.channel, c.webhook_url, c.schedule_id, c.scheduled_for, s.webhook_secret_enc
              from claimed c
              left join team t on t.org_id = c.org_id and t.team_id = c.team_id
              left join organization o on o.org_id = c.org_id
              left join report_schedule s on s.schedule_id = c.schedule_id
             order by row_number() over (partition by c.org_id order by c.next_attempt_at, c.delivery_id),
                      c.next_attempt_at
            """;

    /** The report this attempt has saved in report-api, kept so that a retry mails the same one. */
    static final String RECORD_REPORT = """
            update report_delivery set report_id = ?
             where delivery_id = ? and attempts = ? and status = 'sending'
            """;

    /**
     * Guarded by the attempt number: a worker whose lease was taken over cannot overwrite the newer attempt. The
     * response status is a webhook receiver's (null for mail).
     */
    static final String MARK_SENT = """
            update report_delivery
               set status = 'sent', sent_at = ?, report_id = ?, locked_until = null, last_error = null,
                   response_status = ?
             where delivery_id = ? and attempts = ? and status = 'sending'
            """;

    static final String RENEW_LEASE = """
            update report_delivery set locked_until = ?
             where delivery_id = ? and attempts = ? and status = 'sending'
            """;

    static final String MARK_RETRY = """
            update report_delivery
               set status = 'pending', next_attempt_at = ?, locked_until = null, last_error = ?, response_status = ?
             where delivery_id = ? and attempts = ? and status = 'sending'
            """;

    static final String MARK_FAILED = """
            update report_delivery
               set status = 'failed', locked_until = null, last_error = ?, response_status = ?
             where delivery_id = ? and attempts = ? and status = 'sending'
            """;

    private final AgroalDataSource dataSource;

    public DueRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction and answers what it answers. */
    <T> T inTransaction(SqlWork<T> work) {
        try {
            return Transactions.inTransaction(dataSource, work::run);
        } catch (SQLException e) {
            throw new IllegalStateException("scheduler database work failed: " + e.getMessage(), e);
        }
    }

    /** What is due now and not being worked on (see {@link #DUE_NOW}). */
    DueNow dueNow() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(DUE_NOW);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new DueNow(rs.getLong(1), Math.max(0, rs.getDouble(2)), rs.getLong(3));
            }
        });
    }

    List<DueSchedule> lockDue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_DUE)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<DueSchedule> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(schedule(rs));
                }
            }
            return due;
        }
    }

    /**
     * Inserts the deliveries of one of the schedule's slots, one per channel it has (e-mail when it has recipients,
     * webhook when it has a URL); answers how many were new (a channel that already has its row is left alone).
     */
    int insertDeliveries(Connection c, DueSchedule s, Instant slot, Instant now) throws SQLException {
        int inserted = 0;
        if (!s.recipients().isEmpty()) {
            inserted += insertDelivery(c, s, slot, now, "email", s.recipients(), null) ? 1 : 0;
        }
        if (s.webhookUrl() != null) {
            inserted += insertDelivery(c, s, slot, now, "webhook", List.of(), s.webhookUrl()) ? 1 : 0;
        }
        return inserted;
    }

    private boolean insertDelivery(
            Connection c,
            DueSchedule s,
            Instant slot,
            Instant now,
            String channel,
            List<String> recipients,
            String webhookUrl)
            throws SQLException {
        ReportWindow window = ReportWindow.endingBefore(slot, s.days(), ZoneId.of(s.timezone()));
        try (PreparedStatement ps = c.prepareStatement(INSERT_DELIVERY)) {
            ps.setString(1, newDeliveryId());
            ps.setString(2, s.orgId());
            ps.setString(3, s.teamId());
            ps.setString(4, s.scheduleId());
            ps.setTimestamp(5, Timestamp.from(slot));
            ps.setString(6, s.reportType());
            ps.setString(7, s.timezone());
            ps.setTimestamp(8, Timestamp.from(window.start()));
            ps.setTimestamp(9, Timestamp.from(window.end()));
            ps.setString(10, s.format());
            ps.setString(11, s.sectionsJson());
            ps.setArray(12, c.createArrayOf("text", recipients.toArray()));
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setString(14, s.frequency());
            ps.setString(15, channel);
            ps.setString(16, webhookUrl);
            return ps.executeUpdate() == 1;
        }
    }

    void advance(Connection c, String scheduleId, Instant nextRunAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setTimestamp(1, Timestamp.from(nextRunAt));
            ps.setString(2, scheduleId);
            ps.executeUpdate();
        }
    }

    /** Claims up to {@code limit} due deliveries until {@code leaseUntil}; committed when this returns. */
    List<ClaimedDelivery> claim(Instant now, Instant leaseUntil, int limit) {
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
                List<ClaimedDelivery> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ClaimedDelivery(
                                request(rs),
                                rs.getInt("attempts"),
                                rs.getTimestamp("first_attempt_at").toInstant(),
                                rs.getString("report_id"),
                                rs.getArray("recipient_domains") == null
                                        ? List.of()
                                        : strings(rs.getArray("recipient_domains")),
                                rs.getTimestamp("due_since").toInstant(),
                                webhook(rs)));
                    }
                }
                return claimed;
            }
        });
    }

    boolean markSent(ClaimedDelivery d, Instant sentAt, String reportId, Integer responseStatus) {
        return update(MARK_SENT, Timestamp.from(sentAt), reportId, responseStatus, d.deliveryId(), d.attempts());
    }

    /** Records the report this attempt saved; false when the delivery is no longer this attempt's. */
    boolean recordReport(ClaimedDelivery d, String reportId) {
        return update(RECORD_REPORT, reportId, d.deliveryId(), d.attempts());
    }

    /** Extends this attempt's lease; false when the delivery is no longer this attempt's. */
    boolean renewLease(ClaimedDelivery d, Instant until) {
        return update(RENEW_LEASE, Timestamp.from(until), d.deliveryId(), d.attempts());
    }

    boolean markRetry(ClaimedDelivery d, Instant nextAttemptAt, String error, Integer responseStatus) {
        return update(MARK_RETRY, Timestamp.from(nextAttemptAt), error, responseStatus, d.deliveryId(), d.attempts());
    }

    boolean markFailed(ClaimedDelivery d, String error, Integer responseStatus) {
        return update(MARK_FAILED, error, responseStatus, d.deliveryId(), d.attempts());
    }

    private boolean update(String sql, Object... args) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static DueSchedule schedule(ResultSet rs) throws SQLException {
        return new DueSchedule(
                rs.getString("schedule_id"),
                rs.getString("org_id"),
                rs.getString("team_id"),
                rs.getString("report_type"),
                rs.getString("frequency"),
                rs.getObject("schedule_time", LocalTime.class),
                rs.getObject("schedule_day", Integer.class),
                rs.getString("timezone"),
                rs.getInt("days"),
                strings(rs.getArray("recipients")),
                rs.getString("format"),
                rs.getString("sections"),
                rs.getString("webhook_url"),
                rs.getTimestamp("next_run_at").toInstant());
    }

    /** A webhook delivery's target and its schedule's sealed secret as it is now; null for mail. */
    private static ClaimedDelivery.Webhook webhook(ResultSet rs) throws SQLException {
        if (!"webhook".equals(rs.getString("channel"))) {
            return null;
        }
        Timestamp slot = rs.getTimestamp("scheduled_for");
        return new ClaimedDelivery.Webhook(
                rs.getString("webhook_url"),
                rs.getString("schedule_id"),
                slot == null ? null : slot.toInstant(),
                rs.getString("webhook_secret_enc"));
    }

    private static DeliveryRequest request(ResultSet rs) throws SQLException {
        return new DeliveryRequest(
                rs.getString("delivery_id"),
                rs.getString("org_id"),
                rs.getString("team_id"),
                rs.getString("team_name"),
                rs.getString("report_type"),
                rs.getString("frequency"),
                ZoneId.of(rs.getString("timezone")),
                rs.getTimestamp("period_start").toInstant(),
                rs.getTimestamp("period_end").toInstant(),
                rs.getString("format"),
                rs.getString("sections"),
                strings(rs.getArray("recipients")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    static String newDeliveryId() {
        return "dlv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
