package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.testing.Db;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.spi.CDI;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Alert rules as report-api's /v1/alerts stores them, and usage events as ingest writes them. */
final class AlertFixtures {
    private AlertFixtures() {}

    /** Forgets every alert rule (their events and notifications go with them), so a test sees only its own. */
    static void clearRules() {
        Db.execute("delete from alert_notification");
        Db.execute("delete from alert_rule");
    }

    /** A rule row with the schema's defaults, to adjust and {@link #insert()}. */
    static final class Rule {
        final String org;
        final String team;
        String kind = "threshold";
        String measure = "cost_usd";
        String window = "last_hour";
        String comparison = "gt";
        BigDecimal threshold = BigDecimal.TEN;
        String timezone = "UTC";
        BigDecimal hysteresis = BigDecimal.TEN;
        int forMinutes;
        List<String> recipients = List.of();
        String webhookUrl;
        Instant nextEvalAt = Instant.parse("2020-01-01T00:00:00Z");

        Rule(String org, String team) {
            this.org = org;
            this.team = team;
        }

        Rule measure(String measure, String window) {
            this.measure = measure;
            this.window = window;
            return this;
        }

        Rule threshold(String comparison, String threshold) {
            this.comparison = comparison;
            this.threshold = new BigDecimal(threshold);
            return this;
        }

        Rule hysteresis(String percent) {
            this.hysteresis = new BigDecimal(percent);
            return this;
        }

        Rule forMinutes(int minutes) {
            this.forMinutes = minutes;
            return this;
        }

        Rule budget(String zone) {
            this.kind = "budget";
            this.window = "month_to_date";
            this.timezone = zone;
            return this;
        }

        Rule zone(String zone) {
            this.timezone = zone;
            return this;
        }

        Rule notify(List<String> recipients, String webhookUrl) {
            this.recipients = recipients;
            this.webhookUrl = webhookUrl;
            return this;
        }

        Rule dueAt(Instant at) {
            this.nextEvalAt = at;
            return this;
        }

        String insert() {
            String id = "alr_" + UUID.randomUUID().toString().replace("-", "");
            Db.execute(
                    """
                    insert into alert_rule (alert_id, org_id, team_id, name, kind, measure, window_kind, comparison,
                                            threshold, timezone, hysteresis_percent, for_minutes, recipients,
                                            webhook_url, webhook_secret_enc, created_by, next_eval_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'user-1', ?)
                    """,
                    id,
                    org,
                    team,
                    measure + " " + window,
                    kind,
                    measure,
                    window,
                    comparison,
                    threshold,
                    timezone,
                    hysteresis,
                    forMinutes,
                    recipients,
                    webhookUrl,
                    // The sealed secret is report-api's (SecretBox); the evaluator never reads it.
                    webhookUrl == null ? null : "sealed-by-report-api",
                    nextEvalAt);
            return id;
        }
    }

    /** One usage event; money as BigDecimal (null: unpriced / no credits). */
    record Event(
            String team,
            Instant at,
            boolean error,
            int latencyMs,
            BigDecimal costUsd,
            BigDecimal credits,
            long input,
            long output,
            long cacheRead,
            long cache5m,
            long cache1h) {

        static Event cost(String team, Instant at, String usd) {
            return new Event(team, at, false, 100, new BigDecimal(usd), null, 0, 0, 0, 0, 0);
        }

        static Event call(String team, Instant at, boolean error, int latencyMs) {
            return new Event(team, at, error, latencyMs, null, null, 0, 0, 0, 0, 0);
        }
    }

    /** Writes the events as one ingest call does: one ingest_batch row (not rolled up) and its events. */
    static void ingest(String org, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant min =
                events.stream().map(Event::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant max =
                events.stream().map(Event::at).max(Comparator.naturalOrder()).orElseThrow();
        try (Connection c = CDI.current().select(AgroalDataSource.class).get().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select usage_event_ensure_partitions(?, ?)")) {
                ps.setObject(1, min.atOffset(ZoneOffset.UTC).toLocalDate());
                ps.setObject(2, max.atOffset(ZoneOffset.UTC).toLocalDate());
                ps.execute();
            }
            c.setAutoCommit(false);
            long batch;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)
                    values (?, ?, ?, ?) returning batch_id
                    """)) {
                ps.setString(1, org);
                ps.setInt(2, events.size());
                ps.setTimestamp(3, Timestamp.from(min));
                ps.setTimestamp(4, Timestamp.from(max));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    batch = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                        status, latency_ms, service_tier, error_type, input_tokens, output_tokens,
                        cache_read_input_tokens, cache_creation_5m_input_tokens, cache_creation_1h_input_tokens,
                        credits, cost_usd, cost_source)
                    values (?, ?, ?, ?, ?, 'anthropic', 'm-a', ?, ?, 'standard', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (Event e : events) {
                    int p = 1;
                    ps.setString(p++, e.team());
                    ps.setTimestamp(p++, Timestamp.from(e.at()));
                    ps.setString(p++, "req-" + UUID.randomUUID());
                    ps.setLong(p++, batch);
                    ps.setString(p++, org);
                    ps.setString(p++, e.error() ? "error" : "success");
                    ps.setInt(p++, e.latencyMs());
                    ps.setString(p++, e.error() ? "provider_error" : null);
                    ps.setLong(p++, e.input());
                    ps.setLong(p++, e.output());
                    ps.setLong(p++, e.cacheRead());
                    ps.setLong(p++, e.cache5m());
                    ps.setLong(p++, e.cache1h());
                    ps.setObject(p++, e.credits(), Types.NUMERIC);
                    ps.setObject(p++, e.costUsd(), Types.NUMERIC);
                    ps.setString(p, e.costUsd() == null ? "unpriced" : "reported");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule's events as "kind key", oldest first. */
    static List<String> events(String alertId) {
        return Db.query(
                        "select kind, episode_key from alert_event where alert_id = ? order by occurred_at, kind",
                        alertId)
                .stream()
                .map(r -> r.get("kind") + " " + r.get("episode_key"))
                .toList();
    }

    static String state(String alertId) {
        return (String) Db.one("select state from alert_rule where alert_id = ?", alertId)
                .get("state");
    }
}
