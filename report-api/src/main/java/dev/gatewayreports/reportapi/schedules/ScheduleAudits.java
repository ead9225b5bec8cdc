package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.reportapi.reports.ReportType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the audit log keeps of schedules and ad-hoc sends: the settings that decide what is sent to whom. Never a
 * webhook secret; of a webhook only its host (a URL's path or query may itself be a credential).
 */
final class ScheduleAudits {
    private ScheduleAudits() {}

    /** Created when the upsert kept the id it was offered, replaced otherwise. */
    static AuditAction saved(ScheduleResponse saved, String offeredId) {
        return saved.scheduleId().equals(offeredId) ? AuditAction.SCHEDULE_CREATED : AuditAction.SCHEDULE_UPDATED;
    }

    static Map<String, Object> details(ScheduleResponse s) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("team_id", s.teamId());
        details.put("report_type", s.reportType());
        details.put("frequency", s.frequency());
        details.put("schedule_time", s.scheduleTime());
        details.put("schedule_day", s.scheduleDay());
        details.put("timezone", s.timezone());
        details.put("days", s.days());
        details.put("format", s.format());
        details.put("recipients", s.recipients());
        details.put("webhook_host", host(s.webhookUrl()));
        return details;
    }

    /** The schedule whose webhook secret was replaced. */
    static Map<String, Object> rotated(String teamId, ReportType type) {
        return deleted(teamId, type);
    }

    private static String host(String url) {
        return url == null ? null : URI.create(url).getHost();
    }

    static Map<String, Object> deleted(String teamId, ReportType type) {
        return Map.of("team_id", teamId, "report_type", type.wire());
    }

    static Map<String, Object> sent(String teamId, SendRequest request, DeliveryRepository.Send send) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("team_id", teamId);
        details.put("report_type", request.type().wire());
        details.put("days", request.days());
        details.put("timezone", request.zone().getId());
        details.put("format", request.format());
        details.put("recipients", send.recipients());
        return details;
    }
}
