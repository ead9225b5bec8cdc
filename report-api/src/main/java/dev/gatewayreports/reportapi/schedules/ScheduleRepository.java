package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.reportapi.reports.ReportType;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Report schedules (table {@code report_schedule}, V14, V16): one per team (of an organization) and report type. */
@ApplicationScoped
public class ScheduleRepository {
    static final String COLUMNS = """
            s.schedule_id, s.team_id, s.report_type, s.frequency, to_char(s.schedule_time, 'HH24:MI'),
            s.schedule_day, s.timezone, s.days, s.recipients, s.format, s.sections::text, s.next_run_at,
            s.created_at, s.updated_at, s.webhook_url, s.webhook_secret_enc is not null""";

    /**
     * The team's schedule of a type, if any: its id and sealed webhook secret. Taken under a lock on the
     * (organization, team, type) for the transaction, so two first saves with a webhook cannot both seal a secret.
     */
    static final String EXISTING = """
            select schedule_id, webhook_secret_enc
              from (select pg_advisory_xact_lock(hashtext('report_schedule/' || ? || '/' || ? || '/' || ?))) lock
              left join report_schedule on org_id = ? and team_id = ? and report_type = ?""";

    /**
     * Creates the team's schedule of a type, or replaces it keeping its id, creation and creator. Writes nothing
     * unless the team belongs to the organization. The sealed webhook secret is the caller's to choose (kept,
     * new, or null without a webhook_url): PostgreSQL checks the row proposed for insertion, conflict or not.
     */
    static final String UPSERT = """
            insert into report_schedule as s (schedule_id, org_id, team_id, report_type, frequency, schedule_time,
                                              schedule_day, timezone, days, recipients, format, sections, created_by,
                                              created_at, updated_at, next_run_at, webhook_url, webhook_secret_enc)
            select ?, t.org_id, t.team_id, ?, ?, ?::time, ?::smallint, ?, ?, ?::text[], ?, ?::jsonb, ?,
                   ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?
              from team t
             where t.team_id = ? and t.org_id = ?
            on conflict (org_id, team_id, report_type) do update
               set frequency = excluded.frequency, schedule_time = excluded.schedule_time,
                   schedule_day = excluded.schedule_day, timezone = excluded.timezone, days = excluded.days,
                   recipients = excluded.recipients, format = excluded.format, sections = excluded.sections,
                   updated_at = excluded.updated_at, webhook_url = excluded.webhook_url,
                   webhook_secret_enc = excluded.webhook_secret_enc,
                   -- a slot that is due but not yet taken by the scheduler is still sent once
                   next_run_at = case when s.next_run_at <= excluded.updated_at then s.next_run_at
                                      else excluded.next_run_at end
            returning
            """ + COLUMNS;

    /** A new sealed secret for a schedule that has a webhook; answers the schedule's id. */
    static final String ROTATE = """
            update report_schedule set webhook_secret_enc = ?, updated_at = ?
             where org_id = ? and team_id = ? and report_type = ? and webhook_url is not null
            returning schedule_id""";

    /** Schedules of the organization (of some teams unless null) with each one's newest delivery. */
    static final String LIST = "select " + COLUMNS + """
            , d.delivery_id, d.status, d.attempts, d.scheduled_for, d.sent_at, d.last_error, d.channel,
              d.response_status
              from report_schedule s
              left join lateral (
                    select delivery_id, status, attempts, scheduled_for, sent_at, last_error, channel,
                           response_status
                      from report_delivery
                     where schedule_id = s.schedule_id
                     order by created_at desc, delivery_id desc
                     limit 1) d on true
             where s.org_id = ?
               and (?::text[] is null or s.team_id = any(?::text[]))
             order by s.team_id, s.report_type""";

    /** The newest delivery of each channel (e-mail, webhook) of the given schedules of the organization. */
    static final String LAST_PER_CHANNEL = """
            select distinct on (schedule_id, channel)
                   schedule_id, delivery_id, status, attempts, scheduled_for, sent_at, last_error, channel,
                   response_status
              from report_delivery
             where org_id = ? and schedule_id = any(?::text[])
             order by schedule_id, channel, created_at desc, delivery_id desc""";

    static final String DELETE = """
            delete from report_schedule where org_id = ? and team_id = ? and report_type = ? returning schedule_id""";

    private final AgroalDataSource dataSource;

    public ScheduleRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The team's schedule of the type as {@link #EXISTING} reads it: its id and sealed secret (or null). */
    public record Existing(String scheduleId, String sealedSecret) {}

