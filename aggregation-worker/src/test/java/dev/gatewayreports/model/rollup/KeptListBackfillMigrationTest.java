package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.EventBatches;
import dev.gatewayreports.testing.EventBatches.Event;
import dev.gatewayreports.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V37's and V38's backfills on an installation at V36 with events: slowest_request gets, per organization, team and UTC
 * day, the 100 slowest events of the batches already folded, newest_error their 100 newest errors (pending ones are
 * left to the workers), against a plain Java sort. On plain PostgreSQL and on Citus (deploy/citus/run.sh test), where
 * the tables are already distributed when V37 runs and afterMigrate then distributes both tables with their rows. In a
 * schema of its own.
 */
class KeptListBackfillMigrationTest {
    private static final PostgresTestResource POSTGRES = new PostgresTestResource();
    private static Map<String, String> database;

    record Ev(String org, Event event, boolean folded) {
        String requestId() {
            return event.requestId();
        }

        Instant occurredAt() {
            return event.occurredAt();
        }

        String key() {
            return org + "/" + event.team() + "/" + LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
        }
    }

    @BeforeAll
    static void startPostgres() {
        database = POSTGRES.start();
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.stop();
    }

    @Test
    void shouldBackfillBothListsOfFoldedBatchesPerTeamDay() throws Exception {
        String schema = "kept_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
                for (String table : List.of("slowest_request", "newest_error")) {
                    assertEquals(
                            1,
                            count(
                                    c,
                                    "select count(*) from pg_dist_partition p, pg_dist_partition u"
                                            + " where p.logicalrelid = '" + schema + "." + table + "'::regclass"
                                            + " and u.logicalrelid = '" + schema + ".usage_event'::regclass"
                                            + " and p.colocationid = u.colocationid and p.partmethod = 'h'"),
                            table + " distributed, co-located with usage_event");
                }
            }
            assertEquals(
                    expected(
                            all.stream().filter(Ev::folded),
                            Comparator.<Ev>comparingInt(e -> e.event().latencyMs())
                                    .thenComparing(Ev::occurredAt)
                                    .reversed()
                                    .thenComparing(Ev::requestId)),
                    stored(c, """
                            select org_id || '/' || team_id || '/' || day::text, request_id from slowest_request
                             order by org_id, team_id, day, latency_ms desc, occurred_at desc, request_id"""),
                    "slowest_request");
            assertEquals(
                    expected(
                            all.stream().filter(e -> e.folded() && e.event().error()),
                            Comparator.comparing(Ev::occurredAt)
                                    .thenComparing(Ev::requestId)
                                    .reversed()),
                    stored(c, """
                            select org_id || '/' || team_id || '/' || (occurred_at at time zone 'UTC')::date::text,
                                   request_id
                              from newest_error
                             order by org_id, team_id, 1, occurred_at desc, request_id desc"""),
                    "newest_error");
            assertEquals(
                    6,
                    count(
                            c,
                            "select count(*) from ingest_batch where slowest_kept and errors_kept"
                                    + " and rolled_up_at is not null"),
                    "the folded batches are marked kept");
            assertEquals(
                    2,
                    count(
                            c,
                            "select count(*) from ingest_batch where not slowest_kept and not errors_kept"
                                    + " and rolled_up_at is null"),
                    "the pending ones are not");
        } finally {
            try (Connection c = DriverManager.getConnection(url(), user(), password())) {
                execute(c, "drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** The independent lists: per organization, team and UTC day, the events sorted in Java, the first 100. */
    private static Map<String, List<String>> expected(Stream<Ev> events, Comparator<Ev> order) {
        Map<String, List<String>> expected = new TreeMap<>();
        events.sorted(order)
                .forEach(e -> expected.computeIfAbsent(e.key(), k -> new ArrayList<>())
                        .add(e.requestId()));
        expected.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), KeptList.KEEP))));
        assertTrue(expected.values().stream().anyMatch(v -> v.size() == KeptList.KEEP), "some days are full");
        return expected;
    }

    /** A table's rows per team-day, in its order ({@code sql}: the key and the request id). */
    private static Map<String, List<String>> stored(Connection c, String sql) throws SQLException {
        Map<String, List<String>> stored = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return stored;
    }

    /**
     * A batch as ingest writes it (the batch row and its events), folded (by a worker before V37) or pending; ties in
     * latency and time; two in three are errors.
     */
    private static List<Ev> batch(Connection c, Random r, String org, boolean folded, int n, String prefix)
            throws SQLException {
        Instant from = Instant.parse("2024-05-01T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new Event(
                    "team_" + r.nextInt(2),
                    prefix + String.format("%05d", i),
                    from.plus(r.nextInt(3 * 24 * 60), ChronoUnit.MINUTES),
                    50 * (1 + r.nextInt(30)),
                    r.nextInt(3) < 2 ? "provider_error" : null));
        }
        EventBatches.insert(c, org, events, folded ? Instant.now() : null);
        return events.stream().map(e -> new Ev(org, e, folded)).toList();
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
