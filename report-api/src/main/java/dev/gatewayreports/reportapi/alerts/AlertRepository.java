package dev.gatewayreports.reportapi.alerts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Alert rules (table {@code alert_rule}, V25) of an organization. Every statement names the organization, so a rule
 * of another one is never read, changed or deleted. The sealed webhook secret is written here and never read back.
 */
@ApplicationScoped
public class AlertRepository {
    static final String COLUMNS = """
            alert_id, team_id, name, kind, measure, window_kind, comparison, threshold, timezone, hysteresis_percent,
            for_minutes, recipients, webhook_url, enabled, state, state_since, last_value, last_evaluated_at,
            created_by, created_at, updated_at""";

    /** A new rule, due for evaluation at once. */
    static final String INSERT = """
            insert into alert_rule (alert_id, org_id, team_id, name, kind, measure, window_kind, comparison, threshold,
                                    timezone, hysteresis_percent, for_minutes, recipients, webhook_url,
                                    webhook_secret_enc, enabled, created_by, created_at, updated_at, next_eval_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)
            returning
            """ + COLUMNS;

    static final String FIND = "select " + COLUMNS + " from alert_rule where org_id = ? and alert_id = ?";

    /** The rule, locked until the end of the transaction: a PUT or a rotation reads, decides, then writes. */
    static final String FIND_FOR_UPDATE = FIND + " for update";

    /** Rules of some teams (all teams when null) and, when asked, the organization-wide ones. */
    static final String LIST = "select " + COLUMNS + """
              from alert_rule
             where org_id = ?
               and ((team_id is null and ?) or (team_id is not null and (?::text[] is null or team_id = any(?::text[]))))
             order by team_id nulls first, name, alert_id""";

    /**
     * Replaces the whole rule. The webhook secret: a new sealed one when given, else the stored one when kept, else
     * none. When the evaluated condition changed, the state starts again: ok, no state_since or last value, due now.
     * Every update also ends the evaluation lease: an evaluation in flight was made for the old rule, and the
     * scheduler's guarded write (same lease) then writes nothing; the rule is evaluated again when next due.
     */
    static final String UPDATE = """
            update alert_rule
               set team_id = ?, name = ?, kind = ?, measure = ?, window_kind = ?, comparison = ?, threshold = ?,
                   timezone = ?, hysteresis_percent = ?, for_minutes = ?, recipients = ?::text[], webhook_url = ?,
                   webhook_secret_enc = coalesce(?, case when ? then webhook_secret_enc end),
                   enabled = ?, updated_at = ?, locked_until = null,
                   state = case when ? then 'ok' else state end,
                   state_since = case when ? then null else state_since end,
                   last_value = case when ? then null else last_value end,
                   next_eval_at = case when ? then ? else next_eval_at end
             where org_id = ? and alert_id = ?
            returning
            """ + COLUMNS;

    /** A new sealed secret for a rule that has a webhook. */
    static final String ROTATE = """
            update alert_rule set webhook_secret_enc = ?, updated_at = ?
             where org_id = ? and alert_id = ? and webhook_url is not null""";

    static final String DELETE = "delete from alert_rule where org_id = ? and alert_id = ?";

    private final AgroalDataSource dataSource;

