package dev.gatewayreports.reportapi.alerts;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A validated alert rule body: defaults applied, recipients kept once each, the webhook URL checked.
 *
 * @param teamId the team, or null for the whole organization
 * @param webhookUrl null when the rule has no webhook
 */
public record AlertRequest(
        String name,
        String teamId,
        String kind,
        String measure,
        String window,
        String comparison,
        BigDecimal threshold,
        ZoneId zone,
        BigDecimal hysteresisPercent,
        int forMinutes,
        List<String> recipients,
        String webhookUrl,
        boolean enabled) {

    public AlertRequest {
        recipients = List.copyOf(recipients);
    }

    /**
     * True when replacing {@code stored} by this rule changes what is evaluated (kind, measure, window, comparison,
     * threshold or team), so the evaluation state starts again from ok.
     */
    boolean changesEvaluation(AlertResponse stored) {
        return !kind.equals(stored.kind())
                || !measure.equals(stored.measure())
                || !window.equals(stored.window())
                || !comparison.equals(stored.comparison())
                || threshold.compareTo(new BigDecimal(stored.threshold())) != 0
                || !Objects.equals(teamId, stored.teamId());
    }
}
