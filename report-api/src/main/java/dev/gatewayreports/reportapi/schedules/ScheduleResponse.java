package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the API answers it.
 *
 * @param scheduleTime local {@code HH:MM} in {@code timezone}
 * @param scheduleDay 0–6 (0 = Sunday) for weekly, 1–31 for monthly, null for daily
 * @param sections every section with its boolean
 * @param webhookUrl where the report is also POSTed, or null
 * @param hasWebhookSecret whether a signing secret is stored (it is never shown again)
 * @param webhookSecret the signing secret, only in the answer that made it (the save that set the first
 *     webhook_url); absent otherwise
 */
public record ScheduleResponse(
        @JsonProperty("schedule_id") String scheduleId,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("report_type") String reportType,
        String frequency,
        @JsonProperty("schedule_time") String scheduleTime,
        @JsonProperty("schedule_day") Integer scheduleDay,
        String timezone,
        int days,
        List<String> recipients,
        String format,
        Map<String, Boolean> sections,
        @JsonProperty("next_run_at") Instant nextRunAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("has_webhook_secret") boolean hasWebhookSecret,

        @JsonProperty("webhook_secret") @JsonInclude(JsonInclude.Include.NON_NULL)
        String webhookSecret) {

    /** The same schedule with its freshly made webhook secret, for the one answer that shows it. */
    ScheduleResponse withSecret(String secret) {
        return new ScheduleResponse(
                scheduleId,
                teamId,
                reportType,
                frequency,
                scheduleTime,
                scheduleDay,
                timezone,
                days,
                recipients,
                format,
                sections,
                nextRunAt,
                createdAt,
                updatedAt,
                webhookUrl,
                hasWebhookSecret,
                secret);
    }
}
