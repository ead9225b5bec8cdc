package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.AlertState;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An alert rule as an evaluator claimed it: what to measure and compare, its state when claimed, and the lease
 * ({@code locked_until}) that guards this evaluation's writes.
 *
 * @param teamId null for an organization-wide rule
 * @param timezone the IANA zone as stored (parsed at evaluation, so an unknown zone fails that rule only)
 * @param stateSince when the current state began (null when never set)
 * @param nextEvalAt the slot this evaluation is for
 * @param lease the {@code locked_until} this claim wrote; every later claim writes a later one
 */
public record AlertRule(
        String alertId,
        String orgId,
        String teamId,
        AlertKind kind,
        AlertMeasure measure,
        WindowKind window,
        Comparison comparison,
        BigDecimal threshold,
        String timezone,
        BigDecimal hysteresisPercent,
        int forMinutes,
        List<String> recipients,
        String webhookUrl,
        AlertState state,
        Instant stateSince,
        int episode,
        Instant nextEvalAt,
        Instant lease) {

    public boolean budget() {
        return kind == AlertKind.BUDGET;
    }

    public boolean organizationWide() {
        return teamId == null;
    }
}
