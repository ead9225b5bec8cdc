package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.reportapi.audit.Changes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the audit log keeps of alert rules: what is evaluated and who is told. Never a webhook secret, sealed or not;
 * of a webhook only its host (a URL's path or query may itself be a credential, as Slack's are).
 */
final class AlertAudits {
    private AlertAudits() {}

    static Map<String, Object> details(AlertResponse a) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("team_id", a.teamId());
        details.put("name", a.name());
        details.put("kind", a.kind());
        details.put("measure", a.measure());
        details.put("window", a.window());
        details.put("comparison", a.comparison());
        details.put("threshold", a.threshold());
        details.put("timezone", a.timezone());
        details.put("recipients", a.recipients());
        details.put("webhook_host", host(a.webhookUrl()));
        details.put("enabled", a.enabled());
        return details;
    }

    static Changes changes(AlertResponse from, AlertResponse to, boolean secretReplaced) {
        Changes changes = Changes.of("team_id", from.teamId(), to.teamId())
                .and("name", from.name(), to.name())
                .and("kind", from.kind(), to.kind())
                .and("measure", from.measure(), to.measure())
                .and("window", from.window(), to.window())
                .and("comparison", from.comparison(), to.comparison())
                .and("threshold", from.threshold(), to.threshold())
                .and("timezone", from.timezone(), to.timezone())
                .and("hysteresis_percent", from.hysteresisPercent(), to.hysteresisPercent())
                .and("for_minutes", from.forMinutes(), to.forMinutes())
                .and("recipients", from.recipients(), to.recipients())
                .and("webhook_host", host(from.webhookUrl()), host(to.webhookUrl()))
                .and("enabled", from.enabled(), to.enabled());
        if (secretReplaced) {
            changes.and("webhook_secret", "previous", "new");
        }
        return changes;
    }

    /** Which rule: its team and name (a deletion, a rotation). */
    static Map<String, Object> identity(AlertResponse a) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("team_id", a.teamId());
        details.put("name", a.name());
        return details;
    }

    static String host(String url) {
        return url == null ? null : URI.create(url).getHost();
    }
}
