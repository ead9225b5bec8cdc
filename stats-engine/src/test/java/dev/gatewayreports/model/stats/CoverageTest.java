package dev.gatewayreports.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final int[] HOURS = {86_400, 3_600};
    private static final int[] QUARTERS = {86_400, 3_600, 900};
    private static final int[] WEEKS = {604_800, 86_400, 3_600};
    private static final long T = Instant.parse("2026-12-03T00:00:00Z").getEpochSecond();

    /** Σ sign over the pieces holding second t. */
    private static int count(List<Coverage.Piece> pieces, long t) {
        int n = 0;
        for (Coverage.Piece p : pieces) {
            if (p.from() <= t && t < p.to()) {
                n += p.sign();
            }
        }
        return n;
    }

    /** Raw seconds read plus {@link Coverage#ROLLUP_BUCKET_COST} per rollup bucket read. */
    private static long cost(List<Coverage.Piece> pieces) {
        return pieces.stream()
                .mapToLong(p -> p.grain() == 0
                        ? p.to() - p.from()
                        : (p.to() - p.from()) / p.grain() * Coverage.ROLLUP_BUCKET_COST)
                .sum();
    }

    /**
     * The signed sum of the pieces is the span itself, second by second (checked at every piece's edges and the
     * seconds beside them, where a miscount would show), nothing subtracted lies inside the span, every piece is on
     * its grain's grid, and no cover costs more than the plain one.
     */
    @Test
    void shouldSumToExactlyTheSpanWithNothingSubtractedInsideIt() {
        Random random = new Random(20261203);
        for (int[] grains : List.of(HOURS, QUARTERS, WEEKS)) {
            for (int i = 0; i < 5_000; i++) {
                long a = T + random.nextInt(10 * 86_400) - 5 * 86_400;
                long b = a + 1 + random.nextInt(random.nextBoolean() ? 7_200 : 40 * 86_400);
                if (random.nextInt(4) == 0) {
                    a -= Math.floorMod(a, 3_600); // one edge on the hour grid
                }
                List<Coverage.Piece> signed = Coverage.signed(a, b, grains, Long.MIN_VALUE);
                TreeSet<Long> probes = new TreeSet<>(List.of(a - 1, a, b - 1, b));
                for (Coverage.Piece p : signed) {
                    probes.addAll(List.of(p.from() - 1, p.from(), p.to() - 1, p.to()));
                    if (p.grain() > 0) {
                        assertEquals(0, Math.floorMod(p.from(), p.grain()), p + " off its grid");
                        assertEquals(0, Math.floorMod(p.to(), p.grain()), p + " off its grid");
                    }
                    if (p.sign() < 0) {
                        assertTrue(p.to() <= a || p.from() >= b, p + " subtracted inside [" + a + ", " + b + ")");
                    }
                }
                for (long t : probes) {
                    assertEquals(
                            a <= t && t < b ? 1 : 0, count(signed, t), "second " + t + " of [" + a + ", " + b + ")");
                }
                List<Coverage.Piece> plain = Coverage.pieces(new long[] {a, b}, a, b, grains);
                assertTrue(cost(signed) <= cost(plain), "costs more than the plain cover");
            }
        }
    }

    @Test
    void shouldReadAnHourWholeWhenMostOfItIsInsideTheWindow() {
        long end = T + 21 * 3_600 + 51 * 60; // 21:51
        List<Coverage.Piece> pieces = Coverage.signed(T + 3 * 86_400, end + 3 * 86_400, HOURS, Long.MIN_VALUE);
        // 21:00–22:00 read whole less 21:51–22:00 raw; the day's hours before it as the day less its last two hours.
        long day = T + 3 * 86_400;
        long e = end + 3 * 86_400;
        assertEquals(
                List.of(
                        new Coverage.Piece(86_400, day, day + 86_400, 1),
                        new Coverage.Piece(0, e, day + 22 * 3_600, -1),
                        new Coverage.Piece(3_600, day + 22 * 3_600, day + 86_400, -1)),
                pieces);
    }

    @Test
    void shouldReadAFewMinutesRawWhenLittleOfTheHourIsInsideTheWindow() {
        long start = T + 21 * 3_600; // 21:00
        long end = start + 6 * 60; // 21:06
        assertEquals(List.of(new Coverage.Piece(0, start, end, 1)), Coverage.signed(start, end, HOURS, Long.MIN_VALUE));
        // 20:54–21:06 around the hour: six raw minutes on each side.
        assertEquals(
                List.of(new Coverage.Piece(0, start - 360, start, 1), new Coverage.Piece(0, start, end, 1)),
                Coverage.signed(start - 360, end, HOURS, Long.MIN_VALUE));
    }

    @Test
    void shouldNotReadWholeWhatStartsBeforeRawEventsAreKept() {
        long start = T + 21 * 3_600 + 6 * 60; // 21:06, most of the hour inside
        long end = T + 2 * 86_400;
        List<Coverage.Piece> whole = Coverage.signed(start, end, HOURS, Long.MIN_VALUE);
        assertTrue(whole.stream().anyMatch(p -> p.sign() < 0), "21:00–21:06 subtracted: " + whole);
        List<Coverage.Piece> kept = Coverage.signed(start, end, HOURS, T + 86_400);
        assertTrue(kept.stream().allMatch(p -> p.sign() > 0), "nothing before T + 1 day read whole: " + kept);
        assertEquals(Coverage.pieces(new long[] {start, end}, start, end, HOURS), new ArrayList<>(kept));
    }

    /**
     * The benchmark's 30-day window (its edges off every grid) with the per-key table's weeks: its four whole epoch
     * weeks (Thursday to Thursday) are four rows per key instead of 28 days.
     */
    @Test
    void shouldReadWholeWeeksOfAThirtyDayWindow() {
        long start = Instant.parse("2026-11-04T04:02:41Z").getEpochSecond();
        long end = Instant.parse("2026-12-04T04:02:41Z").getEpochSecond();
        long weeksFrom = Instant.parse("2026-11-05T00:00:00Z").getEpochSecond();
        long weeksTo = Instant.parse("2026-12-03T00:00:00Z").getEpochSecond();
        List<Coverage.Piece> weeks = Coverage.signed(start, end, WEEKS, Long.MIN_VALUE);
        assertTrue(weeks.contains(new Coverage.Piece(604_800, weeksFrom, weeksTo, 1)), weeks.toString());
        long buckets = weeks.stream()
                .filter(p -> p.grain() > 0)
                .mapToLong(p -> (p.to() - p.from()) / p.grain())
                .sum();
        long days = Coverage.signed(start, end, HOURS, Long.MIN_VALUE).stream()
                .filter(p -> p.grain() > 0)
                .mapToLong(p -> (p.to() - p.from()) / p.grain())
                .sum();
        assertTrue(buckets <= days - 20, buckets + " rollup buckets with weeks, " + days + " without");
    }
}
