package dev.gatewayreports.reportapi.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores one request's events in one transaction: teams, identities, the batch row and the COPY commit together,
 * so a 200 means every accepted event is durable and a failure stores none of them. Teams and identities are the
 * organization's own: another organization's team or request of the same id changes nothing here.
 *
 * <p>Most requests carry only new events, so the transaction first claims every identity with a plain insert and
 * makes the batch row in the same round trip ({@link UsageEventRepository#claimAllKeys}); when one identity is
 * already stored (a retry, or a racing request that committed it first), the insert fails on the key's uniqueness,
 * the transaction is rolled back whole and done again claiming key by key ({@code on conflict do nothing}). Either
 * way every identity is claimed in one order, so racing requests wait on each other and never deadlock. The
 * transaction is the connection's own, not {@code @Transactional}: it is rolled back and run again within this
 * method, which a JTA transaction (whose connection may not roll back or commit) does not allow. Teams the
 * organization is known to have (a transaction registering them committed on this replica: teams are never
 * deleted) are not registered again.
 */
@ApplicationScoped
public class EventStore {
    /** SQLSTATE unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /**
     * SQLSTATE internal_error: how Citus (13.2.2) reports a worker's unique_violation to a multi-row
     * {@code insert … select} (it ran as an INSERT … SELECT through the coordinator; the message is the worker's
     * "duplicate key value violates unique constraint"). A plain PostgreSQL answers 23505.
     */
    static final String INTERNAL_ERROR = "XX000";

    private final AgroalDataSource dataSource;
    /** Per organization, the teams a committed transaction registered or found. */
    private final Map<String, Set<String>> knownTeams = new ConcurrentHashMap<>();

    public EventStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Answers how many of the candidates were new (the others were stored before). */
    public long store(String orgId, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return 0;
        }
        Set<String> known = knownTeams.computeIfAbsent(orgId, org -> ConcurrentHashMap.newKeySet());
        Set<String> teams = new TreeSet<>();
        for (Candidate cand : candidates) {
            String team = cand.event().teamId();
            if (!known.contains(team)) {
                teams.add(team);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long stored;
                try {
                    stored = storeAllNew(c, orgId, teams, candidates);
                } catch (SQLException e) {
                    c.rollback();
                    if (!storedBefore(e)) {
                        throw e;
                    }
                    stored = storeNewOnes(c, orgId, teams, candidates);
                }
                c.commit();
                known.addAll(teams);
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing usage events failed", e);
        }
    }

    /** The common case: every candidate is new. Fails with {@link #UNIQUE_VIOLATION} when one is not. */
    private static long storeAllNew(Connection c, String orgId, Set<String> teams, List<Candidate> candidates)
            throws SQLException {
        registerTeams(c, orgId, teams);
        Span span = Span.of(candidates);
        long batchId = UsageEventRepository.claimAllKeys(c, orgId, keys(candidates), span.min(), span.max());
        return UsageEventRepository.copyEvents(c, orgId, batchId, candidates);
    }

    /** Some candidates were stored before: claim key by key, store the new ones. */
    private static long storeNewOnes(Connection c, String orgId, Set<String> teams, List<Candidate> candidates)
            throws SQLException {
        registerTeams(c, orgId, teams);
        Set<UUID> fresh = UsageEventRepository.claimNewKeys(c, orgId, keys(candidates));
        List<Candidate> newEvents = new ArrayList<>(fresh.size());
        for (Candidate cand : candidates) {
            if (fresh.contains(cand.key())) {
                newEvents.add(cand);
            }
        }
        if (newEvents.isEmpty()) {
            return 0;
        }
        Span span = Span.of(newEvents);
        long batchId = UsageEventRepository.newBatch(c, orgId, newEvents.size(), span.min(), span.max());
        return UsageEventRepository.copyEvents(c, orgId, batchId, newEvents);
    }

    private static UUID[] keys(List<Candidate> candidates) {
        UUID[] keys = new UUID[candidates.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = candidates.get(i).key();
        }
        return keys;
    }

    /** The earliest and latest {@code occurred_at} of some events: the bounds their batch row records. */
    private record Span(Instant min, Instant max) {
        static Span of(List<Candidate> events) {
            Instant min = Instant.MAX;
            Instant max = Instant.MIN;
            for (Candidate cand : events) {
                Instant at = cand.event().occurredAt();
                min = at.isBefore(min) ? at : min;
                max = at.isAfter(max) ? at : max;
            }
            return new Span(min, max);
        }
    }

    private static void registerTeams(Connection c, String orgId, Set<String> teams) throws SQLException {
        if (!teams.isEmpty()) {
            UsageEventRepository.registerTeams(c, orgId, teams);
        }
    }

    /**
     * Whether the all-new claim failed because an identity was stored before, so the key-by-key path must run. On
     * Citus that arrives as an internal error, which the key-by-key path (its {@code on conflict do nothing} does
     * not raise it) then answers correctly; any other internal error fails that path again and is thrown from there.
     */
    static boolean storedBefore(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || INTERNAL_ERROR.equals(e.getSQLState());
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
