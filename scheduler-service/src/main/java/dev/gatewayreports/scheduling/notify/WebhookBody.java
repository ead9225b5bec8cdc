package dev.gatewayreports.scheduling.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON a webhook receives (docs/webhooks.md): snake_case, every key present (null when it has no value),
 * decimals as strings, instants as ISO-8601 UTC.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookBody(
        String type,
        String eventId,
        Alert alert,
        String value,
        String threshold,
        String forecast,
        String windowStart,
        String windowEnd,
        String occurredAt,
        String organizationId,
        String teamId,
        String episodeKey) {

    /** The rule as it is at send time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Alert(
            String id,
            String name,
            String kind,
            String measure,
            String window,
            String comparison,
            String threshold,
            String timezone) {}

    static WebhookBody of(ClaimedNotification n) {
        ClaimedNotification.Event e = n.event();
        ClaimedNotification.Rule r = n.rule();
        return new WebhookBody(
                e.kind().wire(),
                n.eventId(),
                new Alert(
                        n.alertId(),
                        r.name(),
                        r.kind().wire(),
                        r.measure().wire(),
                        r.window().wire(),
                        r.comparison().wire(),
                        decimal(r.threshold()),
                        r.timezone()),
                decimal(e.value()),
                decimal(e.threshold()),
                decimal(e.forecast()),
                instant(e.windowStart()),
                instant(e.windowEnd()),
                instant(e.occurredAt()),
                n.orgId(),
                e.teamId(),
                e.episodeKey());
    }

    /** A NUMERIC as a plain decimal string without trailing zeros ("100", "123.45"); null stays null. */
    static String decimal(BigDecimal v) {
        if (v == null) {
            return null;
        }
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}
