package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Buckets;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coarser answers summed from finer ones a report reads anyway, so one engine query serves two sections: local days
 * from local hours, providers from (model, provider) rows. Sums are exact (counts and money add; latency sketches
 * merge into the sketch of all their events).
 */
final class ReportTrends {
    /** More local days than any report window (at most 366 days) holds. */
    private static final int DAYS = 1_000;

    private ReportTrends() {}

    /**
     * The window's local days, each the sum of its local hours. Exact because the engine's hours start at every
     * local midnight (they are counted from it, DST days and 30/45-minute offsets included), so no hour straddles two
     * days ({@code ReportTrendsTest} checks every zone of the time-zone database).
     */
    static StatsResult days(StatsResult hourly, Instant start, Instant end, ZoneId zone) {
        long[] days = Buckets.boundaries(start, end, zone, BucketSpec.DAY, DAYS);
        Map<Integer, Figures> byDay = new LinkedHashMap<>();
        for (StatsRow hour : hourly.rows()) {
            int i = Arrays.binarySearch(days, hour.bucketStart().getEpochSecond());
            // An hour starting before the first local midnight still lies in the first day (its part in the window).
            int day = Math.max(0, i >= 0 ? i : -i - 2);
            byDay.computeIfAbsent(day, d -> Figures.empty(false)).add(hour.figures());
        }
        List<StatsRow> rows = new ArrayList<>(byDay.size());
        byDay.forEach((day, f) -> rows.add(
                new StatsRow(Instant.ofEpochSecond(days[day]), Instant.ofEpochSecond(days[day + 1]), List.of(), f)));
        List<Instant> starts = new ArrayList<>(days.length - 1);
        for (int i = 0; i + 1 < days.length; i++) {
            starts.add(Instant.ofEpochSecond(days[i]));
        }
        return new StatsResult(rows, hourly.source(), hourly.rollupPieces(), hourly.rawPieces(), starts);
    }

    /**
     * Unbucketed rows summed by one of their dimensions ({@code index}); the result's rows have that dimension
     * only. Row order is not kept: report sections sort their rows themselves.
     */
    static List<StatsRow> byDimension(List<StatsRow> rows, int index) {
        Map<String, StatsRow> by = new HashMap<>();
        for (StatsRow r : rows) {
            String key = r.dimensions().get(index);
            by.computeIfAbsent(
                            key,
                            k -> new StatsRow(
                                    r.bucketStart(),
                                    r.bucketEnd(),
                                    Collections.singletonList(k),
                                    Figures.empty(r.figures().sketch() != null)))
                    .figures()
                    .add(r.figures());
        }
        return List.copyOf(by.values());
    }
}
