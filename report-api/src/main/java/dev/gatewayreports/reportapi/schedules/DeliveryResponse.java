package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One e-mailing of a report: a schedule's slot or an ad-hoc send ({@code schedule_id} and {@code scheduled_for}
 * null). The period is fixed when the delivery is made.
 *
 * @param status pending, sending, sent or failed
 * @param reportId the rendered report's id once the scheduler has made it
 */
public record DeliveryResponse(
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("schedule_id") String scheduleId,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("report_type") String reportType,
        String timezone,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("period_end") Instant periodEnd,
        String format,
        Map<String, Boolean> sections,
        List<String> recipients,
        String status,
        int attempts,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("report_id") String reportId,
        @JsonProperty("scheduled_for") Instant scheduledFor,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("sent_at") Instant sentAt) {}
