package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.AlertState;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import dev.gatewayreports.model.alerts.WireName;
import dev.gatewayreports.model.jdbc.Transactions;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The evaluator's SQL over {@code alert_rule}, {@code alert_event} and {@code alert_notification}. */
public class AlertRepository {

    /**
     * Takes due enabled rules (their minute has come, no live lease) and leases them, in one statement. Fair across
     * organizations like the delivery claim: each organization's most overdue rule first, then each one's second,
     * and so on. The due conditions are repeated beside {@code FOR UPDATE}: PostgreSQL re-checks them on a row
     * another replica claimed after this statement's snapshot. A claim writes {@code locked_until} = its lease, and
     * only a row whose lease has ended ({@code locked_until <= now}) can be claimed again, so every claim of a rule
     * writes a later {@code locked_until} than the one before: the value identifies the claim. Answered in the
     * order of the turns, so each organization's first rule is evaluated first.
     */
    static final String CLAIM = """
            with due as (
                select alert_id, next_eval_at,
                       row_number() over (partition by org_id order by next_eval_at, alert_id) as turn
                  from alert_rule
                 where enabled
                   and next_eval_at <= ?
                   and (locked_until is null or locked_until <= ?)
            ), picked as materialized (
                select r.alert_id
                  from alert_rule r
                  join due on due.alert_id = r.alert_id
                 where due.turn <= ?
                   and r.enabled
                   and r.next_eval_at <= ?
                   and (r.locked_until is null or r.locked_until <= ?)
                 order by due.turn, due.next_eval_at, due.alert_id
                 for update of r skip locked
                 limit ?
            ), claimed as (
                update alert_rule a
                   set locked_until = ?
                  from picked
                 where a.alert_id = picked.alert_id
                returning a.*)
            select alert_id, org_id, team_id, kind, measure, window_kind, comparison, threshold, timezone,
                   hysteresis_percent, for_minutes, recipients, webhook_url, state, state_since, episode, next_eval_at,
                   locked_until
              from claimed
             order by row_number() over (partition by org_id order by next_eval_at, alert_id), next_eval_at, alert_id
            """;

    /** An organization's teams: what an organization-wide rule reads. */
    static final String TEAMS = """
            select team_id from team where org_id = ? order by team_id
            """;

    /**
     * Writes an evaluation's outcome and ends the lease, only if the rule is still as this evaluation claimed it:
     * the same lease (no other replica has claimed it since), the same state and episode. Zero rows: another
     * evaluation has taken over, and this one writes nothing.
     */
    static final String APPLY = """
            update alert_rule
               set state = ?, state_since = ?, episode = ?, last_value = ?, last_evaluated_at = ?, next_eval_at = ?,
                   locked_until = null
             where alert_id = ? and locked_until = ? and state = ? and episode = ?
            """;

    /** Ends the lease of a rule whose evaluation failed; it is due again at its next minute. */
    static final String RELEASE = """
            update alert_rule set next_eval_at = ?, locked_until = null
             where alert_id = ? and locked_until = ?
            """;

    /** An event happens once: a second insert of the same (rule, kind, episode key) does nothing. */
    static final String INSERT_EVENT = """
            insert into alert_event (event_id, alert_id, org_id, team_id, kind, episode_key, value, threshold,
                                     forecast, window_start, window_end, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (alert_id, kind, episode_key) do nothing
            """;

    /** One message per event and target, due at once; the sender (scheduling.notify) claims and sends it. */
    static final String INSERT_NOTIFICATION = """
            insert into alert_notification (notification_id, event_id, alert_id, org_id, channel, target,
                                            status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
            on conflict (event_id, channel, target) do nothing
            """;

    /**
     * Wakes the senders LISTENing on {@code alert_notification} (scheduling.due.SendWakeups) when this transaction
     * commits, so a firing leaves within about a second instead of at the sender's next tick.
     */
    static final String WAKE_SENDERS = "select pg_notify('alert_notification', ?)";

    /** Enabled rules firing now. */
    static final String FIRING = """
            select count(*) from alert_rule where enabled and state = 'firing'
            """;

    /** How long the most overdue rule that no evaluator holds has been due at {@code now} (0 when none). */
    static final String OLDEST_DUE = """
            select coalesce(extract(epoch from ?::timestamptz - min(next_eval_at)), 0)
              from alert_rule
             where enabled and next_eval_at <= ? and (locked_until is null or locked_until <= ?)
            """;

    private final DataSource dataSource;

