package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.aggregation.rollup.Retention;
import dev.gatewayreports.aggregation.rollup.RollupRebuild;
import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.EventBatches;
import dev.gatewayreports.testing.EventBatches.Event;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.SQLException;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lists the fold keeps (slowest_request V37, newest_error V38), each against a plain Java sort of the events
 * generated here: per organization, team and UTC day the 100 first in the list's order (latency and time ties included,
 * so the request id decides). Folds one after the other and two at once (through the team lock, and two trims that
 * cannot see each other: a superset, whose first 100 are still exact), a rebuild of damaged days, retention dropping a
 * day's rows with its raw partition, and the repair of batches that older workers folded during a rollout.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class KeptListFoldTest {
    private final AgroalDataSource ds;
    private final RollupRebuild rebuild;
    private final Retention retention;

    KeptListFoldTest(AgroalDataSource ds, RollupRebuild rebuild, Retention retention) {
        this.ds = ds;
        this.rebuild = rebuild;
        this.retention = retention;
    }

    /** One generated event and its batch, in plain Java. */
    record Ev(Event event, long batch) {
        String team() {
            return event.team();
        }

        String requestId() {
            return event.requestId();
        }

        Instant occurredAt() {
            return event.occurredAt();
        }
    }

    /** A list under test: its code, which events it holds, its order, and its table read back in that order. */
    enum Kept {
        SLOWEST(
                KeptList.SLOWEST,
                e -> true,
                Comparator.<Ev>comparingInt(e -> e.event().latencyMs())
                        .thenComparing(Ev::occurredAt)
                        .reversed()
                        .thenComparing(Ev::requestId),
                "select team_id, day::text as day, request_id from slowest_request where org_id = ?"
                        + " order by team_id, day, latency_ms desc, occurred_at desc, request_id"),
        NEWEST_ERRORS(
                KeptList.NEWEST_ERRORS,
                e -> e.event().error(),
                Comparator.comparing(Ev::occurredAt)
                        .thenComparing(Ev::requestId)
                        .reversed(),
                "select team_id, (occurred_at at time zone 'UTC')::date::text as day, request_id from newest_error"
                        + " where org_id = ? order by team_id, day, occurred_at desc, request_id desc");

        final KeptList list;
        final Predicate<Ev> holds;
        final Comparator<Ev> order;
        final String stored;

        Kept(KeptList list, Predicate<Ev> holds, Comparator<Ev> order, String stored) {
            this.list = list;
            this.holds = holds;
            this.order = order;
            this.stored = stored;
        }

        /** The independent top per team-day: the events sorted in Java, the first 100 of each team's UTC day. */
        Map<String, List<String>> expected(List<Ev> events) {
            Map<String, List<String>> byTeamDay = new TreeMap<>();
            events.stream()
                    .filter(holds)
                    .sorted(order)
                    .forEach(e -> byTeamDay
                            .computeIfAbsent(teamDay(e.team(), e.occurredAt()), k -> new ArrayList<>())
                            .add(e.requestId()));
            byTeamDay.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), KeptList.KEEP))));
            return byTeamDay;
        }

        /** What the table holds per team-day, in the list's order; {@code firstOnly}: its first 100 only. */
        Map<String, List<String>> stored(String org, boolean firstOnly) {
            Map<String, List<String>> byTeamDay = new TreeMap<>();
            for (Map<String, Object> row : Db.query(stored, org)) {
                byTeamDay
                        .computeIfAbsent(row.get("team_id") + "/" + row.get("day"), k -> new ArrayList<>())
                        .add((String) row.get("request_id"));
            }
            if (firstOnly) {
                byTeamDay.replaceAll((k, v) -> List.copyOf(v.subList(0, Math.min(v.size(), KeptList.KEEP))));
            }
            return byTeamDay;
        }
    }

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String teamDay(String team, Instant t) {
        return team + "/" + LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /**
     * One ingest batch of {@code n} events of {@code teams} between {@code from} and {@code from + hours}: latencies from
     * 20 values and times on whole minutes, so ties are common; seven in ten are errors.
     */
    private List<Ev> batch(String org, String[] teams, int n, Instant from, int hours, long seed, String prefix)
            throws SQLException {
        Random r = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new Event(
                    teams[r.nextInt(teams.length)],
                    prefix + String.format("%05d", i),
                    from.plus(r.nextInt(hours * 60), ChronoUnit.MINUTES),
                    100 * (1 + r.nextInt(20)),
                    r.nextInt(10) < 7 ? (r.nextBoolean() ? "timeout" : "rate_limit") : null));
        }
        long batchId;
        try (Connection c = ds.getConnection()) {
            batchId = EventBatches.insert(c, org, events, null);
        }
        return events.stream().map(e -> new Ev(e, batchId)).toList();
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

    /** Repairs until nothing is left, with the worker's code; answers the batches repaired. */
    private int repairAll() throws SQLException {
        int repaired = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int n; (n = KeptList.repair(c)) > 0; ) {
                repaired += n;
                c.commit();
            }
            c.commit();
        }
        return repaired;
    }

    private static void assertBoth(List<Ev> events, String org, String stage) {
        for (Kept k : Kept.values()) {
            assertEquals(k.expected(events), k.stored(org, false), k + ", " + stage);
        }
    }

    @Test
    void shouldKeepTheFirstHundredPerTeamDayFoldAfterFold() throws Exception {
        String org = id("org_kept");
        String[] teams = {id("team"), id("team"), id("team")};
        Instant day0 = daysAgo(40);
        List<Ev> all = new ArrayList<>();
        // Four batches over three UTC days: each team-day gets ~200 events (~140 errors) across several folds.
        for (int b = 0; b < 4; b++) {
            all.addAll(batch(org, teams, 450, day0.plus(b * 5, ChronoUnit.HOURS), 70, 31 + b, "b" + b + "-"));
        }
        foldAll(500);
        for (Kept k : Kept.values()) {
            long full = k.expected(all).values().stream()
                    .filter(v -> v.size() == KeptList.KEEP)
                    .count();
            assertTrue(full >= 6, k + ": team-days holding more than are kept: " + full);
        }
        assertBoth(all, org, "exactly the 100 first per team-day, nothing more");

        // A pending batch is not in the tables; once folded it is.
        List<Ev> late = batch(org, teams, 300, day0.plus(20, ChronoUnit.HOURS), 30, 99, "late-");
        assertBoth(all, org, "pending");
        all.addAll(late);
        foldAll(50);
        assertBoth(all, org, "folded");
    }

    @ParameterizedTest
    @EnumSource(Kept.class)
    void shouldNeverLoseOneOfTheFirstWhenTwoFoldsOfATeamDayRunAtOnce(Kept kept) throws Exception {
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
        Set<KeptList.TeamDay> touched = Set.of(new KeptList.TeamDay(
                team, LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay()));
        try (Connection ca = ds.getConnection();
                Connection cb = ds.getConnection()) {
            ca.setAutoCommit(false);
            cb.setAutoCommit(false);
            kept.list.add(ca, batchEvents(org, a.get(0).batch()));
            kept.list.add(cb, batchEvents(org, b.get(0).batch()));
            kept.list.trim(ca, org, touched);
            // B's trim deletes some of the same stored rows as A's: it waits for A's commit (then skips the rows A
            // deleted), so it runs beside A's commit rather than before it.
            CompletableFuture<Void> trimB = CompletableFuture.runAsync(() -> {
                try {
                    kept.list.trim(cb, org, touched);
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
        int rows = kept.stored(org, false).values().iterator().next().size();
        assertTrue(rows > KeptList.KEEP, "a superset was left: " + rows);
        assertEquals(kept.expected(union), kept.stored(org, true), "whose first 100 are exactly the first");
        // The next fold of that team-day trims it back (the two batches marked folded and kept in both lists, the
        // other list's rows of them added as a fold would).
        try (Connection c = ds.getConnection()) {
            for (KeptList other : KeptList.ALL) {
                if (other != kept.list) {
                    other.add(c, batchEvents(org, a.get(0).batch()));
                    other.add(c, batchEvents(org, b.get(0).batch()));
                }
            }
        }
        markFolded(org, a.get(0).batch(), b.get(0).batch());
        List<Ev> c2 = batch(org, teams, 50, day, 20, 4, "c-");
        union.addAll(c2);
        foldAll(1_000);
        assertBoth(union, org, "trimmed by the next fold");

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
        assertBoth(union, org, "the team lock serialises them: exactly the 100");
    }

    @Test
    void shouldAddOnlyTheCandidatesThatReachTheTeamDaysFloor() throws Exception {
        String org = id("org_floor");
        String team = id("team");
        Instant day = daysAgo(36);
        // 300 events from 02:00 (latencies 100–2,000 ms, seven in ten errors): the team-day's 100th slowest is at least
        // 100 ms.
        List<Ev> all =
                new ArrayList<>(batch(org, new String[] {team}, 300, day.plus(2, ChronoUnit.HOURS), 20, 51, "f-"));
        foldAll(10_000);
        // Below the floor: 50 ms errors at 01:00. Then one at the floor: as slow as the 100th, and newer.
        List<Event> below = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            below.add(new Event(team, "below-" + i, day.plus(1, ChronoUnit.HOURS), 50, "timeout"));
        }
        int floorMs = ((Number) Db.query(
                                "select latency_ms from slowest_request where org_id = ?"
                                        + " order by latency_ms desc, occurred_at desc, request_id offset 99 limit 1",
                                org)
                        .get(0)
                        .get("latency_ms"))
                .intValue();
        assertTrue(floorMs >= 100, "a full team-day: " + floorMs);
        long belowBatch;
        long tieBatch;
        try (Connection c = ds.getConnection()) {
            belowBatch = EventBatches.insert(c, org, below, null);
            tieBatch = EventBatches.insert(
                    c, org, List.of(new Event(team, "tie", day.plus(23, ChronoUnit.HOURS), floorMs, null)), null);
        }
        Set<KeptList.TeamDay> touched = Set.of(new KeptList.TeamDay(
                team, LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay()));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertEquals(0, KeptList.SLOWEST.add(c, batchEvents(org, belowBatch), org, touched), "below the floor");
            assertEquals(1, KeptList.SLOWEST.add(c, batchEvents(org, tieBatch), org, touched), "a tie is a candidate");
            // The newest errors have no floors: every candidate is added, the trim decides.
            assertEquals(40, KeptList.NEWEST_ERRORS.add(c, batchEvents(org, belowBatch), org, touched), "no floors");
            c.rollback();
        }
        // Folded by the worker, both lists are still exactly the first 100 of all the team-day's events.
        all.addAll(below.stream().map(e -> new Ev(e, belowBatch)).toList());
        all.add(new Ev(new Event(team, "tie", day.plus(23, ChronoUnit.HOURS), floorMs, null), tieBatch));
        foldAll(10_000);
        assertBoth(all, org, "folded through the floors");
    }

    @Test
    void shouldTakeTheFloorFromDistinctEventsWhenOneIsStoredTwice() throws Exception {
        String org = id("org_floor2");
        String team = id("team");
        Instant day = daysAgo(37);
        // 100 events of 1,000 down to 901 ms: the team-day's floor is 901 ms.
        List<Event> stored = new ArrayList<>();
        for (int i = 0; i < KeptList.KEEP; i++) {
            stored.add(new Event(team, "s" + i, day.plus(1, ChronoUnit.HOURS).plusSeconds(i), 1_000 - i, null));
        }
        long storedBatch;
        try (Connection c = ds.getConnection()) {
            storedBatch = EventBatches.insert(c, org, stored, null);
        }
        foldAll(10_000);
        // A second copy of the slowest (as an aborted run once left): counted by row, the 100th row would be the 99th
        // event (902 ms), and a 901 ms event newer than the stored one, which belongs in the list, would not be added.
        Db.execute(
                "insert into slowest_request (day, latency_ms, occurred_at, org_id, team_id, request_id, provider, model,"
                        + " status) select day, latency_ms, occurred_at, org_id, team_id, request_id, provider, model,"
                        + " status from slowest_request where org_id = ? and request_id = 's0'",
                org);
        Event newer = new Event(team, "newer", day.plus(2, ChronoUnit.HOURS), 901, null);
        long newerBatch;
        try (Connection c = ds.getConnection()) {
            newerBatch = EventBatches.insert(c, org, List.of(newer), null);
        }
        foldAll(10_000);
        List<Ev> all =
                new ArrayList<>(stored.stream().map(e -> new Ev(e, storedBatch)).toList());
        all.add(new Ev(newer, newerBatch));
        assertEquals(Kept.SLOWEST.expected(all), Kept.SLOWEST.stored(org, false), "the newer 901 ms event listed");
    }

    @Test
    void shouldRecomputeRebuiltDaysAndDropRetainedDays() throws Exception {
        String org = id("org_rb");
        String[] teams = {id("team"), id("team")};
        Instant day0 = daysAgo(30);
        List<Ev> folded = new ArrayList<>(batch(org, teams, 600, day0, 48, 7, "r-"));
        foldAll(10_000);
        // Damage: one team-day loses its first rows, another gets a row no event has, in both lists.
        String day0Text = day0.toString().substring(0, 10);
        Db.execute(
                "delete from slowest_request where org_id = ? and team_id = ? and day = ?::date and latency_ms >= 1500",
                org,
                teams[0],
                day0Text);
        Db.execute(
                "delete from newest_error where org_id = ? and team_id = ? and occurred_at >= ?",
                org,
                teams[0],
                day0.plus(12, ChronoUnit.HOURS));
        Db.execute(
                """
                insert into slowest_request (day, latency_ms, occurred_at, org_id, team_id, request_id, provider,
                                             model, status)
                values (?::date, 99999, ?, ?, ?, 'ghost', 'p', 'm', 'success')""",
                day0.plus(1, ChronoUnit.DAYS).toString().substring(0, 10),
                day0.plus(25, ChronoUnit.HOURS),
                org,
                teams[1]);
        Db.execute("""
                insert into newest_error (occurred_at, org_id, team_id, request_id, provider, model, latency_ms)
                values (?, ?, ?, 'ghost', 'p', 'm', 1)""", day0.plus(47, ChronoUnit.HOURS).plusSeconds(59 * 60 + 59), org, teams[1]);
        // A pending batch of those days: not in the rebuilt rows; the workers fold it afterwards.
        List<Ev> pending = batch(org, teams, 200, day0, 48, 8, "p-");
        rebuild.rebuild(day0, day0.plus(2, ChronoUnit.DAYS), Actor.system("test"));
        assertBoth(folded, org, "the rebuilt days from the folded events only");
        folded.addAll(pending);
        foldAll(10_000);
        assertBoth(folded, org, "the pending batch folded after the rebuild");

        // Retention: a day whose raw partition is dropped loses its rows; later days keep theirs.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant old = today.minusDays(420).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant recent = today.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        String orgRet = id("org_ret");
        batch(orgRet, teams, 150, old, 20, 5, "o-");
        List<Ev> kept = batch(orgRet, teams, 150, recent, 20, 6, "n-");
        foldAll(10_000);
        for (Kept k : Kept.values()) {
            assertEquals(
                    2,
                    k.stored(orgRet, false).keySet().stream()
                            .map(key -> key.substring(key.indexOf('/')))
                            .collect(Collectors.toSet())
                            .size(),
                    k + " holds both days");
        }
        retention.apply(today, Actor.system("test"));
        assertBoth(kept, orgRet, "only the recent day's rows are left");
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
                    "update ingest_batch set rolled_up_at = now(), slowest_kept = true, errors_kept = true"
                            + " where org_id = ? and batch_id = ?",
                    org,
                    b);
        }
    }

    @Test
    void shouldAddTheListsOfBatchesOlderWorkersFoldedDuringARollout() throws Exception {
        String org = id("org_roll");
        String[] teams = {id("team"), id("team")};
        Instant day = daysAgo(33);
        List<Ev> all = new ArrayList<>(batch(org, teams, 400, day, 30, 21, "k-"));
        foldAll(10_000);
        assertEquals(
                0,
                Db.count(
                        "select count(*) from ingest_batch where org_id = ? and not (slowest_kept and errors_kept)",
                        org));
        // A worker of the version before V37 folds one batch (rolled_up_at only, in neither table), one of V37 another
        // (rolled_up_at and slowest_kept: its slowest added, not its errors).
        List<Ev> v36 = batch(org, teams, 300, day, 30, 22, "o1-");
        List<Ev> v37 = batch(org, teams, 300, day, 30, 23, "o2-");
        Db.execute(
                "update ingest_batch set rolled_up_at = now() where org_id = ? and batch_id = ?",
                org,
                v36.get(0).batch());
        try (Connection c = ds.getConnection()) {
            KeptList.SLOWEST.add(c, batchEvents(org, v37.get(0).batch()));
            KeptList.SLOWEST.trim(
                    c,
                    org,
                    v37.stream()
                            .map(e -> new KeptList.TeamDay(
                                    e.team(),
                                    LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC)
                                            .toEpochDay()))
                            .collect(Collectors.toSet()));
        }
        Db.execute(
                "update ingest_batch set rolled_up_at = now(), slowest_kept = true where org_id = ? and batch_id = ?",
                org,
                v37.get(0).batch());
        List<Ev> slowestIn = new ArrayList<>(all);
        slowestIn.addAll(v37);
        assertEquals(Kept.SLOWEST.expected(slowestIn), Kept.SLOWEST.stored(org, false), "the V37 fold's slowest");
        assertEquals(Kept.NEWEST_ERRORS.expected(all), Kept.NEWEST_ERRORS.stored(org, false), "no old fold's errors");
        // A pending batch too: the repair leaves it to the fold.
        List<Ev> pending = batch(org, teams, 200, day, 30, 24, "p-");
        int repaired = repairAll();
        // At least the V36 batch in both lists and the V37 one in the errors' (the repair is the database's: other
        // tests' batches folded the old way are repaired too).
        assertTrue(repaired >= 3, "the old folds repaired: " + repaired);
        all.addAll(v36);
        all.addAll(v37);
        assertBoth(all, org, "the old folds' lists added and trimmed");
        assertEquals(
                1,
                Db.count(
                        "select count(*) from ingest_batch where org_id = ? and not (slowest_kept or errors_kept)",
                        org),
                "only the pending batch is not kept");
        all.addAll(pending);
        foldAll(10_000);
        assertBoth(all, org, "then folded");
        assertEquals(
                0,
                Db.count(
                        "select count(*) from ingest_batch where org_id = ? and not (slowest_kept and errors_kept)",
                        org));
    }

    @ParameterizedTest
    @EnumSource(Kept.class)
    void shouldKeepTheFirstHundredDistinctEventsWhenOneWasStoredTwice(Kept kept) throws Exception {
        String org = id("org_twice");
        String team = id("team");
        Instant day = daysAgo(31);
        List<Ev> all = batch(org, new String[] {team}, 200, day, 20, 41, "t-");
        foldAll(10_000);
        Map<String, List<String>> truth = kept.expected(all);
        List<String> top = truth.values().iterator().next();
        assertEquals(KeptList.KEEP, top.size());
        // A second copy of the first event and of the 100th (which cannot happen through the worker's code: an aborted
        // run that added candidates of batches still pending would leave such copies for their fold to add again). The
        // 100th's two copies then straddle the boundary: a trim by request id deleted both.
        Db.execute(
                "insert into " + kept.list.table() + " select * from " + kept.list.table()
                        + " where org_id = ? and request_id in (?, ?)",
                org,
                top.get(0),
                top.get(KeptList.KEEP - 1));
        try (Connection c = ds.getConnection()) {
            kept.list.trim(
                    c,
                    org,
                    Set.of(new KeptList.TeamDay(
                            team, LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay())));
        }
        assertEquals(truth, kept.stored(org, false), "one copy of each of the first 100, nothing else");
    }
}
