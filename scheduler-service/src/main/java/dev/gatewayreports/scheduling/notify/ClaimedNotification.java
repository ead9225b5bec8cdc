package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A notification this sender has claimed, with what it tells: its event and the rule as the rule is now (name,
 * secret: a rotated secret signs the next attempt). {@code attempts} guards every update of the row; {@code
 * ruleName} is null when the rule is gone.
 */
record ClaimedNotification(
        String notificationId,
        String eventId,
        String alertId,
        String orgId,
        String channel,
        String target,
        int attempts,
        Instant firstAttemptAt,
        Event event,
        Rule rule,
        String teamName,
        String orgName,
        List<String> allowedDomains) {

    /** The {@code alert_event} row. */
    record Event(
            AlertEventKind kind,
            String episodeKey,
            String teamId,
            BigDecimal value,
            BigDecimal threshold,
            BigDecimal forecast,
            Instant windowStart,
            Instant windowEnd,
            Instant occurredAt) {}

    /** The {@code alert_rule} row at claim time. */
    record Rule(
            String name,
            AlertKind kind,
            AlertMeasure measure,
            WindowKind window,
            Comparison comparison,
            BigDecimal threshold,
            String timezone,
            String webhookSecretEnc) {}

    boolean email() {
        return "email".equals(channel);
    }
}
