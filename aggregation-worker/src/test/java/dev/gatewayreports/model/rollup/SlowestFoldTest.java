package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.aggregation.rollup.Retention;
import dev.gatewayreports.aggregation.rollup.RollupRebuild;
import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * slowest_request (V37) as the fold keeps it: per organization, team and UTC day the 100 slowest folded events, against
 * a plain Java sort of the events generated here (latency and time ties included, so the request id decides). Folds
 * one after the other and two at once (through the team lock, and two trims that cannot see each other: a superset,
 * whose first 100 are still exact), a rebuild of damaged days, and retention dropping a day's rows with its raw
 * partition.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class SlowestFoldTest {
    private final AgroalDataSource ds;
    private final RollupRebuild rebuild;
    private final Retention retention;

    SlowestFoldTest(AgroalDataSource ds, RollupRebuild rebuild, Retention retention) {
        this.ds = ds;
        this.rebuild = rebuild;
        this.retention = retention;
    }

    /** One generated event, in plain Java. */
    record Ev(String team, String requestId, Instant occurredAt, int latencyMs, long batch) {}

    private static final Comparator<Ev> REPORT_ORDER = Comparator.comparingInt(Ev::latencyMs)
            .thenComparing(Ev::occurredAt)
            .reversed()
            .thenComparing(Ev::requestId);

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * One ingest batch of {@code n} events of {@code teams} between {@code from} and {@code from + hours}: latencies from
     * 20 values and times on whole minutes, so ties are common.
     */
    private List<Ev> batch(String org, String[] teams, int n, Instant from, int hours, long seed, String prefix)
            throws SQLException {
        Random r = new Random(seed);
        List<Ev> events = new ArrayList<>();
        long batchId;
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select usage_event_ensure_partitions(?::date, ?::date)")) {
                ps.setString(1, from.toString().substring(0, 10));
                ps.setString(2, from.plus(hours, ChronoUnit.HOURS).toString().substring(0, 10));
                ps.execute();
            }
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                times.add(from.plus(r.nextInt(hours * 60), ChronoUnit.MINUTES));
            }
            Instant min = times.stream().min(Comparator.naturalOrder()).orElseThrow();
            Instant max = times.stream().max(Comparator.naturalOrder()).orElseThrow();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)"
                            + " values (?, ?, ?, ?) returning batch_id")) {
                ps.setString(1, org);
                ps.setInt(2, n);
                ps.setTimestamp(3, Timestamp.from(min));
                ps.setTimestamp(4, Timestamp.from(max));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    batchId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into usage_event (team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,
                                             status, latency_ms, service_tier, input_tokens, cost_source)
                    values (?, ?, ?, ?, ?, 'anthropic', 'm-a', 'success', ?, 'standard', 1, 'unpriced')""")) {
                for (int i = 0; i < n; i++) {
                    Ev e = new Ev(
                            teams[r.nextInt(teams.length)],
                            prefix + String.format("%05d", i),
                            times.get(i),
                            100 * (1 + r.nextInt(20)),
                            batchId);
                    events.add(e);
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
            c.commit();
        }
        return events;
    }

    /** Folds every pending batch, {@code maxEvents} at a time, with the worker's code. */
    private void foldAll(int maxEvents) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            while (RollupFold.fold(c, maxEvents) >= 0) {
                c.commit();
            }
            c.commit();
        }
    }

    /** The independent top per team-day: the events sorted in Java, the first 100 of each team's UTC day. */
    private static Map<String, List<String>> expected(List<Ev> events) {
        Map<String, List<String>> byTeamDay = new TreeMap<>();
        events.stream()
                .sorted(REPORT_ORDER)
                .forEach(e -> byTeamDay
                        .computeIfAbsent(teamDay(e.team(), e.occurredAt()), k -> new ArrayList<>())
                        .add(e.requestId()));
        byTeamDay.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), SlowestFold.KEEP))));
        return byTeamDay;
    }

    private static String teamDay(String team, Instant t) {
        return team + "/" + LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** What the table holds per team-day, in the report's order; {@code firstOnly}: its first 100 only. */
    private static Map<String, List<String>> stored(String org, boolean firstOnly) {
        Map<String, List<String>> byTeamDay = new TreeMap<>();
        for (Map<String, Object> row : Db.query(
                "select team_id, day::text as day, request_id from slowest_request where org_id = ?"
                        + " order by team_id, day, latency_ms desc, occurred_at desc, request_id",
                org)) {
            byTeamDay
                    .computeIfAbsent(row.get("team_id") + "/" + row.get("day"), k -> new ArrayList<>())
                    .add((String) row.get("request_id"));
        }
        if (firstOnly) {
            byTeamDay.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), SlowestFold.KEEP))));
        }
        return byTeamDay;
    }

    @Test
    void shouldKeepTheSlowestHundredPerTeamDayFoldAfterFold() throws Exception {
        String org = id("org_slow");
        String[] teams = {id("team"), id("team"), id("team")};
        Instant day0 = daysAgo(40);
        List<Ev> all = new ArrayList<>();
        // Four batches over three UTC days: each team-day gets ~200 events across several folds.
        for (int b = 0; b < 4; b++) {
            all.addAll(batch(org, teams, 450, day0.plus(b * 5, ChronoUnit.HOURS), 70, 31 + b, "b" + b + "-"));
        }
        foldAll(500);
        Map<String, List<String>> expected = expected(all);
        long full = expected.values().stream()
                .filter(v -> v.size() == SlowestFold.KEEP)
                .count();
        assertTrue(full >= 9, "most team-days hold more events than are kept: " + full + " of " + expected.size());
        assertEquals(expected, stored(org, false), "exactly the 100 slowest per team-day, nothing more");

        // A pending batch is not in the table; once folded it is.
        List<Ev> late = batch(org, teams, 300, day0.plus(20, ChronoUnit.HOURS), 30, 99, "late-");
        assertEquals(expected, stored(org, false));
        all.addAll(late);
        foldAll(50);
        assertEquals(expected(all), stored(org, false));
    }

    @Test
    void shouldNeverLoseOneOfTheSlowestWhenTwoFoldsOfATeamDayRunAtOnce() throws Exception {
        String org = id("org_conc");
        String team = id("team");
        String[] teams = {team};
        Instant day = daysAgo(35);
        List<Ev> first = batch(org, teams, 180, day, 20, 1, "s-");
        foldAll(1_000);
        List<Ev> a = batch(org, teams, 180, day, 20, 2, "a-");
        List<Ev> b = batch(org, teams, 180, day, 20, 3, "b-");
        // Two folds' candidate inserts and trims, neither seeing the other's uncommitted rows (the team lock left
        // out on purpose, as if two folds ever wrote one team-day concurrently): each keeps the top of what it sees.
        Set<SlowestFold.TeamDay> touched = Set.of(new SlowestFold.TeamDay(
                team, LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay()));
        try (Connection ca = ds.getConnection();
                Connection cb = ds.getConnection()) {
            ca.setAutoCommit(false);
            cb.setAutoCommit(false);
            SlowestFold.add(ca, batchEvents(org, a.get(0).batch()));
            SlowestFold.add(cb, batchEvents(org, b.get(0).batch()));
            SlowestFold.trim(ca, org, touched);
            // B's trim deletes some of the same stored rows as A's: it waits for A's commit (then skips the rows A
            // deleted), so it runs beside A's commit rather than before it.
            CompletableFuture<Void> trimB = CompletableFuture.runAsync(() -> {
                try {
                    SlowestFold.trim(cb, org, touched);
                    cb.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            ca.commit();
            trimB.join();
        }
        List<Ev> union = new ArrayList<>(first);
        union.addAll(a);
        union.addAll(b);
        Map<String, List<String>> truth = expected(union);
        int rows = stored(org, false).values().iterator().next().size();
        assertTrue(rows > SlowestFold.KEEP, "a superset was left: " + rows);
        assertEquals(truth, stored(org, true), "whose first 100 are exactly the slowest");
        // The next fold of that team-day trims it back.
        List<Ev> c2 = batch(org, teams, 50, day, 20, 4, "c-");
        markFolded(org, a.get(0).batch(), b.get(0).batch());
        union.addAll(c2);
        foldAll(1_000);
        assertEquals(expected(union), stored(org, false));

        // Through the worker's code: two folds at once on their own connections, one batch each, same team-day.
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            union.addAll(batch(org, teams, 120, day, 20, 10 + i, "w" + i + "-"));
        }
        for (int w = 0; w < 2; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                try {
                    foldAll(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        workers.forEach(CompletableFuture::join);
        assertEquals(0, Db.count("select count(*) from ingest_batch where org_id = ? and rolled_up_at is null", org));
        assertEquals(expected(union), stored(org, false), "the team lock serialises them: exactly the 100");
    }

    @Test
    void shouldRecomputeRebuiltDaysAndDropRetainedDays() throws Exception {
        String org = id("org_rb");
        String[] teams = {id("team"), id("team")};
        Instant day0 = daysAgo(30);
        List<Ev> folded = new ArrayList<>(batch(org, teams, 600, day0, 48, 7, "r-"));
        foldAll(10_000);
        // Damage: one team-day loses its slowest rows, another gets a row no event has.
        Db.execute(
                "delete from slowest_request where org_id = ? and team_id = ? and day = ?::date and latency_ms >= 1500",
                org,
                teams[0],
                day0.toString().substring(0, 10));
        Db.execute(
                """
                insert into slowest_request (day, latency_ms, occurred_at, org_id, team_id, request_id, provider,
                                             model, status)
                values (?::date, 99999, ?, ?, ?, 'ghost', 'p', 'm', 'success')""",
                day0.plus(1, ChronoUnit.DAYS).toString().substring(0, 10),
                day0.plus(25, ChronoUnit.HOURS),
                org,
                teams[1]);
        // A pending batch of those days: not in the rebuilt rows; the workers fold it afterwards.
        List<Ev> pending = batch(org, teams, 200, day0, 48, 8, "p-");
        rebuild.rebuild(day0, day0.plus(2, ChronoUnit.DAYS), Actor.system("test"));
        assertEquals(expected(folded), stored(org, false), "the rebuilt days from the folded events only");
        folded.addAll(pending);
        foldAll(10_000);
        assertEquals(expected(folded), stored(org, false));

        // Retention: a day whose raw partition is dropped loses its rows; later days keep theirs.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant old = today.minusDays(420).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant recent = today.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        String orgRet = id("org_ret");
        batch(orgRet, teams, 150, old, 20, 5, "o-");
        List<Ev> kept = batch(orgRet, teams, 150, recent, 20, 6, "n-");
        foldAll(10_000);
        assertEquals(
                2,
                stored(orgRet, false).keySet().stream()
                        .map(k -> k.substring(k.indexOf('/')))
                        .collect(Collectors.toSet())
                        .size());
        retention.apply(today, Actor.system("test"));
        assertEquals(expected(kept), stored(orgRet, false), "only the recent day's rows are left");
    }

    private static Instant daysAgo(int days) {
        return LocalDate.now(ZoneOffset.UTC)
                .minusDays(days)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private static SqlFold.Events batchEvents(String org, long batch) {
        return new SqlFold.Events("e.org_id = ? and e.ingest_batch_id = ?", (ps, p) -> {
            ps.setString(p++, org);
            ps.setLong(p++, batch);
            return p;
        });
    }

    /** Marks batches whose candidates the test added by hand folded and kept, as a fold's mark does. */
    private static void markFolded(String org, long... batches) {
        for (long b : batches) {
            Db.execute(
                    "update ingest_batch set rolled_up_at = now(), slowest_kept = true where org_id = ? and batch_id = ?",
                    org,
                    b);
        }
    }

    @Test
    void shouldAddTheSlowestOfBatchesAnOldWorkerFoldedDuringARollout() throws Exception {
        String org = id("org_roll");
        String[] teams = {id("team"), id("team")};
        Instant day = daysAgo(33);
        List<Ev> all = new ArrayList<>(batch(org, teams, 400, day, 30, 21, "k-"));
        foldAll(10_000);
        assertEquals(0, Db.count("select count(*) from ingest_batch where org_id = ? and not slowest_kept", org));
        // A worker of the version before V37 folds two batches: rolled_up_at only, nothing in slowest_request.
        List<Ev> old1 = batch(org, teams, 300, day, 30, 22, "o1-");
        List<Ev> old2 = batch(org, teams, 300, day, 30, 23, "o2-");
        for (List<Ev> old : List.of(old1, old2)) {
            Db.execute(
                    "update ingest_batch set rolled_up_at = now() where org_id = ? and batch_id = ?",
                    org,
                    old.get(0).batch());
        }
        assertEquals(expected(all), stored(org, false), "not in the table: the report reads them raw");
        // A pending batch too: the repair leaves it to the fold.
        List<Ev> pending = batch(org, teams, 200, day, 30, 24, "p-");
        int repaired = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int n; (n = SlowestFold.repair(c)) > 0; ) {
                repaired += n;
                c.commit();
            }
            c.commit();
        }
        assertTrue(repaired >= 2, "both old folds repaired: " + repaired);
        all.addAll(old1);
        all.addAll(old2);
        assertEquals(expected(all), stored(org, false), "the old folds' slowest added and trimmed");
        assertEquals(
                1,
                Db.count("select count(*) from ingest_batch where org_id = ? and not slowest_kept", org),
                "only the pending batch is not kept");
        all.addAll(pending);
        foldAll(10_000);
        assertEquals(expected(all), stored(org, false));
        assertEquals(0, Db.count("select count(*) from ingest_batch where org_id = ? and not slowest_kept", org));
    }

    @Test
    void shouldKeepTheSlowestHundredDistinctEventsWhenOneWasStoredTwice() throws Exception {
        String org = id("org_twice");
        String team = id("team");
        Instant day = daysAgo(31);
        List<Ev> all = batch(org, new String[] {team}, 160, day, 20, 41, "t-");
        foldAll(10_000);
        Map<String, List<String>> truth = expected(all);
        List<String> top = truth.values().iterator().next();
        assertEquals(SlowestFold.KEEP, top.size());
        // A second copy of the slowest event and of the 100th (which cannot happen through the worker's code: an
        // aborted
        // run that added candidates of batches still pending would leave such copies for their fold to add again). The
        // 100th's two copies then straddle the boundary: a trim by request id deleted both.
        Db.execute(
                "insert into slowest_request select * from slowest_request where org_id = ? and request_id in (?, ?)",
                org,
                top.get(0),
                top.get(SlowestFold.KEEP - 1));
        try (Connection c = ds.getConnection()) {
            SlowestFold.trim(
                    c,
                    org,
                    Set.of(new SlowestFold.TeamDay(
                            team, LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay())));
        }
        assertEquals(truth, stored(org, false), "one copy of each of the 100 slowest, nothing else");
    }
}
