package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Something that happened to a rule, once: a firing, its resolution, a budget level (50/80/100 %) or a forecast
 * crossing. Decimals are strings.
 *
 * @param episodeKey fired/resolved: {@code e<episode>}; budget levels and forecast: the local month {@code YYYY-MM}
 * @param forecast the month-end forecast of a budget, else null
 */
@Schema(name = "AlertEvent")
public record AlertEventResponse(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("alert_id") String alertId,

        @Schema(enumeration = {"fired", "resolved", "budget_50", "budget_80", "budget_100", "forecast"})
        String kind,

        @JsonProperty("episode_key") String episodeKey,
        String value,
        String threshold,
        String forecast,
        @JsonProperty("window_start") Instant windowStart,
        @JsonProperty("window_end") Instant windowEnd,
        @JsonProperty("occurred_at") Instant occurredAt) {}
