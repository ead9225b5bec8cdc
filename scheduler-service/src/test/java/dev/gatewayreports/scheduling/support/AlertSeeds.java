package dev.gatewayreports.scheduling.support;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.testing.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alert rules, events and notifications written as report-api and the evaluator write them (V25__alerts.sql). */
public final class AlertSeeds {
    private AlertSeeds() {}

    /** A rule as {@code POST /v1/alerts} stores it. */
    public record Rule(
            String orgId,
            String teamId,
            String name,
            String kind,
            String measure,
            String window,
            String comparison,
            String threshold,
            String timezone,
            List<String> recipients,
            String webhookUrl,
            String secret) {

        /** A team's threshold rule on cost over the last day, in New York. */
        public static Rule cost(String[] team, String name, String threshold) {
            return new Rule(
                    team[0],
                    team[1],
                    name,
                    "threshold",
                    "cost_usd",
                    "last_day",
                    "gt",
                    threshold,
                    "America/New_York",
                    List.of(),
                    null,
                    null);
        }

        public Rule webhook(String url, String secret) {
            return new Rule(
                    orgId,
                    teamId,
                    name,
                    kind,
                    measure,
                    window,
                    comparison,
                    threshold,
                    timezone,
                    recipients,
                    url,
                    secret);
        }

        public Rule recipients(List<String> to) {
            return new Rule(
                    orgId,
                    teamId,
                    name,
                    kind,
                    measure,
                    window,
                    comparison,
                    threshold,
                    timezone,
                    to,
                    webhookUrl,
                    secret);
        }

        public Rule measure(String measure, String window, String comparison, String threshold) {
            return new Rule(
                    orgId,
                    teamId,
                    name,
                    kind,
                    measure,
                    window,
                    comparison,
                    threshold,
                    timezone,
                    recipients,
                    webhookUrl,
                    secret);
        }

        public Rule budget() {
            return new Rule(
                    orgId,
                    teamId,
                    name,
                    "budget",
                    measure,
                    "month_to_date",
                    comparison,
                    threshold,
                    timezone,
                    recipients,
                    webhookUrl,
                    secret);
        }

        public Rule organizationWide() {
            return new Rule(
                    orgId,
                    null,
                    name,
                    kind,
                    measure,
                    window,
                    comparison,
                    threshold,
                    timezone,
                    recipients,
                    webhookUrl,
                    secret);
        }
    }

    public static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Inserts the rule (its secret sealed with this run's installation key); answers its id. */
    public static String rule(Rule r) {
        String id = id("alr");
        String sealed = r.secret() == null ? null : box().seal(id, r.secret());
        Db.execute(
                """
                insert into alert_rule (alert_id, org_id, team_id, name, kind, measure, window_kind, comparison,
                                        threshold, timezone, recipients, webhook_url, webhook_secret_enc, state,
                                        episode, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?, ?, ?, ?, 'firing', 1, 'user-1')
                """,
                id,
                r.orgId(),
                r.teamId(),
                r.name(),
                r.kind(),
                r.measure(),
                r.window(),
                r.comparison(),
                r.threshold(),
                r.timezone(),
                r.recipients(),
                r.webhookUrl(),
                sealed);
        return id;
    }

    /** A new secret sealed for the rule, as {@code POST /v1/alerts/{id}/webhook-secret} stores it. */
    public static void rotate(String alertId, String secret) {
        Db.execute(
                "update alert_rule set webhook_secret_enc = ? where alert_id = ?",
                box().seal(alertId, secret),
                alertId);
    }

    /** An event of the rule (team and organization copied from it); answers its id. */
    public static String event(
            String alertId,
            String kind,
            String episodeKey,
            String value,
            String threshold,
            String forecast,
            Instant windowStart,
            Instant windowEnd,
            Instant occurredAt) {
        String id = id("ale");
        Db.execute(
                """
                insert into alert_event (event_id, alert_id, org_id, team_id, kind, episode_key, value, threshold,
                                         forecast, window_start, window_end, occurred_at)
                select ?, alert_id, org_id, team_id, ?, ?, ?, ?, ?, ?, ?, ? from alert_rule where alert_id = ?
                """,
                id,
                kind,
                episodeKey,
                decimal(value),
                decimal(threshold),
                decimal(forecast),
                windowStart,
                windowEnd,
                occurredAt,
                alertId);
        return id;
    }

    /** One notification of the event, due at {@code due}; answers its id. */
    public static String notification(String eventId, String channel, String target, Instant due) {
        String id = id("aln");
        Db.execute("""
                insert into alert_notification (notification_id, event_id, alert_id, org_id, channel, target,
                                                next_attempt_at, created_at)
                select ?, event_id, alert_id, org_id, ?, ?, ?, ? from alert_event where event_id = ?
                """, id, channel, target, due, due, eventId);
        return id;
    }

    /** Forgets every alert, so a test's sender sees only its own notifications. */
    public static void clear() {
        Db.execute("delete from alert_notification");
        Db.execute("delete from alert_event");
        Db.execute("delete from alert_rule");
    }

    private static SecretBox box() {
        return SecretBox.fromBase64(SecretsKeyResource.key());
    }

    private static BigDecimal decimal(String v) {
        return v == null ? null : new BigDecimal(v);
    }
}
