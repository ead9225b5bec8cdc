package dev.gatewayreports.scheduling.due;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.gatewayreports.model.report.Report;

/**
 * The JSON a schedule's webhook receives (docs/webhooks.md, "Scheduled reports"): snake_case, every key present,
 * instants ISO-8601 UTC, local days ISO dates; {@code report} is the report object exactly as report-api made it,
 * the one the mail is built from.
 *
 * @param eventId the delivery's id, the same in every attempt and in {@code X-Gateway-Event-Id}
 * @param scheduleId the schedule (a slot whose schedule was deleted is not sent)
 * @param slot when the schedule was due, ISO-8601 UTC
 * @param frequency daily, weekly or monthly
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScheduledReportBody(
        String type,
        String eventId,
        String scheduleId,
        String slot,
        String organizationId,
        String teamId,
        String reportType,
        String frequency,
        Period period,
        Report report) {

    /** The body's {@code type}. */
    static final String TYPE = "scheduled_report";

    /**
     * The report's period: {@code [start, end)} in UTC, and its first and last local day in {@code timezone}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Period(String start, String end, String timezone, String firstDay, String lastDay) {}
}