    /** The team's schedule of the type, locked against a concurrent first save for this transaction. */
    public Existing existing(String orgId, String teamId, ReportType type) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(EXISTING)) {
            for (int offset : new int[] {0, 3}) {
                ps.setString(offset + 1, orgId);
                ps.setString(offset + 2, teamId);
                ps.setString(offset + 3, type.wire());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) == null ? null : new Existing(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the schedule failed", e);
        }
    }

    /** Stores a new sealed webhook secret; the schedule's id, or null when it has no webhook_url (or is none). */
    public String rotate(String orgId, String teamId, ReportType type, String sealedSecret, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ROTATE)) {
            ps.setString(1, sealedSecret);
            ps.setObject(2, utc(now));
            ps.setString(3, orgId);
            ps.setString(4, teamId);
            ps.setString(5, type.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rotating the webhook secret failed", e);
        }
    }

    /**
     * The schedule as stored, or null when the team is not the organization's.
     *
     * @param sealedSecret the sealed webhook secret to store: the stored one, a new one, or null without a webhook
     */
    public ScheduleResponse upsert(
            String orgId,
            String teamId,
            ScheduleRequest r,
            String newId,
            Instant nextRunAt,
            Instant now,
            String by,
            String sealedSecret) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT)) {
            int p = 1;
            ps.setString(p++, newId);
            ps.setString(p++, r.type().wire());
            ps.setString(p++, r.frequency().wire());
            ps.setString(p++, r.time().toString());
            ps.setObject(p++, r.day());
            ps.setString(p++, r.zone().getId());
            ps.setInt(p++, r.days());
            ps.setArray(p++, c.createArrayOf("text", r.recipients().toArray()));
            ps.setString(p++, r.format());
            ps.setString(p++, SectionFlags.json(r.sections()));
            ps.setString(p++, by);
            ps.setObject(p++, utc(now));
            ps.setObject(p++, utc(now));
            ps.setObject(p++, utc(nextRunAt));
            ps.setString(p++, r.webhookUrl());
            ps.setString(p++, sealedSecret);
            ps.setString(p++, teamId);
            ps.setString(p, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? schedule(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving the schedule failed", e);
        }
    }

    /** The organization's schedules, of the given teams unless null, ordered by team and report type. */
    public List<PreferencesResponse.Item> list(String orgId, List<String> teams) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LIST)) {
            Array teamArray = teams == null ? null : c.createArrayOf("text", teams.toArray());
            ps.setString(1, orgId);
            ps.setArray(2, teamArray);
            ps.setArray(3, teamArray);
            List<ScheduleResponse> found = new ArrayList<>();
            List<PreferencesResponse.LastDelivery> newest = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(schedule(rs));
                    newest.add(lastDelivery(rs, 17));
                }
            }
            Map<String, List<PreferencesResponse.LastDelivery>> perChannel = new HashMap<>();
            if (!found.isEmpty()) {
                try (PreparedStatement last = c.prepareStatement(LAST_PER_CHANNEL)) {
                    last.setString(1, orgId);
                    last.setArray(
                            2,
                            c.createArrayOf(
                                    "text",
                                    found.stream()
                                            .map(ScheduleResponse::scheduleId)
                                            .toArray()));
                    try (ResultSet rs = last.executeQuery()) {
                        while (rs.next()) {
                            perChannel
                                    .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                    .add(lastDelivery(rs, 2));
                        }
                    }
                }
            }
            List<PreferencesResponse.Item> items = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                ScheduleResponse schedule = found.get(i);
                items.add(new PreferencesResponse.Item(
                        schedule, newest.get(i), perChannel.getOrDefault(schedule.scheduleId(), List.of())));
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("listing schedules failed", e);
        }
    }

    /** The id of the schedule deleted, or null when there was none. */
    public String delete(String orgId, String teamId, ReportType type) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, orgId);
            ps.setString(2, teamId);
            ps.setString(3, type.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the schedule failed", e);
        }
    }

    private static ScheduleResponse schedule(ResultSet rs) throws SQLException {
        ReportType type = ReportType.fromWire(rs.getString(3));
        return new ScheduleResponse(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                (Integer) rs.getObject(6, Integer.class),
                rs.getString(7),
                rs.getInt(8),
                strings(rs.getArray(9)),
                rs.getString(10),
                SectionFlags.read(rs.getString(11), type),
                instant(rs, 12),
                instant(rs, 13),
                instant(rs, 14),
                rs.getString(15),
                rs.getBoolean(16),
                null);
    }

    /** The delivery whose eight columns start at {@code first}, or null when its id is null (none yet). */
    private static PreferencesResponse.LastDelivery lastDelivery(ResultSet rs, int first) throws SQLException {
        String id = rs.getString(first);
        if (id == null) {
            return null;
        }
        return new PreferencesResponse.LastDelivery(
                id,
                rs.getString(first + 1),
                rs.getInt(first + 2),
                instant(rs, first + 3),
                instant(rs, first + 4),
                rs.getString(first + 5),
                rs.getString(first + 6),
                rs.getObject(first + 7, Integer.class));
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