    public AlertRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims up to {@code limit} rules due at {@code now}, leased until {@code leaseUntil}; committed on return. */
    public List<AlertRule> claim(Instant now, Instant leaseUntil, int limit) {
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
                ps.setTimestamp(p, Timestamp.from(leaseUntil));
                List<AlertRule> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rule(rs));
                    }
                }
                return claimed;
            }
        });
    }

    public List<String> teamsOf(String orgId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(TEAMS)) {
                ps.setString(1, orgId);
                List<String> teams = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        teams.add(rs.getString(1));
                    }
                }
                return teams;
            }
        });
    }

    /**
     * Writes one evaluation in one transaction: the rule's new state (guarded, see {@link #APPLY}), then each new
     * event and its notifications. Answers the kinds of the events inserted; null when the guard found the rule
     * changed (nothing written).
     */
    public List<AlertEventKind> apply(AlertRule rule, Evaluation e) {
        return inTransaction(c -> {
            if (!update(c, rule, e)) {
                return null;
            }
            List<AlertEventKind> inserted = new ArrayList<>();
            for (AlertStateMachine.EventDraft draft : e.decision().events()) {
                String eventId = newId("ale_");
                if (insertEvent(c, rule, e, draft, eventId)) {
                    insertNotifications(c, rule, eventId, e.at());
                    inserted.add(draft.kind());
                }
            }
            return inserted;
        });
    }

    /** Ends a failed evaluation's lease; false when another evaluator holds the rule now. */
    public boolean release(AlertRule rule, Instant nextEvalAt) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setTimestamp(1, Timestamp.from(nextEvalAt));
                ps.setString(2, rule.alertId());
                ps.setTimestamp(3, Timestamp.from(rule.lease()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    public long firing() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIRING);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public double oldestDueSeconds(Instant now) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(OLDEST_DUE)) {
                Timestamp at = Timestamp.from(now);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Math.max(0, rs.getDouble(1));
                }
            }
        });
    }

    private static boolean update(Connection c, AlertRule rule, Evaluation e) throws SQLException {
        AlertStateMachine.Decision d = e.decision();
        try (PreparedStatement ps = c.prepareStatement(APPLY)) {
            int p = 1;
            ps.setString(p++, d.state().wire());
            ps.setTimestamp(p++, d.stateSince() == null ? null : Timestamp.from(d.stateSince()));
            ps.setInt(p++, d.episode());
            ps.setBigDecimal(p++, e.value());
            ps.setTimestamp(p++, Timestamp.from(e.at()));
            ps.setTimestamp(p++, Timestamp.from(e.nextEvalAt()));
            ps.setString(p++, rule.alertId());
            ps.setTimestamp(p++, Timestamp.from(rule.lease()));
            ps.setString(p++, rule.state().wire());
            ps.setInt(p, rule.episode());
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean insertEvent(
            Connection c, AlertRule rule, Evaluation e, AlertStateMachine.EventDraft draft, String eventId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            int p = 1;
            ps.setString(p++, eventId);
            ps.setString(p++, rule.alertId());
            ps.setString(p++, rule.orgId());
            ps.setString(p++, rule.teamId());
            ps.setString(p++, draft.kind().wire());
            ps.setString(p++, draft.episodeKey());
            ps.setBigDecimal(p++, e.value());
            ps.setBigDecimal(p++, rule.threshold());
            if (e.forecast() == null) {
                ps.setNull(p++, Types.NUMERIC);
            } else {
                ps.setBigDecimal(p++, e.forecast());
            }
            ps.setTimestamp(p++, Timestamp.from(e.window().start()));
            ps.setTimestamp(p++, Timestamp.from(e.window().end()));
            ps.setTimestamp(p, Timestamp.from(e.at()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * One e-mail notification per distinct recipient, one webhook notification when the rule has a webhook; the
     * senders are woken in the same transaction (PostgreSQL delivers the notification at commit, none on rollback).
     */
    private static void insertNotifications(Connection c, AlertRule rule, String eventId, Instant at)
            throws SQLException {
        List<String[]> targets = new ArrayList<>();
        new LinkedHashSet<>(rule.recipients()).forEach(r -> targets.add(new String[] {"email", r}));
        if (rule.webhookUrl() != null) {
            targets.add(new String[] {"webhook", rule.webhookUrl()});
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_NOTIFICATION)) {
            for (String[] target : targets) {
                ps.setString(1, newId("aln_"));
                ps.setString(2, eventId);
                ps.setString(3, rule.alertId());
                ps.setString(4, rule.orgId());
                ps.setString(5, target[0]);
                ps.setString(6, target[1]);
                ps.setTimestamp(7, Timestamp.from(at));
                ps.setTimestamp(8, Timestamp.from(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!targets.isEmpty()) {
            try (PreparedStatement wake = c.prepareStatement(WAKE_SENDERS)) {
                wake.setString(1, eventId);
                wake.executeQuery().close();
            }
        }
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        return new AlertRule(
                rs.getString("alert_id"),
                rs.getString("org_id"),
                rs.getString("team_id"),
                WireName.of(AlertKind.class, rs.getString("kind")),
                WireName.of(AlertMeasure.class, rs.getString("measure")),
                WireName.of(WindowKind.class, rs.getString("window_kind")),
                WireName.of(Comparison.class, rs.getString("comparison")),
                rs.getBigDecimal("threshold"),
                rs.getString("timezone"),
                rs.getBigDecimal("hysteresis_percent"),
                rs.getInt("for_minutes"),
                strings(rs.getArray("recipients")),
                rs.getString("webhook_url"),
                WireName.of(AlertState.class, rs.getString("state")),
                instant(rs.getTimestamp("state_since")),
                rs.getInt("episode"),
                rs.getTimestamp("next_eval_at").toInstant(),
                rs.getTimestamp("locked_until").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null
                ? List.of()
                : Arrays.stream((Object[]) array.getArray())
                        .map(String::valueOf)
                        .toList();
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        try {
            return Transactions.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("alert database work failed: " + e.getMessage(), e);
        }
    }

    /**
     * One evaluation's outcome.
     *
     * @param at the evaluation time (the window's end, the events' occurred_at)
     * @param value the measured value (null: none)
     * @param forecast a budget's month-end forecast, or null
     */
    public record Evaluation(
            Instant at,
            AlertWindow window,
            BigDecimal value,
            BigDecimal forecast,
            AlertStateMachine.Decision decision,
            Instant nextEvalAt) {}
}
