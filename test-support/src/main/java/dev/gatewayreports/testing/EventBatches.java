package dev.gatewayreports.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Ingest batches as ingest writes them (the batch row and its events, in one transaction), for the tests of the lists
 * the fold keeps (slowest requests, newest errors) and of the report reading them: each test generates its events in
 * plain Java, writes them with this, and checks against its own sort of the same events.
 */
public final class EventBatches {
    private EventBatches() {}

    /**
     * One generated event. An error when {@code errorType} is set; its HTTP status and message are derived from the
     * request id ({@link #httpStatus}, {@link #errorMessage}), so a test can check every column of a listed error.
     */
    public record Event(String team, String requestId, Instant occurredAt, int latencyMs, String errorType) {
        public boolean error() {
            return errorType != null;
        }

        /** 429 for a rate limit, else 500 + the request id's hash mod 4; null for a success. */
        public Integer httpStatus() {
            return !error()
                    ? null
                    : errorType.equals("rate_limit") ? 429 : 500 + Math.floorMod(requestId.hashCode(), 4);
        }

        public String errorMessage() {
            return error() ? errorType + " on " + requestId : null;
        }
    }

    /**
     * Writes {@code events} of organization {@code org} as one ingest batch, pending ({@code rolledUpAt} null) or as
     * folded then by a worker that kept nothing (a migration's backfill input), in its own transaction on {@code c}
     * (left in auto-commit); their daily partitions are made first. Answers the batch id.
     */
    public static long insert(Connection c, String org, List<Event> events, Instant rolledUpAt) throws SQLException {
        Instant min = events.stream()
                .map(Event::occurredAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant max = events.stream()
                .map(Event::occurredAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        try (PreparedStatement ps = c.prepareStatement("select usage_event_ensure_partitions(?::date, ?::date)")) {
            ps.setString(1, min.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            ps.setString(2, max.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            ps.execute();
        }
        c.setAutoCommit(false);
        try {
            long batchId;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at, rolled_up_at)"
                            + " values (?, ?, ?, ?, ?) returning batch_id")) {
                ps.setString(1, org);
                ps.setInt(2, events.size());
                ps.setTimestamp(3, Timestamp.from(min));
                ps.setTimestamp(4, Timestamp.from(max));
                ps.setTimestamp(5, rolledUpAt == null ? null : Timestamp.from(rolledUpAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    batchId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                                             status, latency_ms, service_tier, input_tokens, cost_source, error_type,
                                             http_status, error_message)
                    values (?, ?, ?, ?, ?, 'anthropic', 'claude-sonnet-4-5', ?, ?, 'standard', 1, 'unpriced', ?, ?, ?)""")) {
                for (Event e : events) {
                    ps.setString(1, e.team());
                    ps.setTimestamp(2, Timestamp.from(e.occurredAt()));
                    ps.setString(3, e.requestId());
                    ps.setLong(4, batchId);
                    ps.setString(5, org);
                    ps.setString(6, e.error() ? "error" : "success");
                    ps.setInt(7, e.latencyMs());
                    ps.setString(8, e.errorType());
                    ps.setObject(9, e.httpStatus(), java.sql.Types.INTEGER);
                    ps.setString(10, e.errorMessage());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return batchId;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
