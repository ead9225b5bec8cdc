package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One notification of an alert event: an e-mail to one address or a call of the rule's webhook, with its outcome.
 *
 * @param target the e-mail address, or the webhook URL at the time of the event
 * @param responseStatus the webhook receiver's HTTP status at the last attempt; null for e-mail or none yet
 */
@Schema(name = "AlertDelivery")
public record AlertDeliveryResponse(
        @JsonProperty("notification_id") String notificationId,
        @JsonProperty("event_id") String eventId,
        @Schema(enumeration = {"email", "webhook"}) String channel,
        String target,

        @Schema(enumeration = {"pending", "sending", "sent", "failed"})
        String status,

        int attempts,
        @JsonProperty("response_status") Integer responseStatus,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("sent_at") Instant sentAt) {}
