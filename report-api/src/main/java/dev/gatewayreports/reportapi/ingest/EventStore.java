package dev.gatewayreports.reportapi.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores one request's events in one transaction: teams, identities, the batch row and the COPY commit together,
 * so a 200 means every accepted event is durable and a failure stores none of them. Teams and identities are the
 * organization's own: another organization's team or request of the same id changes nothing here.
 */
@ApplicationScoped
public class EventStore {
    private final AgroalDataSource dataSource;

    public EventStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Answers how many of the candidates were new (the others were stored before). */
    @Transactional
    public long store(String orgId, List<Candidate> candidates) {
        try (Connection c = dataSource.getConnection()) {
            Set<String> teamIds = new HashSet<>();
            candidates.forEach(cand -> teamIds.add(cand.event().teamId()));
            UsageEventRepository.registerTeams(c, orgId, new TreeSet<>(teamIds));
            return insertNew(c, orgId, candidates);
        } catch (SQLException e) {
            throw new IllegalStateException("storing usage events failed", e);
        }
    }

    private static long insertNew(Connection c, String orgId, List<Candidate> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return 0;
        }
        UUID[] keys = new UUID[candidates.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = candidates.get(i).key();
        }
        Set<UUID> fresh = UsageEventRepository.claimNewKeys(c, orgId, keys);
        List<Candidate> newEvents = new ArrayList<>(fresh.size());
        Instant min = Instant.MAX;
        Instant max = Instant.MIN;
        for (Candidate cand : candidates) {
            if (fresh.contains(cand.key())) {
                newEvents.add(cand);
                min = cand.event().occurredAt().isBefore(min) ? cand.event().occurredAt() : min;
                max = cand.event().occurredAt().isAfter(max) ? cand.event().occurredAt() : max;
            }
        }
        if (newEvents.isEmpty()) {
            return 0;
        }
        long batchId = UsageEventRepository.newBatch(c, orgId, newEvents.size(), min, max);
        return UsageEventRepository.copyEvents(c, orgId, batchId, newEvents);
    }
}
