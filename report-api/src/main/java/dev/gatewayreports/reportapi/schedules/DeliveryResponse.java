package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One delivery of a report: a schedule's slot by one channel (e-mail or webhook: a slot of a schedule with both
 * has one delivery of each, sent and retried independently) or an ad-hoc send by e-mail ({@code schedule_id} and
 * {@code scheduled_for} null). The period is fixed when the delivery is made.
 *
 * @param recipients the addresses mailed; empty for a webhook delivery
 * @param status pending, sending, sent or failed
 * @param reportId the rendered report's id once the scheduler has made it
 * @param webhookUrl the URL a webhook delivery POSTs to; null for e-mail
 * @param responseStatus the webhook receiver's HTTP status at the last attempt; null for e-mail or none yet
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
        @JsonProperty("sent_at") Instant sentAt,
        @Schema(enumeration = {"email", "webhook"}) String channel,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("response_status") Integer responseStatus) {}
