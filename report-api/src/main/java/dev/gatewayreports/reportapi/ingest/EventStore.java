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
 * <p>Most requests carry only new events, so the transaction first claims every identity with {@code insert … on
 * conflict do nothing} and makes the batch row in the same round trip ({@link UsageEventRepository#claimAllKeys}).
 * When the count of identities it inserted is short of the number of keys, some identity was stored before (a retry,
 * or a racing request that committed it first: a key another transaction holds uncommitted waits for its end): the
 * transaction is rolled back whole and, unless none was new, done again claiming key by key, which answers the new
 * ones. Either way every identity is claimed in one order, so racing requests wait on each other and never deadlock.
 * No error code is read: how an engine reports a duplicate key (PostgreSQL 23505, Citus 13 an internal error) does
 * not matter. The transaction is the connection's own, not {@code @Transactional}: it is rolled back and run again
 * within this method, which a JTA transaction (whose connection may not roll back or commit) does not allow. Teams
 * the organization is known to have (a transaction registering them committed on this replica: teams are never
 * deleted) are not registered again.
 */
@ApplicationScoped
public class EventStore {
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
                UsageEventRepository.AllKeysClaim claim = claimAllNew(c, orgId, teams, candidates);
                if (claim.claimed() == candidates.size()) {
                    long stored = UsageEventRepository.copyEvents(c, orgId, claim.batchId(), candidates);
                    return committed(c, known, teams, stored);
                }
                // Some identities were stored before: the claim and its batch row are not this request's.
                c.rollback();
                if (claim.claimed() == 0) {
                    // None was new, and every key was committed by others: all duplicates, nothing to store.
                    return 0;
                }
                return committed(c, known, teams, storeNewOnes(c, orgId, teams, candidates));
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

    /**
     * The common case, every candidate new: registers the teams, claims every identity that is new and makes the batch
     * row of all candidates; the caller stores the events or, when the claim is short, rolls back.
     */
    private static UsageEventRepository.AllKeysClaim claimAllNew(
            Connection c, String orgId, Set<String> teams, List<Candidate> candidates) throws SQLException {
        registerTeams(c, orgId, teams);
        Span span = Span.of(candidates);
        return UsageEventRepository.claimAllKeys(c, orgId, keys(candidates), span.min(), span.max());
    }

    private static long committed(Connection c, Set<String> known, Set<String> teams, long stored) throws SQLException {
        c.commit();
        known.addAll(teams);
        return stored;
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

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
