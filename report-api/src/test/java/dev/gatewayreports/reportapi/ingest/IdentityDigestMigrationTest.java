package dev.gatewayreports.reportapi.ingest;

import static dev.gatewayreports.testing.MigrationDatabase.execute;
import static dev.gatewayreports.testing.MigrationDatabase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V28 (identities as organization + digest) over identities written in the previous shape: every identity is kept,
 * ingest's claim still refuses each of them in its own organization only, and tells new ones apart.
 */
class IdentityDigestMigrationTest {
    private static final MigrationDatabase DATABASE = new MigrationDatabase();

    private static final String SEED = """
            insert into usage_event_key (org_id, team_id, request_id)
            select 'org_a', 'team_x', 'req_' || i from generate_series(1, 100) i;
            insert into usage_event_key (org_id, team_id, request_id)
            select 'org_b', 'team_x', 'req_' || i from generate_series(1, 50) i;
            -- Concatenated, these two identities read the same: 'abc'.
            insert into usage_event_key (org_id, team_id, request_id) values ('org_a', 'ab', 'c');
            """;

    @BeforeAll
    static void startPostgres() {
        DATABASE.start();
    }

    @AfterAll
    static void stopPostgres() {
        DATABASE.stop();
    }

    @Test
    void shouldKeepEveryIdentityADuplicateInItsOwnOrganizationOnly() throws SQLException {
        String schema = "v28_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DATABASE.connect(schema)) {
            DATABASE.flyway(schema, "26").migrate();
            execute(c, SEED);
            List<List<Object>> before = rows(c, "select org_id, count(*) from usage_event_key group by 1 order by 1");

            DATABASE.flyway(schema, "28").migrate();

            assertEquals(before, rows(c, "select org_id, count(*) from usage_event_key group by 1 order by 1"));
            assertEquals(List.of(List.of("org_a", 101L), List.of("org_b", 50L)), before, "the seed as written");
            // Old identities are duplicates; a new request id, and the team/request split that concatenates to an
            // existing one, are new; within one claim a repeated identity is new once.
            assertEquals(
                    Set.of("team_x\nreq_101", "a\nbc"),
                    claim(c, "org_a", new String[] {"team_x", "team_x", "team_x", "ab", "a", "team_x"}, new String[] {
                        "req_1", "req_100", "req_101", "c", "bc", "req_101"
                    }));
            assertEquals(
                    Set.of(),
                    claim(c, "org_a", new String[] {"team_x", "a"}, new String[] {"req_101", "bc"}),
                    "claimed identities are duplicates at once");
            // The same ids in another organization are another event.
            assertEquals(
                    Set.of("team_x\nreq_51", "team_x\nreq_100"),
                    claim(c, "org_b", new String[] {"team_x", "team_x", "team_x"}, new String[] {
                        "req_50", "req_51", "req_100"
                    }));
            assertEquals(Set.of("team_x\nreq_1"), claim(c, "org_c", new String[] {"team_x"}, new String[] {"req_1"}));
            String pkey = (String) rows(c, "select pg_get_indexdef('usage_event_key_pkey'::regclass)")
                    .get(0)
                    .get(0);
            assertTrue(pkey.contains("(org_id, key_hash)"), pkey);
        } finally {
            DATABASE.dropSchema(schema);
        }
    }

    /**
     * Runs ingest's claim with the digests ingest computes ({@link IdentityDigest}): the identities migrated were hashed
     * by the database, so a match also shows both digests agree. Answers the identities reported new.
     */
    private static Set<String> claim(Connection c, String org, String[] teams, String[] requests) throws SQLException {
        IdentityDigest digest = new IdentityDigest();
        Map<UUID, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < teams.length; i++) {
            byKey.putIfAbsent(digest.of(teams[i], requests[i]), teams[i] + "\n" + requests[i]);
        }
        Set<String> fresh = new TreeSet<>();
        for (UUID key : UsageEventRepository.claimNewKeys(c, org, byKey.keySet().toArray(UUID[]::new))) {
            fresh.add(byKey.get(key));
        }
        return fresh;
    }
}