    public AlertRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new rule; {@code sealedSecret} is null without a webhook. */
    public AlertResponse insert(
            String orgId, String alertId, AlertRequest r, String sealedSecret, String by, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            int p = 1;
            ps.setString(p++, alertId);
            ps.setString(p++, orgId);
            ps.setString(p++, r.teamId());
            p = bindRule(c, ps, p, r);
            ps.setString(p++, sealedSecret);
            ps.setBoolean(p++, r.enabled());
            ps.setString(p++, by);
            ps.setObject(p++, utc(now));
            ps.setObject(p++, utc(now));
            ps.setObject(p, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rule(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving the alert rule failed", e);
        }
    }

    /** The organization's rule, or null; locked for the transaction when {@code forUpdate}. */
    public AlertResponse find(String orgId, String alertId, boolean forUpdate) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(forUpdate ? FIND_FOR_UPDATE : FIND)) {
            ps.setString(1, orgId);
            ps.setString(2, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rule(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the alert rule failed", e);
        }
    }

    /** Rules of the teams (every team when null), with the organization-wide ones when {@code orgWide}. */
    public List<AlertResponse> list(String orgId, List<String> teams, boolean orgWide) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LIST)) {
            Array teamArray = teams == null ? null : c.createArrayOf("text", teams.toArray());
            ps.setString(1, orgId);
            ps.setBoolean(2, orgWide);
            ps.setArray(3, teamArray);
            ps.setArray(4, teamArray);
            List<AlertResponse> rules = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rules.add(rule(rs));
                }
            }
            return rules;
        } catch (SQLException e) {
            throw new IllegalStateException("listing alert rules failed", e);
        }
    }

    /**
     * Replaces a rule (see {@link #UPDATE}).
     *
     * @param newSealedSecret a new sealed secret, or null
     * @param keepSecret keep the stored secret when no new one is given (false: remove it)
     * @param reset start the evaluation state again
     */
    public AlertResponse update(
            String orgId,
            String alertId,
            AlertRequest r,
            String newSealedSecret,
            boolean keepSecret,
            boolean reset,
            Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int p = 1;
            ps.setString(p++, r.teamId());
            p = bindRule(c, ps, p, r);
            ps.setString(p++, newSealedSecret);
            ps.setBoolean(p++, keepSecret);
            ps.setBoolean(p++, r.enabled());
            ps.setObject(p++, utc(now));
            for (int i = 0; i < 4; i++) {
                ps.setBoolean(p++, reset);
            }
            ps.setObject(p++, utc(now));
            ps.setString(p++, orgId);
            ps.setString(p, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rule(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving the alert rule failed", e);
        }
    }

    /** True when the rule had a webhook and now has the new sealed secret. */
    public boolean rotate(String orgId, String alertId, String sealedSecret, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ROTATE)) {
            ps.setString(1, sealedSecret);
            ps.setObject(2, utc(now));
            ps.setString(3, orgId);
            ps.setString(4, alertId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("rotating the webhook secret failed", e);
        }
    }

    /** True when a rule was deleted (its events and notifications go with it). */
    public boolean delete(String orgId, String alertId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, orgId);
            ps.setString(2, alertId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the alert rule failed", e);
        }
    }

    /** name … webhook_url of the rule, in the order of INSERT and UPDATE. */
    private static int bindRule(Connection c, PreparedStatement ps, int first, AlertRequest r) throws SQLException {
        int p = first;
        ps.setString(p++, r.name());
        ps.setString(p++, r.kind());
        ps.setString(p++, r.measure());
        ps.setString(p++, r.window());
        ps.setString(p++, r.comparison());
        ps.setBigDecimal(p++, r.threshold());
        ps.setString(p++, r.zone().getId());
        ps.setBigDecimal(p++, r.hysteresisPercent());
        ps.setInt(p++, r.forMinutes());
        ps.setArray(p++, c.createArrayOf("text", r.recipients().toArray()));
        ps.setString(p++, r.webhookUrl());
        return p;
    }

    private static AlertResponse rule(ResultSet rs) throws SQLException {
        return new AlertResponse(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                AlertResponse.decimal(rs.getBigDecimal(8)),
                rs.getString(9),
                AlertResponse.number(rs.getBigDecimal(10)),
                rs.getInt(11),
                strings(rs.getArray(12)),
                rs.getString(13),
                rs.getBoolean(14),
                rs.getString(15),
                instant(rs, 16),
                AlertResponse.decimal(rs.getBigDecimal(17)),
                instant(rs, 18),
                rs.getString(19),
                instant(rs, 20),
                instant(rs, 21),
                null);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
