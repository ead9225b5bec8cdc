package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/reports/preferences/all}: every schedule the caller can see, ordered by team and report type. */
public record PreferencesResponse(List<Item> schedules) {

    /**
     * A schedule with its newest delivery ({@code last_delivery: null} before the first one) and the newest
     * delivery of each channel it has used ({@code last_deliveries}: e-mail before webhook, empty before the first).
     */
    @Schema(name = "ScheduleWithLastDelivery")
    public record Item(
            @JsonUnwrapped ScheduleResponse schedule,
            @JsonProperty("last_delivery") LastDelivery lastDelivery,
            @JsonProperty("last_deliveries") List<LastDelivery> lastDeliveries) {}

    /**
     * The newest delivery of a schedule (a slot with mail and webhook has one of each).
     *
     * @param channel email or webhook
     * @param responseStatus the webhook receiver's HTTP status at the last attempt; null for e-mail or none yet
     */
    public record LastDelivery(
            @JsonProperty("delivery_id") String deliveryId,
            String status,
            int attempts,
            @JsonProperty("scheduled_for") Instant scheduledFor,
            @JsonProperty("sent_at") Instant sentAt,
            @JsonProperty("last_error") String lastError,
            @Schema(enumeration = {"email", "webhook"}) String channel,
            @JsonProperty("response_status") Integer responseStatus) {}
}
