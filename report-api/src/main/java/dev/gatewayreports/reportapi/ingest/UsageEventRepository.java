package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.events.UsageEvent;
import dev.gatewayreports.model.pricing.CostBreakdown;
import dev.gatewayreports.model.pricing.TokenType;
import dev.gatewayreports.model.tenancy.Team;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** The write path of usage events: identity first, then one COPY of the new events. */
final class UsageEventRepository {
    /** Teams are the organization's own: another organization's team of the same id is a different team. */
    static final String REGISTER_TEAMS = """
            insert into team (org_id, team_id, name, registered_by, created_at)
            select ?, t, t, ?, now() from unnest(?::text[]) as t
            order by t
            on conflict (org_id, team_id) do nothing
            """;
    /**
     * An event's identity is (organization, team, request id): the same ids in another organization are not it. It is
     * stored as the organization and a digest of team and request id (V28), computed by ingest ({@link
     * IdentityDigest}, equal to {@code usage_event_key_hash}). Claims the organization's identities in one (digest)
     * order, those stored before skipped (a key another transaction holds uncommitted waits for its end); {@code
     * claimed} holds the digests it inserted. Followed by {@link #CLAIM_KEYS} or {@link #CLAIM_ALL_KEYS}.
     */
    private static final String CLAIMED = """
            with o (org) as (select ?::text),
            k (h) as (select h from unnest(?::uuid[]) as u (h)),
            claimed as (
                insert into usage_event_key (org_id, key_hash)
                select o.org, k.h from o, k
                order by k.h
                on conflict do nothing
                returning key_hash)
            """;

    /** The key-by-key claim: the digests claimed are answered. */
    static final String CLAIM_KEYS = CLAIMED + "select key_hash from claimed\n";

    /**
     * The all-new claim: answers only how many identities were new (one row). The count of the returned rows, not the
     * statement's update count: Citus (13.2.2) answers an {@code insert … select … on conflict do nothing} with the
     * number of rows the select read (5 for 3 stored and 2 new keys, checked with psql on the cluster), while the rows
     * it returns are the ones inserted, on PostgreSQL and on Citus.
     */
    static final String CLAIM_ALL_KEYS = CLAIMED + "select count(*) from claimed;\n";

    static final String NEW_BATCH = """
            insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)
            values (?, ?, ?, ?) returning batch_id
            """;

    /**
     * The common case in one round trip: {@link #CLAIM_ALL_KEYS}, then {@link #NEW_BATCH}. Two statements, not one
     * with data-modifying CTEs, so each is planned as it was alone (also on Citus, where both tables are distributed
     * by organization).
     */
    static final String CLAIM_ALL_KEYS_AND_NEW_BATCH = CLAIM_ALL_KEYS + NEW_BATCH;

    static final String COPY_EVENTS = """
            copy usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model, status,
                latency_ms, api_key_id, user_id, run_id, op_name, trace_id, parent_id, thread_id, turn_id, input_refs,
                output_refs, service_tier, context_window, inference_geo, http_status, error_type, error_message,
                input_tokens, cache_read_input_tokens, cache_creation_5m_input_tokens, cache_creation_1h_input_tokens,
                output_tokens, web_search_requests, code_execution_hours, credits, cost_usd, cost_source,
                cost_input_usd, cost_output_usd, cost_cache_read_usd, cost_cache_creation_5m_usd,
                cost_cache_creation_1h_usd, cost_web_search_usd, cost_code_execution_usd)
            from stdin
            """;

    private UsageEventRepository() {}

    /** Registers the teams the organization does not have yet as its own. */
    static void registerTeams(Connection c, String orgId, Collection<String> teamIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REGISTER_TEAMS)) {
            ps.setString(1, orgId);
            ps.setString(2, Team.BY_INGEST);
            ps.setArray(3, c.createArrayOf("text", teamIds.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Records the organization's identities (digests, each once); answers the ones not seen before. Keys are inserted
     * in one order so concurrent retries of overlapping batches wait on each other, never deadlock.
     */
    static Set<UUID> claimNewKeys(Connection c, String orgId, UUID[] keys) throws SQLException {
        Set<UUID> fresh = new HashSet<>(keys.length * 2);
        try (PreparedStatement ps = c.prepareStatement(CLAIM_KEYS)) {
            ps.setString(1, orgId);
            ps.setArray(2, c.createArrayOf("uuid", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /** What {@link #claimAllKeys} did: how many identities were new, and the batch row it made for all of them. */
    record AllKeysClaim(int claimed, long batchId) {}

    /**
     * Claims every identity that is new and makes the batch row of all of them, in one round trip. Only when {@code
     * claimed} is the number of keys are the batch row and the claim what the request needs; otherwise the caller
     * rolls them back.
     */
    static AllKeysClaim claimAllKeys(Connection c, String orgId, UUID[] keys, Instant min, Instant max)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_ALL_KEYS_AND_NEW_BATCH)) {
            ps.setString(1, orgId);
            ps.setArray(2, c.createArrayOf("uuid", keys));
            ps.setString(3, orgId);
            ps.setInt(4, keys.length);
            ps.setTimestamp(5, Timestamp.from(min));
            ps.setTimestamp(6, Timestamp.from(max));
            if (!ps.execute()) {
                throw new SQLException("the identity claim answered no count");
            }
            int claimed;
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                claimed = rs.getInt(1);
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("the batch row answered no id");
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                return new AllKeysClaim(claimed, rs.getLong(1));
            }
        }
    }

    static long newBatch(Connection c, String orgId, int count, Instant min, Instant max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEW_BATCH)) {
            ps.setString(1, orgId);
            ps.setInt(2, count);
            ps.setTimestamp(3, Timestamp.from(min));
            ps.setTimestamp(4, Timestamp.from(max));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long copyEvents(Connection c, String orgId, long batchId, List<Candidate> events) throws SQLException {
        CopyText rows = new CopyText(events.size());
        for (Candidate candidate : events) {
            appendRow(rows, orgId, batchId, candidate);
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
        try {
            copy.writeToCopy(rows.buffer(), 0, rows.size());
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void appendRow(CopyText row, String orgId, long batchId, Candidate candidate) {
        UsageEvent e = candidate.event();
        CostBreakdown cost = candidate.cost();
        row.add(e.teamId()).add(e.occurredAt()).add(e.requestId()).add(batchId).add(orgId);
        row.add(e.provider())
                .add(e.model())
                .add(e.status().wire())
                .add(e.latencyMs())
                .add(e.apiKeyId());
        var t = e.tracing();
        row.add(t.userId()).add(t.runId()).add(t.opName()).add(t.traceId()).add(t.parentId());
        row.add(t.threadId()).add(t.turnId()).addArray(t.inputRefs()).addArray(t.outputRefs());
        row.add(e.serviceTier().wire())
                .add(e.contextWindow() == null ? null : e.contextWindow().wire())
                .add(e.inferenceGeo())
                .add(e.httpStatus())
                .add(e.errorType() == null ? null : e.errorType().wire())
                .add(e.errorMessage());
        var k = e.tokens();
        row.add(k.input()).add(k.cacheRead()).add(k.cacheCreation5m()).add(k.cacheCreation1h());
        row.add(k.output()).add(k.webSearchRequests()).add(k.codeExecutionHours());
        row.add(e.credits()).add(cost.total()).add(cost.source().wire());
        for (TokenType type : TokenType.values()) {
            row.add(cost.component(type));
        }
        row.endRow();
    }
}
