package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert rule as the API answers it. Decimals are strings ({@code "250"}, {@code "0.125"}), exact.
 *
 * @param teamId null for an organization-wide rule
 * @param webhookSecret the webhook's signing secret: only in the answer that made it (create with a webhook, a PUT
 *     that adds one, a rotation), absent otherwise
 */
@Schema(name = "Alert")
public record AlertResponse(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("team_id") String teamId,
        String name,
        String kind,
        String measure,
        String window,
        String comparison,
        @Schema(example = "250") String threshold,
        String timezone,
        @JsonProperty("hysteresis_percent") BigDecimal hysteresisPercent,
        @JsonProperty("for_minutes") int forMinutes,
        List<String> recipients,
        @JsonProperty("webhook_url") String webhookUrl,
        boolean enabled,
        @Schema(enumeration = {"ok", "pending", "firing"}) String state,
        @JsonProperty("state_since") Instant stateSince,
        @JsonProperty("last_value") String lastValue,
        @JsonProperty("last_evaluated_at") Instant lastEvaluatedAt,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,

        @JsonProperty("webhook_secret") @JsonInclude(JsonInclude.Include.NON_NULL)
        String webhookSecret) {

    public AlertResponse {
        recipients = List.copyOf(recipients);
    }

    /** The same rule with its freshly made webhook secret, for the one answer that shows it. */
    AlertResponse withSecret(String secret) {
        return new AlertResponse(
                alertId,
                teamId,
                name,
                kind,
                measure,
                window,
                comparison,
                threshold,
                timezone,
                hysteresisPercent,
                forMinutes,
                recipients,
                webhookUrl,
                enabled,
                state,
                stateSince,
                lastValue,
                lastEvaluatedAt,
                createdBy,
                createdAt,
                updatedAt,
                secret);
    }

    /** A decimal as a JSON number without trailing zeros or exponent ({@code 10}, {@code 12.5}). */
    static BigDecimal number(BigDecimal value) {
        return value == null ? null : new BigDecimal(decimal(value));
    }

    /** An exact decimal as the API writes it: plain digits, no exponent, no trailing zeros. */
    static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
