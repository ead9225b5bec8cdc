package dev.gatewayreports.model.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The bucket boundaries of a window, as UTC epoch seconds: {@code b[0] <= start < b[1] < ... < b[n] >= end};
 * bucket i is {@code [b[i], b[i+1])}. Local calendar buckets follow the zone's rules, DST included.
 */
public final class Buckets {
    private Buckets() {}

    public static long[] boundaries(Instant start, Instant end, ZoneId zone, BucketSpec spec, int maxBuckets) {
        long s = start.getEpochSecond();
        long e = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        long shortest = switch (spec.kind()) {
            case NONE -> Long.MAX_VALUE;
            case DAY -> 23 * 3_600L;
            case WEEK -> 7 * 23 * 3_600L;
            case MONTH -> 28 * 23 * 3_600L;
            case SECONDS -> Math.min(spec.seconds(), 23 * 3_600L);
        };
        if ((e - s) / shortest > maxBuckets + 2L) {
            throw tooMany(maxBuckets);
        }
        long[] b = switch (spec.kind()) {
            case NONE -> new long[] {s, e};
            case DAY -> calendar(start, end, zone, 1, maxBuckets);
            case WEEK -> weeks(start, end, zone, maxBuckets);
            case MONTH -> months(start, end, zone, maxBuckets);
            case SECONDS -> seconds(start, end, zone, spec.seconds(), maxBuckets);
        };
        if (b.length - 1 > maxBuckets) {
            throw tooMany(maxBuckets);
        }
        return b;
    }

    private static long[] seconds(Instant start, Instant end, ZoneId zone, long g, int maxBuckets) {
        if (86_400 % g == 0 && g >= 3_600) {
            return wallClock(start, end, zone, g, maxBuckets);
        }
        if (g % 86_400 == 0) {
            return calendar(start, end, zone, (int) (g / 86_400), maxBuckets);
        }
        long s = start.getEpochSecond();
        long e = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        long offset = 86_400 % g == 0 ? zone.getRules().getOffset(start).getTotalSeconds() : 0;
        long first = Math.floorDiv(s + offset, g) * g - offset;
        if ((e - first) / g + 1 > maxBuckets) {
            throw tooMany(maxBuckets);
        }
        List<Long> list = new ArrayList<>();
        for (long t = first; ; t += g) {
            list.add(t);
            if (t >= e) {
                break;
            }
        }
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    /** Local wall-clock multiples of g from each local midnight; both instants of a repeated local time. */
    private static long[] wallClock(Instant start, Instant end, ZoneId zone, long g, int maxBuckets) {
        TreeSet<Long> set = new TreeSet<>();
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = end.atZone(zone).toLocalDate().plusDays(1);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (long j = 0; j < 86_400 / g; j++) {
                ZonedDateTime local = ZonedDateTime.ofLocal(day.atTime(LocalTime.ofSecondOfDay(j * g)), zone, null);
                set.add(local.withEarlierOffsetAtOverlap().toEpochSecond());
                set.add(local.withLaterOffsetAtOverlap().toEpochSecond());
            }
            if (set.size() > maxBuckets + 100L * 86_400 / g) {
                throw tooMany(maxBuckets);
            }
        }
        return clip(set, start, end);
    }

    private static long[] calendar(Instant start, Instant end, ZoneId zone, int days, int maxBuckets) {
        TreeSet<Long> set = new TreeSet<>();
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate last = end.atZone(zone).toLocalDate().plusDays(days);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(days)) {
            set.add(d.atStartOfDay(zone).toEpochSecond());
            if (set.size() > maxBuckets + 2) {
                throw tooMany(maxBuckets);
            }
        }
        return clip(set, start, end);
    }

    private static long[] weeks(Instant start, Instant end, ZoneId zone, int maxBuckets) {
        TreeSet<Long> set = new TreeSet<>();
        LocalDate first = start.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = end.atZone(zone).toLocalDate().plusWeeks(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusWeeks(1)) {
            set.add(d.atStartOfDay(zone).toEpochSecond());
            if (set.size() > maxBuckets + 2) {
                throw tooMany(maxBuckets);
            }
        }
        return clip(set, start, end);
    }

    private static long[] months(Instant start, Instant end, ZoneId zone, int maxBuckets) {
        TreeSet<Long> set = new TreeSet<>();
        LocalDate first = start.atZone(zone).toLocalDate().withDayOfMonth(1);
        LocalDate last = end.atZone(zone).toLocalDate().plusMonths(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusMonths(1)) {
            set.add(d.atStartOfDay(zone).toEpochSecond());
            if (set.size() > maxBuckets + 2) {
                throw tooMany(maxBuckets);
            }
        }
        return clip(set, start, end);
    }

    /** The boundaries from the last one at or before start to the first one at or after end. */
    private static long[] clip(TreeSet<Long> set, Instant start, Instant end) {
        long s = start.getEpochSecond();
        long e = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        Long from = set.floor(s);
        Long to = set.ceiling(e);
        return set.subSet(from, true, to, true).stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    private static QueryTooLargeException tooMany(int maxBuckets) {
        throw new QueryTooLargeException("the query would make more than " + maxBuckets + " buckets");
    }
}
