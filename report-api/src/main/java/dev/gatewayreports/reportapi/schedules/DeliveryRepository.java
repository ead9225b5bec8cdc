package dev.gatewayreports.reportapi.schedules;

import static dev.gatewayreports.reportapi.schedules.ScheduleRepository.instant;
import static dev.gatewayreports.reportapi.schedules.ScheduleRepository.strings;
import static dev.gatewayreports.reportapi.schedules.ScheduleRepository.utc;

import dev.gatewayreports.model.schedules.ReportWindow;
import dev.gatewayreports.reportapi.reports.ReportType;
import dev.gatewayreports.reportapi.reports.Section;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Deliveries (table {@code report_delivery}, V14); report-api writes the ad-hoc ones, the scheduler sends all. */
@ApplicationScoped
public class DeliveryRepository {
    /** An ad-hoc send, due now; nothing is written unless the team belongs to the organization. */
    static final String INSERT_SEND = """
            insert into report_delivery (delivery_id, org_id, team_id, report_type, timezone, period_start,
                                         period_end, format, sections, recipients, status, attempts,
                                         next_attempt_at, requested_by, created_at)
            select ?, t.org_id, t.team_id, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?::jsonb, ?::text[], 'pending',
                   0, ?::timestamptz, ?, ?::timestamptz
              from team t
             where t.team_id = ? and t.org_id = ?""";

    static final String FIND = """
            select delivery_id, schedule_id, team_id, report_type, timezone, period_start, period_end, format,
                   sections::text, recipients, status, attempts, next_attempt_at, last_error, report_id,
                   scheduled_for, created_at, sent_at, channel, webhook_url, response_status
              from report_delivery
             where delivery_id = ? and org_id = ?""";

    /** What an ad-hoc send asks for. */
    public record Send(
            ReportType type,
            ZoneId zone,
            ReportWindow window,
            String format,
            Set<Section> sections,
            List<String> recipients,
            String requestedBy) {}

    private final AgroalDataSource dataSource;

    public DeliveryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The channel scheduler-service listens on: a send wakes it at once instead of at its next tick. The payload is
     * the delivery id; the notification leaves when the transaction that recorded the delivery commits.
     */
    public static final String CHANNEL = "report_delivery";

    /** Wakes the scheduler (delivered on commit, dropped on rollback). */
    private static final String NOTIFY = "select pg_notify(?, ?)";

    /** True when the delivery was recorded (false: the team is not the organization's). */
    public boolean insertSend(String orgId, String teamId, String deliveryId, Send send, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_SEND)) {
            int p = 1;
            ps.setString(p++, deliveryId);
            ps.setString(p++, send.type().wire());
            ps.setString(p++, send.zone().getId());
            ps.setObject(p++, utc(send.window().start()));
            ps.setObject(p++, utc(send.window().end()));
            ps.setString(p++, send.format());
            ps.setString(p++, SectionFlags.json(send.sections()));
            ps.setArray(p++, c.createArrayOf("text", send.recipients().toArray()));
            ps.setObject(p++, utc(now));
            ps.setString(p++, send.requestedBy());
            ps.setObject(p++, utc(now));
            ps.setString(p++, teamId);
            ps.setString(p, orgId);
            if (ps.executeUpdate() != 1) {
                return false;
            }
            try (PreparedStatement notify = c.prepareStatement(NOTIFY)) {
                notify.setString(1, CHANNEL);
                notify.setString(2, deliveryId);
                notify.execute();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("recording the delivery failed", e);
        }
    }

    /** The organization's delivery, or null. */
    public DeliveryResponse find(String orgId, String deliveryId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, deliveryId);
            ps.setString(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? delivery(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the delivery failed", e);
        }
    }

    private static DeliveryResponse delivery(ResultSet rs) throws SQLException {
        return new DeliveryResponse(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7),
                rs.getString(8),
                SectionFlags.read(rs.getString(9), ReportType.fromWire(rs.getString(4))),
                strings(rs.getArray(10)),
                rs.getString(11),
                rs.getInt(12),
                instant(rs, 13),
                rs.getString(14),
                rs.getString(15),
                instant(rs, 16),
                instant(rs, 17),
                instant(rs, 18),
                rs.getString(19),
                rs.getString(20),
                rs.getObject(21, Integer.class));
    }
}
