package dev.gatewayreports.reportapi.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Buckets;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTrendsTest {
    private static final long[] NO_TOKENS = new long[6];
    private static final BigDecimal[] NO_PARTS = new BigDecimal[Figures.COST_PARTS];

    @Test
    void shouldStartAnHourAtEveryLocalMidnightOfEveryZone() {
        // ReportTrends.days relies on it: no local hour of the engine straddles two local days.
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            for (int window = 0; window < 3; window++) {
                Instant start = from.plus(Duration.ofDays(300L * window));
                Instant end = start.plus(Duration.ofDays(300));
                long[] days = Buckets.boundaries(start, end, zone, BucketSpec.DAY, 1_000);
                long[] hours = Buckets.boundaries(start, end, zone, BucketSpec.seconds(3600), 10_000);
                for (int i = 1; i + 1 < days.length; i++) {
                    assertTrue(
                            Arrays.binarySearch(hours, days[i]) >= 0,
                            id + ": the local day starting " + Instant.ofEpochSecond(days[i]) + " starts no hour");
                }
            }
        }
    }

    @Test
    void shouldSumHoursIntoLocalDaysAcrossTheFallBackDay() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Off the hour at both ends, across 2024-11-03 (25 hours in New York).
        Instant start = Instant.parse("2024-11-01T13:20:00Z");
        Instant end = Instant.parse("2024-11-05T02:10:00Z");
        long[] hours = Buckets.boundaries(start, end, newYork, BucketSpec.seconds(3600), 10_000);
        List<StatsRow> rows = new ArrayList<>();
        for (int i = 0; i + 1 < hours.length; i++) {
            if (i % 7 == 3) {
                continue; // hours without events have no row
            }
            Figures f = Figures.empty(false);
            for (int k = 0; k <= i % 3; k++) {
                f.addEvent(
                        k == 1,
                        NO_TOKENS,
                        null,
                        new BigDecimal("0.000001"),
                        new BigDecimal("1.25"),
                        NO_PARTS,
                        false,
                        10);
            }
            rows.add(new StatsRow(Instant.ofEpochSecond(hours[i]), Instant.ofEpochSecond(hours[i + 1]), List.of(), f));
        }
        StatsResult hourly = new StatsResult(rows, "rollup_team", 1, 0, List.of());

        StatsResult daily = ReportTrends.days(hourly, start, end, newYork);

        long[] days = Buckets.boundaries(start, end, newYork, BucketSpec.DAY, 1_000);
        assertEquals(days.length - 1, daily.bucketStarts().size());
        assertEquals(Instant.ofEpochSecond(days[0]), daily.bucketStarts().get(0));
        for (StatsRow day : daily.rows()) {
            long requests = 0;
            long errors = 0;
            BigDecimal cost = BigDecimal.ZERO;
            for (StatsRow hour : rows) {
                // an hour is counted where its part inside the window lies (the first one starts before it)
                Instant hourStart = hour.bucketStart().isBefore(start) ? start : hour.bucketStart();
                if (!hourStart.isBefore(day.bucketStart()) && hourStart.isBefore(day.bucketEnd())) {
                    requests += hour.figures().requests();
                    errors += hour.figures().errors();
                    cost = cost.add(hour.figures().costUsd());
                }
            }
            assertEquals(requests, day.figures().requests(), day.bucketStart().toString());
            assertEquals(errors, day.figures().errors(), day.bucketStart().toString());
            assertEquals(cost, day.figures().costUsd(), day.bucketStart().toString());
        }
        assertEquals(
                rows.stream().mapToLong(r -> r.figures().requests()).sum(),
                daily.rows().stream().mapToLong(r -> r.figures().requests()).sum());
        StatsRow fallBack = daily.rows().stream()
                .filter(r -> r.bucketStart().equals(Instant.parse("2024-11-03T04:00:00Z")))
                .findFirst()
                .orElseThrow();
        assertEquals(Duration.ofHours(25), Duration.between(fallBack.bucketStart(), fallBack.bucketEnd()));
    }

    @Test
    void shouldSumRowsByOneDimensionKeepingNulls() {
        List<StatsRow> models = List.of(
                row("m-a", "openai", 3), row("m-b", "openai", 2), row("m-c", null, 4), row("m-d", "anthropic", 1));

        List<StatsRow> providers = new ArrayList<>(ReportTrends.byDimension(models, 1));
        providers.sort(
                Comparator.comparing(r -> r.dimensions().get(0), Comparator.nullsFirst(Comparator.naturalOrder())));

        assertEquals(3, providers.size());
        assertEquals(Arrays.asList((String) null), providers.get(0).dimensions());
        assertEquals(4, providers.get(0).figures().requests());
        assertEquals(List.of("anthropic"), providers.get(1).dimensions());
        assertEquals(1, providers.get(1).figures().requests());
        assertEquals(List.of("openai"), providers.get(2).dimensions());
        assertEquals(5, providers.get(2).figures().requests());
        assertEquals(new BigDecimal("12.50"), providers.get(2).figures().costUsd());
        assertEquals(Double.valueOf(10), providers.get(2).figures().latencyPercentile(50));
    }

    private static StatsRow row(String model, String provider, int requests) {
        Figures f = Figures.empty(true);
        for (int i = 0; i < requests; i++) {
            f.addEvent(false, NO_TOKENS, null, BigDecimal.ONE, new BigDecimal("2.50"), NO_PARTS, false, 10);
        }
        Instant at = Instant.parse("2024-11-01T00:00:00Z");
        return new StatsRow(at, at.plusSeconds(86_400), Arrays.asList(model, provider), f);
    }
}
