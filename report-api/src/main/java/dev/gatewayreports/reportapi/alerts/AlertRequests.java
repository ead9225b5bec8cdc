package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ReportScope;
import dev.gatewayreports.reportapi.schedules.ScheduleRequests;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns an alert body that Bean Validation accepted into an {@link AlertRequest}; every problem names its field. */
public final class AlertRequests {
    /** The longest webhook URL accepted. */
    static final int MAX_URL = 2000;

    private static final BigDecimal DEFAULT_HYSTERESIS = BigDecimal.TEN;

    private AlertRequests() {}

    /**
     * The rule of a body (see {@link AlertBody}): kind {@code threshold}, comparison {@code gt}, hysteresis 10 %, no
     * minimum duration, no recipients and enabled unless given; without {@code timezone} the caller's zone
     * ({@code zoneinfo}, the token's claim, when it is an IANA zone, else UTC), as schedules do.
     */
    public static AlertRequest fromBody(AlertBody body, String zoneinfo) {
        String timezone = body.timezone();
        ZoneId zone =
                timezone == null || timezone.isEmpty() ? ScheduleRequests.callerZone(zoneinfo) : ZoneId.of(timezone);
        return new AlertRequest(
                body.name(),
                teamId(body.teamId()),
                body.kind() == null ? AlertKind.THRESHOLD.wire() : body.kind(),
                body.measure(),
                body.window(),
                body.comparison() == null ? Comparison.GT.wire() : body.comparison(),
                body.threshold(),
                zone,
                body.hysteresisPercent() == null ? DEFAULT_HYSTERESIS : body.hysteresisPercent(),
                body.forMinutes() == null ? 0 : body.forMinutes(),
                recipients(body.recipients()),
                webhookUrl(body.webhookUrl()),
                body.enabled() == null || body.enabled());
    }

    /** A team id of the caller's organization, or null for the whole organization. */
    static String teamId(String value) {
        if (value == null) {
            return null;
        }
        if (ReportScope.ALL.equals(value)) {
            throw ApiException.invalid(
                    "team_id", "team_id must name one team; leave it out for an organization-wide rule");
        }
        String problem = TenantIds.problem(value);
        if (problem != null) {
            throw ApiException.invalid("team_id", "team_id " + problem);
        }
        return value;
    }

    /** 0–50 valid addresses, kept once each (case-insensitively) in their first order. */
    static List<String> recipients(List<String> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            return List.of();
        }
        Optional<String> problem = Recipients.listProblem(addresses);
        if (problem.isPresent()) {
            throw ApiException.invalid("recipients", "recipients " + problem.get());
        }
        return Recipients.distinct(addresses);
    }

    /**
     * An absolute http or https URL with a host, without user-info, at most {@value #MAX_URL} characters; null or
     * empty for none.
     */
    static String webhookUrl(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_URL) {
            throw ApiException.invalid("webhook_url", "webhook_url must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("webhook_url", "webhook_url must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || uri.isOpaque()) {
            throw ApiException.invalid("webhook_url", "webhook_url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("webhook_url", "webhook_url must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalid("webhook_url", "webhook_url must name a host");
        }
        return value;
    }
}
