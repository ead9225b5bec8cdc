package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V37's backfill on an installation at V36 with events: slowest_request gets, per organization, team and UTC day, the
 * 100 slowest events of the batches already folded (pending ones are left to the workers), against a plain Java sort.
 * On plain PostgreSQL and on Citus (deploy/citus/run.sh test), where the tables are already distributed when V37 runs
 * and afterMigrate then distributes slowest_request with its rows. In a schema of its own.
 */
class SlowestBackfillMigrationTest {
    private static final PostgresTestResource POSTGRES = new PostgresTestResource();
    private static Map<String, String> database;

    record Ev(String org, String team, String requestId, Instant occurredAt, int latencyMs, boolean folded) {}

    @BeforeAll
    static void startPostgres() {
        database = POSTGRES.start();
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.stop();
    }

    @Test
    void shouldBackfillTheSlowestOfFoldedBatchesPerTeamDay() throws Exception {
        String schema =
                "slowest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            execute(c, "create schema " + schema);
            execute(c, "set search_path = " + schema);
            flyway(schema, "36").migrate();
            boolean citus = count(c, "select count(*) from pg_extension where extname = 'citus'") == 1;
            if (citus) {
                assertEquals(
                        1,
                        count(
                                c,
                                "select count(*) from pg_dist_partition where logicalrelid = '" + schema
                                        + ".usage_event'::regclass"),
                        "usage_event is distributed before V37 runs");
            }
            execute(c, "select usage_event_ensure_partitions(date '2024-05-01', date '2024-05-04')");
            List<Ev> all = new ArrayList<>();
            Random r = new Random(5);
            for (int b = 0; b < 8; b++) {
                String org = b % 3 == 0 ? "org_b" : "org_a";
                boolean folded = b % 4 != 3;
                all.addAll(batch(c, r, org, folded, 400, "b" + b + "-"));
            }

            flyway(schema, null).migrate();

            if (citus) {
                assertEquals(
                        1,
                        count(
                                c,
                                "select count(*) from pg_dist_partition p, pg_dist_partition u"
                                        + " where p.logicalrelid = '" + schema + ".slowest_request'::regclass"
                                        + " and u.logicalrelid = '" + schema + ".usage_event'::regclass"
                                        + " and p.colocationid = u.colocationid and p.partmethod = 'h'"),
                        "slowest_request distributed, co-located with usage_event");
            }
            Map<String, List<String>> expected = new TreeMap<>();
            all.stream()
                    .filter(Ev::folded)
                    .sorted(Comparator.comparingInt(Ev::latencyMs)
                            .thenComparing(Ev::occurredAt)
                            .reversed()
                            .thenComparing(Ev::requestId))
                    .forEach(e -> expected.computeIfAbsent(
                                    e.org() + "/" + e.team() + "/"
                                            + LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC),
                                    k -> new ArrayList<>())
                            .add(e.requestId()));
            expected.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), SlowestFold.KEEP))));
            assertTrue(expected.values().stream().anyMatch(v -> v.size() == SlowestFold.KEEP), "some days are full");
            Map<String, List<String>> stored = new TreeMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            select org_id || '/' || team_id || '/' || day::text, request_id from slowest_request
                             order by org_id, team_id, day, latency_ms desc, occurred_at desc, request_id""")) {
                while (rs.next()) {
                    stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
            assertEquals(expected, stored);
            assertEquals(
                    6,
                    count(c, "select count(*) from ingest_batch where slowest_kept and rolled_up_at is not null"),
                    "the folded batches are marked kept");
            assertEquals(
                    2,
                    count(c, "select count(*) from ingest_batch where not slowest_kept and rolled_up_at is null"),
                    "the pending ones are not");
        } finally {
            try (Connection c = DriverManager.getConnection(url(), user(), password())) {
                execute(c, "drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** A batch as ingest writes it (the batch row and its events), folded or pending; ties in latency and time. */
    private static List<Ev> batch(Connection c, Random r, String org, boolean folded, int n, String prefix)
            throws SQLException {
        Instant from = Instant.parse("2024-05-01T00:00:00Z");
        List<Ev> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Ev(
                    org,
                    "team_" + r.nextInt(2),
                    prefix + String.format("%05d", i),
                    from.plus(r.nextInt(3 * 24 * 60), ChronoUnit.MINUTES),
                    50 * (1 + r.nextInt(30)),
                    folded));
        }
        long batchId;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at, rolled_up_at)"
                        + " values (?, ?, ?, ?, ?) returning batch_id")) {
            ps.setString(1, org);
            ps.setInt(2, n);
            ps.setTimestamp(
                    3,
                    Timestamp.from(out.stream()
                            .map(Ev::occurredAt)
                            .min(Comparator.naturalOrder())
                            .orElseThrow()));
            ps.setTimestamp(
                    4,
                    Timestamp.from(out.stream()
                            .map(Ev::occurredAt)
                            .max(Comparator.naturalOrder())
                            .orElseThrow()));
            ps.setTimestamp(5, folded ? Timestamp.from(Instant.now()) : null);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                batchId = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                                         status, latency_ms, service_tier, input_tokens, cost_source)
                values (?, ?, ?, ?, ?, 'anthropic', 'm-a', 'success', ?, 'standard', 1, 'unpriced')""")) {
            for (Ev e : out) {
                ps.setString(1, e.team());
                ps.setTimestamp(2, Timestamp.from(e.occurredAt()));
                ps.setString(3, e.requestId());
                ps.setLong(4, batchId);
                ps.setString(5, org);
                ps.setInt(6, e.latencyMs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return out;
    }

    /** Flyway on the schema, callbacks included (afterMigrate places the tables on Citus), as the migrate Job runs. */
    private static Flyway flyway(String schema, String target) {
        var config = Flyway.configure()
                .dataSource(url(), user(), password())
                .schemas(schema)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtime_role", "none"));
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String url() {
        return database.get("quarkus.datasource.jdbc.url");
    }

    private static String user() {
        return database.get("quarkus.datasource.username");
    }

    private static String password() {
        return database.get("quarkus.datasource.password");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
