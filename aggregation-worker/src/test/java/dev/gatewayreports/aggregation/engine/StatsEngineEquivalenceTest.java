package dev.gatewayreports.aggregation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.rollup.EquivalenceData;
import dev.gatewayreports.aggregation.rollup.ManualRollups;
import dev.gatewayreports.aggregation.rollup.RollupCycle;
import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated queries, each answered twice — from rollups (with raw edges) and from raw events only —
 * and checked against each other and against SQL over the raw events (counts, sums, money exactly; percentiles
 * within 1% of percentile_disc). Another organization has teams of the same ids and events of its own in the same
 * days: no answer may count any of them.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class StatsEngineEquivalenceTest {
    private static final Instant FROM = Instant.parse("2024-10-18T00:00:00Z");
    private static final int DAYS = 24;
    private static final ZoneId[] ZONES = {
        ZoneId.of("UTC"),
        ZoneId.of("America/New_York"),
        ZoneId.of("Asia/Kolkata"),
        ZoneId.of("Asia/Kathmandu"),
        ZoneId.of("Australia/Adelaide"),
        ZoneId.of("Europe/Berlin"),
        ZoneId.of("America/St_Johns")
    };
    // Instance fields, not static: the test class is also loaded outside Quarkus' class loader, and a static
    // of a common-model type would then come from the wrong loader.
    private final BucketSpec[] specs = {
        BucketSpec.NONE,
        BucketSpec.DAY,
        BucketSpec.WEEK,
        BucketSpec.MONTH,
        BucketSpec.seconds(3_600),
        BucketSpec.seconds(900),
        BucketSpec.seconds(86_400),
        BucketSpec.seconds(1_800),
        BucketSpec.seconds(21_600)
    };
    private final List<List<Dimension>> groups = List.of(
            List.of(),
            List.of(Dimension.MODEL),
            List.of(Dimension.PROVIDER, Dimension.MODEL),
            List.of(Dimension.TEAM),
            List.of(Dimension.API_KEY),
            List.of(Dimension.ERROR_TYPE),
            List.of(Dimension.MODEL, Dimension.ERROR_TYPE),
            List.of(Dimension.MODEL, Dimension.SERVICE_TIER),
            List.of(Dimension.API_KEY, Dimension.MODEL, Dimension.CONTEXT_WINDOW, Dimension.INFERENCE_GEO));

    private final AgroalDataSource ds;
    private final RollupCycle cycle;

    StatsEngineEquivalenceTest(AgroalDataSource ds, RollupCycle cycle) {
        this.ds = ds;
        this.cycle = cycle;
    }

    @Test
    void shouldAnswerHundredsOfRandomQueriesIdenticallyFromRollupsAndRawEvents() throws Exception {
        String[] teams = {team(), team(), team()};
        String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
        EquivalenceData.load(ds, cycle, "org_" + UUID.randomUUID().toString().substring(0, 8), teams, FROM, DAYS);
        EquivalenceData.load(ds, cycle, org, teams, FROM, DAYS);
        StatsEngine fast = fast();
        StatsEngine raw = new StatsEngine(ds, new StatsEngine.Limits(10_000, 100_000, Duration.ofDays(100_000)));
        RawOracle oracle = new RawOracle(ds);
        Random random = new Random(20241103);
        int fromRollups = 0;
        for (int i = 0; i < 300; i++) {
            StatsQuery q = randomQuery(random, teams, org);
            StatsResult a = fast.execute(q);
            StatsResult b = raw.execute(q);
            assertEquals("raw", b.source());
            String what = "query " + i + ": " + q;
            assertSameRows(a, b, q, what);
            oracle.assertTotals(q, a, what);
            for (int k = 0; k < Math.min(3, a.rows().size()); k++) {
                oracle.assertRow(q, a.rows().get(random.nextInt(a.rows().size())), what);
            }
            fromRollups += a.rollupPieces() > 0 ? 1 : 0;
        }
        assertTrue(fromRollups > 200, "only " + fromRollups + " of 300 queries read rollups");
    }

    /**
     * A query of one bucket that needs no latency sketch has its rollup rows summed in PostgreSQL, one row per group
     * (StatsSql.rollup, grouped); others read rows. Every table, grain and bucket kind, random zones, and New York's
     * local days, hours and whole windows across the DST change of 2024-11-03 (a 25-hour day), answered as raw
     * events and SQL over them say.
     */
    @Test
    void shouldSumRollupRowsInSqlAsRawEventsAddUp() throws Exception {
        String[] teams = {team(), team(), team()};
        String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
        EquivalenceData.load(ds, cycle, "org_" + UUID.randomUUID().toString().substring(0, 8), teams, FROM, DAYS);
        EquivalenceData.load(ds, cycle, org, teams, FROM, DAYS);
        StatsEngine fast = fast();
        StatsEngine raw = new StatsEngine(ds, new StatsEngine.Limits(10_000, 100_000, Duration.ofDays(100_000)));
        RawOracle oracle = new RawOracle(ds);
        Random random = new Random(20261203);
        List<StatsQuery> queries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(withoutLatency(randomQuery(random, teams, org)));
        }
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant dstStart = Instant.parse("2024-11-01T04:00:00Z"); // local midnight, 1 November (EDT)
        Instant dstEnd = Instant.parse("2024-11-05T05:00:00Z"); // local midnight, 5 November (EST)
        for (Instant start : List.of(dstStart, dstStart.plusSeconds(1_234))) {
            for (BucketSpec spec : List.of(BucketSpec.DAY, BucketSpec.seconds(3_600), BucketSpec.NONE)) {
                for (List<Dimension> group : groups) {
                    for (boolean whole : new boolean[] {false, true}) {
                        queries.add(withoutLatency(new StatsQuery(
                                org,
                                List.of(teams),
                                start,
                                dstEnd.minusSeconds(start.getEpochSecond() % 3_600 == 0 ? 0 : 777),
                                newYork,
                                spec,
                                group,
                                Map.of(),
                                RawFilters.NONE,
                                measures(group),
                                whole)));
                    }
                }
            }
        }
        int fromRollups = 0;
        int summedInSql = 0;
        int subtracted = 0;
        for (int i = 0; i < queries.size(); i++) {
            StatsQuery q = queries.get(i);
            StatsResult a = fast.execute(q);
            String what = "query " + i + ": " + q;
            assertSameRows(a, raw.execute(q), q, what);
            oracle.assertTotals(q, a, what);
            for (int k = 0; k < Math.min(3, a.rows().size()); k++) {
                oracle.assertRow(q, a.rows().get(random.nextInt(a.rows().size())), what);
            }
            fromRollups += a.rollupPieces() > 0 ? 1 : 0;
            summedInSql += a.rollupPieces() > 0 && a.bucketStarts().size() == 1 ? 1 : 0;
            subtracted += a.subtractedPieces() > 0 ? 1 : 0;
        }
        assertTrue(fromRollups > 200, "only " + fromRollups + " of " + queries.size() + " queries read rollups");
        // One bucket, no latency: these had their rollup rows summed in SQL.
        assertTrue(summedInSql > 40, "only " + summedInSql + " queries of one bucket read rollups");
        // Windows off the hour grid: some read a partly covered rollup row whole and subtracted the rest.
        assertTrue(subtracted > 20, "only " + subtracted + " queries subtracted what lies outside their window");
    }

    /**
     * The engine as report-api runs it, but for raw events kept without limit: the data lie in 2024, and a rollup
     * row read whole in part outside a window is only so where raw events are kept (StatsEngine.Limits#rawRetention).
     */
    private StatsEngine fast() {
        return new StatsEngine(
                ds, new StatsEngine.Limits(10_000, 100_000, Duration.ZERO, null, Duration.ofDays(100_000)));
    }

    private static StatsQuery withoutLatency(StatsQuery q) {
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        measures.addAll(q.measures());
        measures.remove(Measure.LATENCY);
        return new StatsQuery(
                q.organizationId(),
                q.teamIds(),
                q.start(),
                q.end(),
                q.zone(),
                q.buckets(),
                q.groupBy(),
                q.filters(),
                q.rawFilters(),
                measures,
                q.wholeOrganization());
    }

    @Test
    void shouldCountEventsOfUnfoldedBatchesOnceWhileAWorkerFolds() throws Exception {
        String[] teams = {team(), team(), team()};
        String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
        String other = "org_" + UUID.randomUUID().toString().substring(0, 8);
        EquivalenceData.loadPartlyFolded(ds, cycle, other, teams, FROM, DAYS);
        EquivalenceData.loadPartlyFolded(ds, cycle, org, teams, FROM, DAYS);
        StatsEngine fast = fast();
        StatsEngine raw = new StatsEngine(ds, new StatsEngine.Limits(10_000, 100_000, Duration.ofDays(100_000)));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong folds = new java.util.concurrent.atomic.AtomicLong();
        Thread worker = new Thread(() -> {
            try {
                while (!stop.get()) {
                    if (cycle.runOnce(1, () -> {}) >= 0) {
                        folds.incrementAndGet();
                    }
                    Thread.sleep(40);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Random random = new Random(5);
        int fromRollups = 0;
        int subtracted = 0;
        try {
            // The first queries run before the worker starts: half the events are only in pending batches.
            for (int i = 0; i < 120; i++) {
                if (i == 30) {
                    worker.start();
                }
                StatsQuery q = randomQuery(random, teams, org);
                StatsResult a = fast.execute(q);
                assertSameRows(a, raw.execute(q), q, "query " + i + " with " + folds.get() + " folds: " + q);
                fromRollups += a.rollupPieces() > 0 ? 1 : 0;
                subtracted += a.subtractedPieces() > 0 ? 1 : 0;
            }
        } finally {
            stop.set(true);
            worker.join();
        }
        assertTrue(fromRollups > 60, "only " + fromRollups + " of 120 queries read rollups");
        // Pending batches' events lie outside windows too, in rollup rows read whole: not in them, not subtracted.
        assertTrue(subtracted > 5, "only " + subtracted + " of 120 queries subtracted what lies outside their window");
        assertTrue(folds.get() > 0, "the worker folded while queries ran");
    }

    @Test
    void shouldAnswerAReportsQueriesTogetherAsEachAlone() throws Exception {
        String[] teams = {team(), team(), team()};
        String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
        EquivalenceData.loadPartlyFolded(ds, cycle, org, teams, FROM, DAYS);
        StatsEngine fast = fast();
        StatsEngine raw = new StatsEngine(ds, new StatsEngine.Limits(10_000, 100_000, Duration.ofDays(100_000)));
        Random random = new Random(13);
        Set<Measure> all = EnumSet.of(
                Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST, Measure.LATENCY);
        Set<Measure> trend =
                EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST);
        Set<Measure> money = EnumSet.of(Measure.REQUESTS, Measure.CREDITS, Measure.COST);
        int shared = 0;
        int subtracted = 0;
        for (int i = 0; i < 40; i++) {
            // A report's questions (as ReportBuilder asks them) over one random window, and one random query of
            // its own (other teams or a filter: read on its own) in the same call.
            StatsQuery anchor = randomQuery(random, teams, org);
            Instant start = anchor.start();
            Instant end = anchor.end();
            Instant previous = start.minus(Duration.between(start, end));
            List<StatsQuery> report = List.of(
                    like(anchor, previous, start, BucketSpec.NONE, List.of(), all),
                    like(anchor, start, end, BucketSpec.NONE, List.of(Dimension.MODEL, Dimension.PROVIDER), all),
                    like(anchor, start, end, BucketSpec.seconds(3_600), List.of(), trend),
                    like(anchor, start, end, BucketSpec.DAY, List.of(), trend),
                    like(anchor, start, end, BucketSpec.NONE, List.of(Dimension.API_KEY), money),
                    like(
                            anchor,
                            start,
                            end,
                            BucketSpec.NONE,
                            List.of(Dimension.ERROR_TYPE),
                            EnumSet.of(Measure.ERRORS)),
                    randomQuery(random, teams, org));
            List<StatsResult> together = fast.executeAll(report);
            assertEquals(report.size(), together.size());
            for (int k = 0; k < report.size(); k++) {
                StatsQuery q = report.get(k);
                String what = "report " + i + " query " + k + ": " + q;
                assertSameRows(together.get(k), raw.execute(q), q, what);
                assertSameRows(together.get(k), fast.execute(q), q, what + " (alone)");
                shared += together.get(k).rollupPieces() > 0 ? 1 : 0;
                subtracted += together.get(k).subtractedPieces() > 0 ? 1 : 0;
            }
        }
        assertTrue(shared > 200, "only " + shared + " of 280 queries read rollups");
        assertTrue(subtracted > 20, "only " + subtracted + " of 280 queries subtracted what lies outside their window");
    }

    private static StatsQuery like(
            StatsQuery q,
            Instant start,
            Instant end,
            BucketSpec buckets,
            List<Dimension> group,
            Set<Measure> measures) {
        return new StatsQuery(
                q.organizationId(),
                q.teamIds(),
                start,
                end,
                q.zone(),
                buckets,
                group,
                Map.of(),
                RawFilters.NONE,
                measures,
                q.wholeOrganization());
    }

    private static String team() {
        return "team_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private StatsQuery randomQuery(Random r, String[] teams, String org) {
        ZoneId zone = ZONES[r.nextInt(ZONES.length)];
        Instant start = FROM.plusSeconds(r.nextInt(20 * 86_400));
        start = switch (r.nextInt(3)) {
            case 0 -> start.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case 1 -> start.minusSeconds(start.getEpochSecond() % 3_600);
            default -> start.plusMillis(r.nextInt(1_000));
        };
        Instant end = start.plusSeconds(3_600 + r.nextInt(10 * 86_400));
        if (r.nextBoolean()) {
            end = end.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().plus(Duration.ofDays(1));
        }
        List<Dimension> group = groups.get(r.nextInt(groups.size()));
        List<String> teamIds = new ArrayList<>(List.of(teams).subList(0, 1 + r.nextInt(teams.length)));
        // All three teams are the whole organization: then half the queries may read organization-wide rollups.
        boolean wholeOrganization = teamIds.size() == teams.length && r.nextBoolean();
        return new StatsQuery(
                org,
                teamIds,
                start,
                end,
                zone,
                specs[r.nextInt(specs.length)],
                group,
                filters(r, group, teamIds),
                RawFilters.NONE,
                measures(group),
                wholeOrganization);
    }

    private static Map<Dimension, Set<String>> filters(Random r, List<Dimension> group, List<String> teams) {
        if (r.nextInt(3) > 0 || group.isEmpty()) {
            return Map.of();
        }
        Dimension d = group.get(r.nextInt(group.size()));
        Set<String> values = switch (d) {
            case MODEL -> Set.of("m-a", "m-c");
            case API_KEY -> Set.of("key_1", "key_2");
            case SERVICE_TIER -> Set.of("standard");
            case ERROR_TYPE -> Set.of("timeout", "rate_limit");
            case TEAM -> Set.of(teams.get(0));
            case PROVIDER -> Set.of("openai");
            case CONTEXT_WINDOW -> Set.of("0-200k");
            case INFERENCE_GEO -> Set.of("eu");
            case STATUS -> Set.of("error");
        };
        return Map.of(d, values);
    }

    static Set<Measure> measures(List<Dimension> group) {
        if (group.contains(Dimension.ERROR_TYPE)) {
            return EnumSet.of(Measure.ERRORS);
        }
        if (group.contains(Dimension.API_KEY) && group.size() == 1) {
            return EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.CREDITS, Measure.COST);
        }
        if (group.contains(Dimension.SERVICE_TIER) || group.contains(Dimension.CONTEXT_WINDOW)) {
            return EnumSet.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST, Measure.COST_PARTS);
        }
        return EnumSet.allOf(Measure.class);
    }

    private static void assertSameRows(StatsResult a, StatsResult b, StatsQuery q, String what) {
        assertEquals(b.rows().size(), a.rows().size(), what + " row count");
        for (int i = 0; i < a.rows().size(); i++) {
            StatsRow x = a.rows().get(i);
            StatsRow y = b.rows().get(i);
            assertEquals(y.bucketStart(), x.bucketStart(), what);
            assertEquals(y.dimensions(), x.dimensions(), what);
            FigureCheck.assertSameFigures(q.measures(), y.figures(), x.figures(), what + " row " + i);
        }
    }
}
