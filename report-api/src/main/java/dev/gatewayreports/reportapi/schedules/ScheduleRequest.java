package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.model.schedules.Frequency;
import dev.gatewayreports.model.schedules.ScheduleRule;
import dev.gatewayreports.reportapi.reports.ReportType;
import dev.gatewayreports.reportapi.reports.Section;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A validated body of {@code POST /v1/reports/schedule}: defaults applied, recipients without repeats, sections
 * resolved against the type's defaults.
 *
 * @param day the schedule day; null for daily schedules
 * @param teamId the team named, or null for the caller's only team
 * @param recipients the addresses mailed; empty only with a webhook
 * @param webhookUrl the webhook the report is POSTed to, or null
 */
public record ScheduleRequest(
        ReportType type,
        Frequency frequency,
        LocalTime time,
        Integer day,
        ZoneId zone,
        int days,
        List<String> recipients,
        String format,
        String teamId,
        Set<Section> sections,
        String webhookUrl) {

    public ScheduleRequest {
        recipients = List.copyOf(recipients);
        sections = Set.copyOf(sections);
    }

    /** When the schedule runs. */
    public ScheduleRule rule() {
        return new ScheduleRule(frequency, time, day, zone);
    }
}
